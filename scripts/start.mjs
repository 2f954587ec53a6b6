#!/usr/bin/env node
/**
 * `npm start`: the desktop app.
 *
 * Electron embeds its own Node ABI, so it cannot load the better-sqlite3 that `npm install` built
 * for Node (which the tests and `npm run serve` use). On first run this script builds a second
 * copy for Electron into .electron-sqlite/ (git-ignored), leaving node_modules untouched; the
 * Electron host loads it through better-sqlite3's `nativeBinding` option. It is rebuilt only when
 * the Electron or better-sqlite3 version changes.
 */
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const fail = (msg) => {
  console.error(`\n${msg}\n`);
  process.exit(1);
};
const run = (cmd, args, cwd) =>
  spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;

// 1. Electron itself.
let electronBinary;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = undefined;
}
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  fail(
    'Electron is not installed (its download was skipped or failed).\n' +
      'Run `node node_modules/electron/install.js` with internet access, or use Retain in a browser: `npm run serve`.',
  );
}
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;

// 2. better-sqlite3 for Electron's ABI, once per (Electron, better-sqlite3) version pair.
const outDir = join(root, '.electron-sqlite');
const binding = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'version.txt');
const stamp = `electron ${electronVersion} / better-sqlite3 ${sqliteVersion}`;
if (!existsSync(binding) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (first start only)…`);
  const work = join(outDir, 'package');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  // A prebuilt binary when one is published for this Electron, else a source build against Electron's headers.
  const ok =
    run(bin('prebuild-install'), ['--runtime=electron', `--target=${electronVersion}`, '--verbose'], work) ||
    run(
      process.env.npm_config_node_gyp ? process.execPath : 'npx',
      [
        ...(process.env.npm_config_node_gyp ? [process.env.npm_config_node_gyp] : ['--yes', 'node-gyp']),
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      work,
    );
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) fail('Could not build better-sqlite3 for Electron. A C++ toolchain (python3, make, a C++ compiler) is needed once.');
  copyFileSync(built, binding);
  writeFileSync(stampFile, stamp);
  rmSync(work, { recursive: true, force: true });
}

// 3. Build the app and open it.
if (!run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], root)) fail('The build failed.');
const child = spawn(electronBinary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
