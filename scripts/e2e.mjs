#!/usr/bin/env node
// End-to-end tests in Chromium against the local HTTP host. Uses a system Chromium when one exists;
// otherwise fetches Playwright's own Chromium first, so the same command works on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const system = [process.env.RETAIN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!system) {
  console.log('No system Chromium found: installing Playwright\'s Chromium (one-time download).');
  if (run(bin('playwright'), ['install', 'chromium']) !== 0) {
    console.error('Could not install a browser for the end-to-end tests. Install Chromium and set RETAIN_CHROMIUM to its path.');
    process.exit(1);
  }
}
if (!existsSync(join(root, 'out', 'main', 'serve.js')) || process.env.RETAIN_SKIP_BUILD !== '1') {
  if (run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']) !== 0) process.exit(1);
}
// Say up front why the Electron spec will be skipped, if it will.
let electronPath = null;
try {
  electronPath = (await import('node:module')).createRequire(join(root, 'package.json'))('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
  console.log('Note: the Electron spec is skipped: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1). All other specs run in Chromium against the HTTP host.');
} else if (!existsSync(join(root, '.electron-sqlite', 'better_sqlite3.node'))) {
  console.log('Note: the Electron spec is skipped until `npm start` has built better-sqlite3 for Electron once.');
}
process.exit(run(bin('playwright'), ['test', ...process.argv.slice(2)]));
