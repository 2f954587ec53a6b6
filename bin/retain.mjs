#!/usr/bin/env node
// `npx retain …`: runs the built command line (out/main/cli.js) when it exists, otherwise the
// TypeScript source (src/main/cli/retain.ts) with the project's tsx. Exit code passes through.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
let entry;
if (existsSync(built)) entry = [built];
else if (existsSync(tsx)) entry = [tsx, join(root, 'src', 'main', 'cli', 'retain.ts')];
else {
  console.error('retain: neither out/main/cli.js (npm run build) nor tsx (npm install) was found');
  process.exit(1);
}

const child = spawn(process.execPath, [...entry, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('error', (error) => {
  console.error(`retain: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
