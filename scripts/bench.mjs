#!/usr/bin/env node
// `npm run bench [-- --runs N]`: runs bench/run.ts N times (3 unless told) with tsx, each in its own
// process, then prints the median of the runs and each row's spread (bench/summary.ts). Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const runs = at >= 0 ? Number(args[at + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of at least 1, got "${args[at + 1]}"`);
  process.exit(2);
}
const passOn = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
const dir = mkdtempSync(join(tmpdir(), 'retain-bench-runs-'));
try {
  const files = [];
  for (let i = 1; i <= runs; i++) {
    console.log(`\n=== bench run ${i} of ${runs} ===`);
    const out = join(dir, `run-${i}.json`);
    const r = spawnSync(process.execPath, [tsx, join(root, 'bench', 'run.ts'), '--out', out, ...passOn], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
    files.push(out);
  }
  const s = spawnSync(process.execPath, [tsx, join(root, 'bench', 'summary.ts'), ...files], { cwd: root, stdio: 'inherit' });
  process.exitCode = s.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
