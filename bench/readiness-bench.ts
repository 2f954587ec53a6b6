/**
 * Readiness per topic and the workload simulator on 100,000 cards (20 topic tags) with a year of
 * history, through the dispatch: readiness.get for the whole collection against the bare SELECT of
 * the cards it reads, and simulate.run (90 days, five retentions) against the forward model alone
 * on the same cards.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { simulate } from '../src/main/core/plan/simulate';
import { createPlanScope } from '../src/main/services/plan-scope';
import { addReviewHistory, buildCollection } from './collection';
import type { BenchContext } from './bench-context';
import { median, paired, percentile, sample, type BenchResult } from './stats';

const TOPICS = 20;
const RETENTIONS = [0.75, 0.8, 0.85, 0.9, 0.95];

export async function readinessBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const total = 100_000;
  const app = createApp({ dataDir: ctx.tmp('readiness'), clock: manualClock(ctx.now), timeZone: 'UTC' });
  const db = app.services.repos.db;
  ctx.log(`building a ${total.toLocaleString('en-US')}-card collection with ${TOPICS} topics and a year of history…`);
  const { deckId, firstId } = buildCollection(db, total, total / 10, ctx.now, []);
  db.prepare(`INSERT INTO note_tags (note_id, tag) SELECT id, 'topic-' || (id % ${TOPICS}) FROM notes WHERE deck_id = ?`).run(deckId);
  addReviewHistory(db, firstId, 40_000, ctx.now);
  app.services.decks.invalidate();

  const readiness = async () => {
    const r = await app.dispatch('readiness.get', {});
    if (!r.ok) throw new Error(`readiness.get: ${r.error.message}`);
    return r.value as { topics: unknown[]; cards: number };
  };
  const first = await readiness();
  if (first.topics.length !== TOPICS || first.cards !== total) throw new Error(`readiness.get gave ${first.topics.length} topics over ${first.cards} cards`);
  const bare = db.prepare(
    `SELECT c.id, c.deck_id, c.state, c.stability, c.difficulty, c.last_review, c.due, t.tag
     FROM cards c LEFT JOIN note_tags t ON t.note_id = c.note_id WHERE c.suspended <> 1 ORDER BY c.id`,
  ).raw(true);
  const r = await paired(5, 2, readiness, () => bare.all());
  ctx.log(`readiness: median ${median(r.measured).toFixed(1)} ms, bare SELECT ${median(r.baseline).toFixed(1)} ms`);

  const run = async () => {
    const s = await app.dispatch('simulate.run', { deckId: null, days: 90, retentions: RETENTIONS });
    if (!s.ok) throw new Error(`simulate.run: ${s.error.message}`);
    return s.value;
  };
  await run();
  const measured = await sample(3, run);
  // The forward model alone on the same cards and settings, the cards read once beforehand.
  const loader = createPlanScope(app.services.repos, app.services.settings, app.services.decks);
  const cards = loader.load(loader.deckScope(null), []).cards;
  const settings = loader.modelSettings(1, loader.answerTimes());
  const today = loader.dayOf(ctx.now);
  const model = await sample(3, () => {
    for (const desiredRetention of RETENTIONS) simulate({ cards, settings, today, days: 90, newPerDay: 20, desiredRetention, seed: 1 });
  });
  ctx.log(`simulate.run 90 days × ${RETENTIONS.length} retentions: median ${median(measured).toFixed(0)} ms, the model alone ${median(model).toFixed(0)} ms`);
  // Not a row: how long the planner takes on the whole collection (the scheduler works a plan out once a study day).
  const t0 = performance.now();
  const preview = await app.dispatch('plan.preview', { interviewDate: '2026-04-09', minutesPerDay: 120, scope: { deckIds: [deckId], tags: [] } });
  if (!preview.ok) throw new Error(`plan.preview: ${preview.error.message}`);
  ctx.log(`plan.preview on ${total.toLocaleString('en-US')} cards, 30 days: ${(performance.now() - t0).toFixed(0)} ms`);
  app.close();
  return [
    {
      name: `readiness.get (${TOPICS} topics, 100k cards, a year of history) vs the bare SELECT of its cards`,
      value_ms: median(r.measured),
      baseline_ms: median(r.baseline),
      ratio: median(r.measured) / median(r.baseline),
      target: 'value < 200 ms',
      p99_ms: percentile(r.measured, 99),
    },
    {
      name: `simulate.run (90 days, ${RETENTIONS.length} retentions, 100k cards, a year of history) vs the forward model alone`,
      value_ms: median(measured),
      baseline_ms: median(model),
      ratio: median(measured) / median(model),
      target: 'value < 2000 ms',
      p99_ms: percentile(measured, 99),
    },
  ];
}
