/**
 * The statistics screen's data (every chart) on 100,000 cards with a year of history (about
 * 365,000 answers), through the dispatch, against the bare aggregate SELECTs it runs.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { statsSql } from '../src/main/db/repos/stats-repo';
import { buildCollection } from './collection';
import type { BenchContext } from './bench-context';
import { median, paired, percentile, type BenchResult } from './stats';

const DAY = 86_400_000;
const PER_DAY = 1_000;

export async function statsBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const total = 100_000;
  const app = createApp({ dataDir: ctx.tmp('stats'), clock: manualClock(ctx.now), timeZone: 'UTC' });
  const db = app.services.repos.db;
  ctx.log(`building a ${total.toLocaleString('en-US')}-card collection with a year of history for the statistics…`);
  const { firstId } = buildCollection(db, total, total / 10, ctx.now, []);
  const answered = 40_000;
  const insert = db.prepare(
    `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    let n = 0;
    for (let day = 365; day >= 0; day--) {
      const start = ctx.now - day * DAY - 10 * 3_600_000;
      for (let i = 0; i < PER_DAY; i++, n++) {
        const card = firstId + ((n * 7919) % answered);
        const rating = n % 10 === 0 ? 1 : n % 17 === 0 ? 2 : n % 23 === 0 ? 4 : 3;
        const state = n % 9 === 0 ? 1 : 2;
        insert.run(card, start + i * 30_000, rating, state, 1 + (n % 40), 1 + (n % 60), 4_000 + (n % 9) * 1_000, n % 50 === 0 ? 1 : 3);
      }
    }
  })();
  const scope = { deckIds: null, includeQuiz: false };
  const sql = statsSql(scope);
  const today = Math.floor(ctx.now / DAY);
  const dayStart = (d: number) => d * DAY + 4 * 3_600_000;
  const bounds = { d0: dayStart(today), d1: dayStart(today - 1), d6: dayStart(today - 6), d29: dayStart(today - 29), d89: dayStart(today - 89), d364: dayStart(today - 364), end: dayStart(today + 1) };
  // Each statement prepared once, as the repo keeps them.
  const q = (text: string) => db.prepare(text);
  const counts = q(sql.cards.counts);
  const forecast = q(sql.cards.forecast);
  const stability = q(sql.cards.stability);
  const difficulty = q(sql.cards.difficulty);
  const intervals = q(sql.cards.intervals);
  const memory = q(sql.cards.memory).raw(true);
  const activity = q(sql.log.activity);
  const answers = q(sql.log.answers);
  const baseline = () => {
    counts.get();
    forecast.all({ from: bounds.d0, to: dayStart(today + 30) });
    stability.all();
    difficulty.all();
    intervals.all();
    memory.all();
    activity.all();
    answers.all(bounds);
  };
  const get = async () => {
    const r = await app.dispatch('stats.get', { deckId: null, includeQuiz: false, forecastDays: 30 });
    if (!r.ok) throw new Error(`stats.get: ${r.error.message}`);
    return r.value as { cardCounts: { total: number }; trueRetention: Array<{ period: string; young: { passed: number } }> };
  };
  const first = await get();
  if (first.cardCounts.total !== total) throw new Error(`stats.get counted ${first.cardCounts.total} cards, not ${total}`);
  ctx.log(`statistics: ${first.cardCounts.total} cards, year young passed ${first.trueRetention[4]?.young.passed ?? 0}`);
  await get();
  const r = await paired(5, 2, get, baseline);
  app.close();
  ctx.log(`statistics: median ${median(r.measured).toFixed(1)} ms, bare SELECTs ${median(r.baseline).toFixed(1)} ms`);
  return [
    {
      name: 'stats.get (all charts, 100k cards, a year of history) vs the bare aggregate SELECTs it needs',
      value_ms: median(r.measured),
      baseline_ms: median(r.baseline),
      ratio: median(r.measured) / median(r.baseline),
      target: 'ratio <= 2 and value < 500 ms',
      p99_ms: percentile(r.measured, 99),
    },
  ];
}
