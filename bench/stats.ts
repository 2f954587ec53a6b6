/** Timing helpers: samples in ms, median and percentiles, and the result table. */
export interface BenchResult {
  name: string;
  value_ms: number;
  baseline_ms: number;
  ratio: number;
  target: string;
  p99_ms?: number;
  /** For rows about a distribution (the felt loop): its median, printed beside p99. */
  p50_ms?: number;
  /** Over several bench runs (see bench/summary.ts): how many, and the lowest and highest value and ratio. */
  spread?: { runs: number; value_ms: [number, number]; ratio: [number, number] };
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

export const median = (samples: number[]): number => percentile(samples, 50);

export async function sample(n: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Alternate blocks of the measured operation and its baseline so machine noise hits both alike. */
export async function paired(
  rounds: number,
  perRound: number,
  measured: (i: number) => unknown,
  baseline: (i: number) => unknown,
): Promise<{ measured: number[]; baseline: number[] }> {
  const m: number[] = [];
  const b: number[] = [];
  let i = 0;
  let j = 0;
  for (let r = 0; r < rounds; r++) {
    b.push(...(await sample(perRound, () => baseline(j++))));
    m.push(...(await sample(perRound, () => measured(i++))));
  }
  return { measured: m, baseline: b };
}

const range = (pair: [number, number] | undefined, digits: number): string =>
  pair ? `${pair[0].toFixed(digits)}–${pair[1].toFixed(digits)}` : '';

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    r.value_ms.toFixed(4),
    range(r.spread?.value_ms, 3),
    r.baseline_ms.toFixed(4),
    r.ratio.toFixed(2),
    range(r.spread?.ratio, 2),
    r.target,
    r.p99_ms !== undefined ? r.p99_ms.toFixed(3) : '',
    r.p50_ms !== undefined ? r.p50_ms.toFixed(3) : '',
  ]);
  const runs = results.find((r) => r.spread)?.spread?.runs;
  const over = runs ? ` (${runs} runs)` : '';
  const head = ['benchmark', `value ms${runs ? ' median' : ''}`, `value min–max${over}`, 'baseline ms', `ratio${runs ? ' median' : ''}`, `ratio min–max${over}`, 'target', 'p99 ms', 'p50 ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
