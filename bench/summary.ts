/**
 * Several bench runs into one table: per row, the median value, baseline and ratio of the runs
 * and their spread (lowest–highest). `scripts/bench.mjs` runs bench/run.ts that many times, each
 * writing its own results file, then this.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { median, printTable, type BenchResult } from './stats';

export function summarize(runs: BenchResult[][]): BenchResult[] {
  const names: string[] = [];
  const byName = new Map<string, BenchResult[]>();
  for (const run of runs) {
    for (const r of run) {
      if (!byName.has(r.name)) {
        names.push(r.name);
        byName.set(r.name, []);
      }
      byName.get(r.name)!.push(r);
    }
  }
  return names.map((name) => {
    const rows = byName.get(name)!;
    const values = rows.map((r) => r.value_ms);
    const ratios = rows.map((r) => r.ratio);
    const p99s = rows.flatMap((r) => (r.p99_ms !== undefined ? [r.p99_ms] : []));
    const p50s = rows.flatMap((r) => (r.p50_ms !== undefined ? [r.p50_ms] : []));
    return {
      name,
      value_ms: median(values),
      baseline_ms: median(rows.map((r) => r.baseline_ms)),
      ratio: median(ratios),
      target: rows[0]!.target,
      ...(p99s.length ? { p99_ms: median(p99s) } : {}),
      ...(p50s.length ? { p50_ms: median(p50s) } : {}),
      spread: { runs: rows.length, value_ms: [Math.min(...values), Math.max(...values)], ratio: [Math.min(...ratios), Math.max(...ratios)] },
    };
  });
}

const files = process.argv.slice(2);
if (files.length > 0) {
  const summary = summarize(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as BenchResult[]));
  console.log('');
  printTable(summary);
  writeFileSync('bench-results.json', `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\nwrote bench-results.json: the median of ${files.length} runs, with each row's spread`);
}
