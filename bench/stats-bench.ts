/**
 * The statistics screen's data (every chart) on 100,000 cards with a year of history (about
 * 365,000 answers), through the dispatch, against the bare aggregate SELECTs its charts need; and the
 * calibration check on the same history against one bare read of the rows it replays.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { logPassSql } from '../src/main/db/repos/stats-repo';
import { addYearOfStudy, buildCollection } from './collection';
import type { BenchContext } from './bench-context';
import { median, paired, percentile, type BenchResult } from './stats';

const DAY = 86_400_000;
const PER_DAY = 1_000;

// The cards' charts as plain aggregate SELECTs (the statistics read the cards in one pass instead).
const BARE_CARD_SQL = {
  counts: `SELECT count(*) AS total, coalesce(sum(suspended = 0 AND state = 0), 0) AS new, coalesce(sum(suspended = 0 AND state = 1), 0) AS learning,
      coalesce(sum(suspended = 0 AND state = 3), 0) AS relearning, coalesce(sum(suspended = 0 AND state = 2 AND scheduled_days < 21), 0) AS young,
      coalesce(sum(suspended = 0 AND state = 2 AND scheduled_days >= 21), 0) AS mature, coalesce(sum(suspended = 1), 0) AS suspended,
      coalesce(sum(suspended >= 2), 0) AS buried FROM cards`,
  forecast: `SELECT CASE WHEN due < @from THEN -1 ELSE due / 900000 END AS bucket, count(*) AS cards
    FROM cards WHERE state IN (1, 2, 3) AND suspended = 0 AND due < @to GROUP BY bucket`,
  stability: 'SELECT CAST(stability AS INTEGER) AS value, count(*) AS cards, sum(stability) AS sum FROM cards WHERE state <> 0 AND stability > 0 GROUP BY value',
  difficulty: `SELECT CAST((difficulty - 1) / 9.0 * 100 AS INTEGER) AS value, count(*) AS cards, sum((difficulty - 1) / 9.0 * 100) AS sum
    FROM cards WHERE state <> 0 AND difficulty >= 1 GROUP BY value`,
  intervals: 'SELECT scheduled_days AS value, count(*) AS cards, sum(scheduled_days) AS sum FROM cards WHERE state = 2 GROUP BY value',
  memory: 'SELECT deck_id, state, stability, difficulty, last_review FROM cards WHERE state <> 0 AND stability > 0 AND last_review IS NOT NULL',
} as const;

// The review log's charts as plain aggregate SELECTs (the statistics read it in one pass instead):
// answers per quarter hour, and the last year's answers grouped for true retention and the buttons.
// The grouping splits young from mature by the days elapsed, which one row gives; Anki's rule (the
// interval before the answer) needs each answer's previous row and costs SQL far more, so this
// baseline is the cheaper lower bound (the same baseline the benchmark had before the one pass).
const BARE_ACTIVITY_SQL = `SELECT r.reviewed_at / 900000 AS bucket, count(*) AS reviews, sum(r.rating > 1) AS passed, sum(r.duration_ms) AS durationMs
  FROM review_log r WHERE r.kind IN (0, 3) GROUP BY bucket`;
const BARE_ANSWERS_SQL = `SELECT CASE WHEN r.reviewed_at >= @d0 THEN 0 WHEN r.reviewed_at >= @d1 THEN 1 WHEN r.reviewed_at >= @d6 THEN 6
    WHEN r.reviewed_at >= @d29 THEN 29 WHEN r.reviewed_at >= @d89 THEN 89 ELSE 364 END AS daysAgo,
    r.state_before AS stateBefore, (r.state_before = 2 AND r.elapsed_days >= 21) AS mature, r.rating AS rating, count(*) AS answers
  FROM review_log r WHERE r.reviewed_at >= @d364 AND r.reviewed_at < @end AND r.kind IN (0, 3)
  GROUP BY daysAgo, stateBefore, mature, rating`;

export async function statsBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const total = 100_000;
  const app = createApp({ dataDir: ctx.tmp('stats'), clock: manualClock(ctx.now), timeZone: 'UTC' });
  const db = app.services.repos.db;
  ctx.log(`building a ${total.toLocaleString('en-US')}-card collection with a year of history for the statistics…`);
  const { firstId } = buildCollection(db, total, total / 10, ctx.now, []);
  addYearOfStudy(db, firstId, 40_000, ctx.now, PER_DAY);
  const scope = { deckIds: null, includeQuiz: false };
  const sql = BARE_CARD_SQL;
  const today = Math.floor(ctx.now / DAY);
  const dayStart = (d: number) => d * DAY + 4 * 3_600_000;
  const bounds = { d0: dayStart(today), d1: dayStart(today - 1), d6: dayStart(today - 6), d29: dayStart(today - 29), d89: dayStart(today - 89), d364: dayStart(today - 364), end: dayStart(today + 1) };
  // Each statement prepared once, as the repo keeps them.
  const q = (text: string) => db.prepare(text);
  const counts = q(sql.counts);
  const forecast = q(sql.forecast);
  const stability = q(sql.stability);
  const difficulty = q(sql.difficulty);
  const intervals = q(sql.intervals);
  const memory = q(sql.memory).raw(true);
  const activity = q(BARE_ACTIVITY_SQL);
  const answers = q(BARE_ANSWERS_SQL);
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
  ctx.log(`statistics: median ${median(r.measured).toFixed(1)} ms, bare SELECTs ${median(r.baseline).toFixed(1)} ms`);

  const calibrate = async () => {
    const c = await app.dispatch('stats.calibration', { deckId: null, includeQuiz: false });
    if (!c.ok) throw new Error(`stats.calibration: ${c.error.message}`);
    return c.value as { reviews: number; rmseBins: number | null };
  };
  // The rows the calibration replays, read once with a built-in aggregate in place of the replay.
  const replayRead = q(logPassSql(scope, true).replace(/stats_visit_log_deck\([^)]*\)/, 'count(*), sum(duration_ms + deck_id)'));
  const firstCalibration = await calibrate();
  ctx.log(`calibration: ${firstCalibration.reviews} answers checked, RMSE (bins) ${((firstCalibration.rmseBins ?? 0) * 100).toFixed(1)}%`);
  const c = await paired(3, 1, calibrate, () => replayRead.get());
  app.close();
  ctx.log(`calibration: median ${median(c.measured).toFixed(1)} ms, bare read ${median(c.baseline).toFixed(1)} ms`);
  return [
    {
      name: 'stats.get (all charts, 100k cards, a year of history) vs the bare aggregate SELECTs it needs',
      value_ms: median(r.measured),
      baseline_ms: median(r.baseline),
      ratio: median(r.measured) / median(r.baseline),
      target: 'ratio <= 2 and value < 500 ms',
      p99_ms: percentile(r.measured, 99),
    },
    {
      name: 'stats.calibration (FSRS replay of every card, 100k cards, a year of history) vs one bare read of the rows',
      value_ms: median(c.measured),
      baseline_ms: median(c.baseline),
      ratio: median(c.measured) / median(c.baseline),
      target: 'loaded apart from the other charts; no target set',
      p99_ms: percentile(c.measured, 99),
    },
  ];
}
