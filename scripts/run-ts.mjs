#!/usr/bin/env node
// Run a TypeScript entry point with the project's tsx: `node scripts/run-ts.mjs FILE.ts [args…]`.
// The child's exit code (or terminating signal) is passed on.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';
const tsx = path.join(root, 'node_modules', '.bin', windows ? 'tsx.cmd' : 'tsx');
const args = process.argv.slice(2);

if (args.length === 0) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
if (!existsSync(tsx)) {
  console.error(`tsx not found at ${path.relative(process.cwd(), tsx)}; run npm install first`);
  process.exit(1);
}

const child = spawn(tsx, args, { stdio: 'inherit', shell: windows });
child.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
