/**
 * One bench run: each operation against a bare baseline doing the same essential work, measured
 * in the same run (absolute times are noisy; ratios are what we track). Writes its results to
 * `--out FILE` (bench-results.json unless told); `npm run bench` runs this several times and
 * summarizes (bench/summary.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsrs, generatorParameters, type Card, type Grade } from 'ts-fsrs';
import { parseArgs } from 'node:util';
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { builtinDecksDir } from '../src/main/paths';
import { buildCollection } from './collection';
import { deckListBench, firstScreenBench } from './collection-size-bench';
import { runExtraBenches } from './extra-benches';
import { median, paired, percentile, printTable, type BenchResult } from './stats';

// --core: only the rows of this file (queue, deck list, review.answer, first screen), for a quicker look.
// --journal: with sync on (every answer also records its sync event), as on a collection that syncs.
const { values: flags } = parseArgs({
  options: { out: { type: 'string', default: 'bench-results.json' }, core: { type: 'boolean', default: false }, journal: { type: 'boolean', default: false } },
  strict: false,
});
const results: BenchResult[] = [];
const started = performance.now();
const NOW = Date.UTC(2026, 2, 10, 12, 0);
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `retain-bench-${name}-`));
  dirs.push(d);
  return d;
};
const log = (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);

async function reviewBench(): Promise<void> {
  const dataDir = tmp('review');
  const clock = manualClock(NOW);
  // The built-in decks are installed first, as at the app's first start.
  const app = createApp({ dataDir, decksDir: builtinDecksDir(), clock, timeZone: 'UTC' });
  const db = app.services.repos.db;
  log('building a 1,000,000-card collection (100,000 due today) beside the built-in decks…');
  const { deckId, firstId } = buildCollection(db, 1_000_000, 100_000, NOW);
  // Card ids below are counted from the collection's first card.
  const id = (n: number) => firstId - 1 + n;
  app.services.decks.invalidate();
  if (flags.journal) app.services.journal.start();
  log(`collection built${flags.journal ? ' (sync journal on)' : ''}`);

  // Today's queue for the deck (counts + next 50 cards) vs the bare indexed SELECT of the next 50 due cards.
  const subtree = app.services.decks.node(deckId).subtree;
  const day = app.services.queue.today(NOW);
  const next50 = db.prepare(
    'SELECT id, note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, suspended FROM cards WHERE deck_id = ? AND state = 2 AND suspended = 0 AND due < ? ORDER BY due, id LIMIT 50',
  );
  const q = await paired(
    20,
    100,
    () => {
      const built = app.services.queue.build(subtree, 50);
      if (built.cards.length !== 50) throw new Error(`queue has ${built.cards.length} cards`);
    },
    () => next50.all(deckId, day.end),
  );
  results.push({
    name: "today's queue (counts + next 50) vs bare indexed SELECT of 50",
    value_ms: median(q.measured),
    baseline_ms: median(q.baseline),
    ratio: median(q.measured) / median(q.baseline),
    target: 'ratio <= 1.5',
    p99_ms: percentile(q.measured, 99),
  });
  log("today's queue measured");
  // Before any answer, so the day's review limit still caps nothing away.
  results.push(await deckListBench(app, NOW));
  log('deck list measured');
  // review.answer through the dispatch vs the bare work: SELECT, ts-fsrs next, UPDATE + INSERT in a transaction.
  const engine = fsrs(generatorParameters({ enable_fuzz: true }));
  const select = db.prepare('SELECT * FROM cards WHERE id = ?');
  const update = db.prepare(
    'UPDATE cards SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?, reps = ?, lapses = ?, state = ?, last_review = ? WHERE id = ?',
  );
  const insert = db.prepare(
    'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  );
  const bareWork = (id: number): void => {
    const r = select.get(id) as Record<string, number>;
    const card: Card = {
      due: new Date(r.due!),
      stability: r.stability!,
      difficulty: r.difficulty!,
      elapsed_days: r.elapsed_days!,
      scheduled_days: r.scheduled_days!,
      learning_steps: r.learning_steps!,
      reps: r.reps!,
      lapses: r.lapses!,
      state: r.state!,
      last_review: new Date(r.last_review!),
    };
    const next = engine.next(card, new Date(NOW), 3 as Grade).card;
    update.run(next.due.getTime(), next.stability, next.difficulty, next.elapsed_days, next.scheduled_days, next.learning_steps, next.reps, next.lapses, next.state, NOW, id);
    insert.run(id, NOW, 3, r.state!, 0, next.scheduled_days, 1000);
  };
  const bare = db.transaction(bareWork);
  // Distinct due cards for each side: odd ids for the dispatch, even ids for the baseline.
  const warm = 200;
  for (let i = 0; i < warm; i++) {
    await app.dispatch('review.answer', { cardId: id(50_001 + 2 * i), rating: 3, durationMs: 1000 });
    bare(id(50_000 + 2 * i));
  }
  const { measured, baseline } = await paired(
    20,
    250,
    async (i) => {
      const r = await app.dispatch('review.answer', { cardId: id(1 + 2 * i), rating: 3, durationMs: 1000 });
      if (!r.ok) throw new Error(r.error.message);
    },
    (i) => bare(id(2 + 2 * i)),
  );
  results.push({
    name: 'review.answer (dispatch) vs bare SELECT+next+UPDATE+INSERT',
    value_ms: median(measured),
    baseline_ms: median(baseline),
    ratio: median(measured) / median(baseline),
    target: 'ratio <= 1.5, p99 < 2 ms',
    p99_ms: percentile(measured, 99),
  });
  log('review.answer measured');
  if (flags.journal) {
    // The least an answer recorded for sync can cost: the bare work, plus the card's note guid (its
    // sync entity) and the event's JSON in sync_log, in the same transaction. Set against the bare
    // work alone, on other due cards: the share of the ratio no journal with this storage can avoid.
    const guidOf = db.prepare<[number], { guid: string; ord: number }>('SELECT n.guid, c.ord FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?');
    const keep = db.prepare<[string, string, string]>("INSERT INTO sync_log (entity, id, type, body, local) VALUES (?, ?, 'review', ?, 1)");
    let n = 0;
    const withEvent = db.transaction((id: number) => {
      bareWork(id);
      const k = guidOf.get(id)!;
      n += 1;
      keep.run(
        `card:${k.guid}/${k.ord}`,
        `${NOW.toString(36).padStart(9, '0')}.${n.toString(36).padStart(4, '0')}.benchfloor01`,
        JSON.stringify({ at: NOW, rating: 3, durationMs: 1000, kind: 0, stateBefore: 2, elapsedDays: 0, scheduledDays: 10, parent: null, after: { due: NOW, stability: 10.5, difficulty: 5.25, elapsedDays: 0, scheduledDays: 10, learningSteps: 0, reps: 3, lapses: 0, state: 2, lastReview: NOW }, scheduling: '0123456789abcdef', history: false }),
      );
    });
    const floor = await paired(20, 250, (i) => withEvent(id(60_001 + 2 * i)), (i) => bare(id(60_000 + 2 * i)));
    log(`review.answer floor with sync on: the bare work plus the event (entity read, JSON, sync_log row) ${(median(floor.measured) * 1000).toFixed(1)} µs against ${(median(floor.baseline) * 1000).toFixed(1)} µs bare: ratio ${(median(floor.measured) / median(floor.baseline)).toFixed(2)}`);
  }

  app.close();
  results.push(await firstScreenBench({ tmp, log, now: NOW }, dataDir));
  log('time to first screen measured');
}

async function main(): Promise<void> {
  try {
    await reviewBench();
    if (!flags.core) results.push(...(await runExtraBenches({ tmp, log, now: NOW })));
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  console.log('');
  printTable(results);
  const out = typeof flags.out === 'string' ? flags.out : 'bench-results.json';
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
