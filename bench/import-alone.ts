/**
 * `npx tsx bench/import-alone.ts [runs]`: the import benchmarks alone (they are also part of
 * `npm run bench`), run `runs` times (default 3); prints each run and the median with its spread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBenches } from './import-bench';
import { median, printTable, type BenchResult } from './stats';

const runs = Number(process.argv[2] ?? 3);
const started = performance.now();
const dirs: string[] = [];
const ctx = {
  tmp: (name: string): string => {
    const d = mkdtempSync(join(tmpdir(), `retain-bench-${name}-`));
    dirs.push(d);
    return d;
  },
  log: (msg: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`),
  now: Date.UTC(2026, 2, 10, 12, 0),
};

const all: BenchResult[][] = [];
try {
  for (let i = 0; i < runs; i++) {
    all.push(await importBenches(ctx));
    ctx.log(`run ${i + 1}: ${all[i]!.map((r) => `${r.name.split(' (')[0]} ratio ${r.ratio.toFixed(2)}`).join('; ')}`);
  }
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
const summary = (all[0] ?? []).map((first, k): BenchResult => {
  const rows = all.map((r) => r[k] as BenchResult);
  const values = rows.map((r) => r.value_ms);
  const ratios = rows.map((r) => r.ratio);
  return {
    ...first,
    value_ms: median(values),
    baseline_ms: median(rows.map((r) => r.baseline_ms)),
    ratio: median(ratios),
    spread: { runs: rows.length, value_ms: [Math.min(...values), Math.max(...values)], ratio: [Math.min(...ratios), Math.max(...ratios)] },
  };
});
printTable(summary);
