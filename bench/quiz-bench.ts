/** Starting a 50-question quiz from a 100,000-card collection vs the bare random SELECT of 50 candidate cards. */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { buildCollection } from './collection';
import type { BenchContext } from './extra-benches';
import { median, paired, percentile, type BenchResult } from './stats';

export async function quizBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const clock = manualClock(ctx.now);
  const app = createApp({ dataDir: ctx.tmp('quiz'), clock, timeZone: 'UTC' });
  const db = app.services.repos.db;
  ctx.log('building a 100,000-card collection for quizzes…');
  const tags = ['cold-starts', 'concurrency', 'cost', 'limits', 'event-sources'];
  const { deckId } = buildCollection(db, 100_000, 10_000, ctx.now, []);
  // Spread five topic tags over the notes, as real decks have.
  const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  const setTags = db.prepare('UPDATE notes SET tags = ? WHERE id = ?');
  db.transaction(() => {
    for (let i = 1; i <= 100_000; i++) {
      const t = tags[i % tags.length]!;
      tag.run(i, t);
      setTags.run(JSON.stringify([t]), i);
    }
  })();
  db.exec('ANALYZE');
  app.services.decks.invalidate();
  await app.dispatch('settings.update', { quizMissesToReview: false });

  const bare = db.prepare(
    'SELECT c.id, c.note_id, c.ord, c.deck_id, n.content, n.tags FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.deck_id = ? AND c.suspended = 0 AND n.removed_at IS NULL ORDER BY random() LIMIT 50',
  );
  let seed = 1;
  const start = async () => {
    clock.advance(1000);
    const r = await app.dispatch('quiz.start', {
      deckIds: [deckId],
      count: 50,
      mix: { choice: 1, truefalse: 0, typed: 0, prompt: 0 },
      mode: 'practice',
      seed: seed++,
    });
    if (!r.ok) throw new Error(`quiz.start: ${r.error.message}`);
    const attempt = r.value as { id: number; questions: unknown[] };
    if (attempt.questions.length !== 50) throw new Error(`quiz has ${attempt.questions.length} questions`);
    return attempt.id;
  };
  const finish = async (id: number) => {
    const r = await app.dispatch('quiz.submit', { attemptId: id });
    if (!r.ok) throw new Error(`quiz.submit: ${r.error.message}`);
  };
  // Warm up, then alternate: the start is timed, the submit that makes room for the next one is not.
  for (let i = 0; i < 3; i++) await finish(await start());
  const measured: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < 8; round++) {
    const r = await paired(1, 3, async () => undefined, () => bare.all(deckId));
    baseline.push(...r.baseline);
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const id = await start();
      measured.push(performance.now() - t0);
      await finish(id);
    }
  }
  app.close();
  ctx.log('quiz start measured');
  return [
    {
      name: 'quiz.start (50 of 100k cards) vs bare random SELECT of 50',
      value_ms: median(measured),
      baseline_ms: median(baseline),
      ratio: median(measured) / median(baseline),
      target: 'ratio <= 3',
      p99_ms: percentile(measured, 99),
    },
  ];
}
