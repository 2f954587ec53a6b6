/**
 * Run one group of benchmarks alone (they are also part of `npm run bench`), `runs` times, and
 * print each run and the median of each row with its spread. The `*-alone.ts` scripts call this.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './bench-context';
import { median, printTable, type BenchResult } from './stats';

export async function runAlone(benches: (ctx: BenchContext) => Promise<BenchResult[]>, runs: number): Promise<void> {
  const started = performance.now();
  const dirs: string[] = [];
  const ctx: BenchContext = {
    tmp: (name) => {
      const d = mkdtempSync(join(tmpdir(), `retain-bench-${name}-`));
      dirs.push(d);
      return d;
    },
    log: (msg) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`),
    now: Date.UTC(2026, 2, 10, 12, 0),
  };
  const all: BenchResult[][] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const run = await benches(ctx);
      all.push(run);
      ctx.log(`run ${i + 1}: ${run.map((r) => `${r.name.split(' (')[0]} ratio ${r.ratio.toFixed(2)}`).join('; ')}`);
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
}
