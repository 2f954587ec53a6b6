/**
 * review.answer with load balancing on against the same answer with it off (two apps on two copies
 * of the same collection): what the per-day due counts and the weighted pick cost an answer. The
 * counts are read once per study day and kept up to date by each answer, so the ratio should stay
 * near 1. Part of `npm run bench`; alone: `node scripts/run-ts.mjs bench/load-balance-alone.ts`.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { builtinDecksDir } from '../src/main/paths';
import type { BenchContext } from './bench-context';
import { buildCollection } from './collection';
import { median, paired, percentile, type BenchResult } from './stats';

export async function loadBalanceBenches(ctx: BenchContext, total = 200_000): Promise<BenchResult[]> {
  const open = async (loadBalancing: boolean) => {
    const app = createApp({ dataDir: ctx.tmp(`load-balance-${loadBalancing ? 'on' : 'off'}`), decksDir: builtinDecksDir(), clock: manualClock(ctx.now), timeZone: 'UTC' });
    const built = buildCollection(app.services.repos.db, total, total / 10, ctx.now);
    app.services.decks.invalidate();
    const r = await app.dispatch('settings.update', { fuzz: true, loadBalancing });
    if (!r.ok) throw new Error(r.error.message);
    return { app, id: (n: number) => built.firstId - 1 + n };
  };
  ctx.log(`load balancing: building two ${total.toLocaleString()}-card collections…`);
  const on = await open(true);
  const off = await open(false);
  const answer = async (side: typeof on, n: number) => {
    const r = await side.app.dispatch('review.answer', { cardId: side.id(n), rating: 3, durationMs: 1000 });
    if (!r.ok) throw new Error(r.error.message);
  };
  try {
    // Warm up both (the first answer with balancing on reads the day counts).
    for (let i = 1; i <= 200; i++) {
      await answer(on, 10_000 + i);
      await answer(off, 10_000 + i);
    }
    const { measured, baseline } = await paired(20, 200, (i) => answer(on, 1 + i), (i) => answer(off, 1 + i));
    ctx.log(`load balancing measured; p99 on ${percentile(measured, 99).toFixed(2)} ms, off ${percentile(baseline, 99).toFixed(2)} ms`);
    return [
      {
        name: `review.answer with load balancing on vs off (${total.toLocaleString()} cards)`,
        value_ms: median(measured),
        baseline_ms: median(baseline),
        ratio: median(measured) / median(baseline),
        target: 'ratio <= 1.15',
        p99_ms: percentile(measured, 99),
      },
    ];
  } finally {
    on.app.close();
    off.app.close();
  }
}
