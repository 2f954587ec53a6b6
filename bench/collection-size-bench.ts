/**
 * What grows with the collection: the deck list (the first screen) at 1,000,000 cards with the
 * built-in decks beside them, and the time from process start to that first screen.
 */
import type { RetainApp } from '../src/main/app';
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { builtinDecksDir } from '../src/main/paths';
import type { BenchContext } from './bench-context';
import { bundleServe, medianFirstScreen } from './first-screen-bench';
import { median, paired, percentile, type BenchResult } from './stats';

/**
 * `decks.list` through the dispatch vs the bare count queries of what each row shows: the
 * deck's stored card total and its new / learning / due counts read from the queue index, capped
 * as the day's limits cap them.
 */
export async function deckListBench(app: RetainApp, now: number): Promise<BenchResult> {
  const db = app.services.repos.db;
  const cfg = app.services.settings.config();
  const day = app.services.queue.today(now);
  const subtrees = app.services.decks.list().map((d) => app.services.decks.node(d.id).subtree);
  const bare = subtrees.map((ids) => {
    const list = ids.map(() => '?').join(', ');
    const total = db.prepare(`SELECT coalesce(sum(cards), 0) AS n FROM deck_card_counts WHERE deck_id IN (${list})`);
    const capped = (state: number) =>
      db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM cards WHERE deck_id IN (${list}) AND state = ${state} AND suspended = 0 AND due < ? LIMIT ?)`);
    const fresh = capped(0);
    const due = capped(2);
    const learning = db.prepare(`SELECT count(*) AS n FROM cards WHERE deck_id IN (${list}) AND state IN (1, 3) AND suspended = 0 AND due < ?`);
    return () => {
      total.get(...ids);
      fresh.get(...ids, day.end, cfg.newPerDay);
      due.get(...ids, day.end, cfg.reviewsPerDay);
      learning.get(...ids, day.end);
    };
  });
  const { measured, baseline } = await paired(
    10,
    20,
    async () => {
      const r = await app.dispatch('decks.list', {});
      if (!r.ok) throw new Error(r.error.message);
    },
    () => {
      for (const counts of bare) counts();
    },
  );
  return {
    name: `deck list at 1M cards with the built-in decks (${subtrees.length} nodes) vs bare per-deck count queries`,
    value_ms: median(measured),
    baseline_ms: median(baseline),
    ratio: median(measured) / median(baseline),
    target: 'ratio <= 2, < 50 ms',
    p99_ms: percentile(measured, 99),
  };
}

/**
 * Process start → first deck list answered, by a real `serve` process on the 1M collection in
 * `dataDir` (closed), against the same on a collection holding only the built-in decks.
 */
export async function firstScreenBench(ctx: BenchContext, dataDir: string): Promise<BenchResult> {
  const small = ctx.tmp('first-screen-small');
  createApp({ dataDir: small, decksDir: builtinDecksDir(), clock: manualClock(ctx.now), timeZone: 'UTC' }).close();
  const entry = await bundleServe();
  const large = await medianFirstScreen(entry, dataDir, 5);
  const base = await medianFirstScreen(entry, small, 5);
  ctx.log(`first screen: ${large.samples.map((s) => s.toFixed(0)).join(', ')} ms at 1M; ${base.samples.map((s) => s.toFixed(0)).join(', ')} ms with the built-in decks only`);
  return {
    name: 'time to first screen at 1M cards (spawn → deck list answered) vs built-in decks only',
    value_ms: large.median,
    baseline_ms: base.median,
    ratio: large.median / base.median,
    target: '< 1000 ms',
    p99_ms: Math.max(...large.samples),
  };
}
