/**
 * Starting a quiz: 50 questions from 100,000 cards against the bare random SELECT of 50 candidate
 * cards; and at 1,000,000 cards (the setup screen's default mix, and a topic filter) against the
 * bare indexed sample of 50 candidates (random rowid probes), with the absolute time as target.
 */
import { createApp, type RetainApp } from '../src/main/app';
import { manualClock, type ManualClock } from '../src/main/core/clock';
import { createRng } from '../src/main/core/quiz/rng';
import { buildCollection } from './collection';
import type { BenchContext } from './bench-context';
import { median, paired, percentile, type BenchResult } from './stats';

const TOPICS = ['cold-starts', 'concurrency', 'cost', 'limits', 'event-sources'];
const DEFAULT_MIX = { choice: 2, truefalse: 1, typed: 1, prompt: 1 };
const CHOICE_ONLY = { choice: 1, truefalse: 0, typed: 0, prompt: 0 };

interface QuizCollection {
  app: RetainApp;
  clock: ManualClock;
  deckId: number;
}

/** `total` cards in one deck, each note carrying one of five topic tags, as real decks have. */
async function quizCollection(ctx: BenchContext, total: number): Promise<QuizCollection> {
  const clock = manualClock(ctx.now);
  const app = createApp({ dataDir: ctx.tmp(`quiz-${total}`), clock, timeZone: 'UTC' });
  const db = app.services.repos.db;
  ctx.log(`building a ${total.toLocaleString('en-US')}-card collection for quizzes…`);
  const { deckId, firstId } = buildCollection(db, total, total / 10, ctx.now, []);
  const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  const setTags = db.prepare('UPDATE notes SET tags = ? WHERE id = ?');
  db.transaction(() => {
    for (let i = firstId; i < firstId + total; i++) {
      const t = TOPICS[i % TOPICS.length]!;
      tag.run(i, t);
      setTags.run(JSON.stringify([t]), i);
    }
  })();
  app.services.decks.invalidate();
  await app.dispatch('settings.update', { quizMissesToReview: false });
  return { app, clock, deckId };
}

/** Time `quiz.start` (the submit that makes room for the next one is not timed), alternating with the baseline. */
async function timeStarts(
  q: QuizCollection,
  setup: Record<string, unknown>,
  count: number,
  baseline: () => unknown,
): Promise<{ measured: number[]; baseline: number[]; cpu: number[] }> {
  let seed = 1;
  const start = async () => {
    q.clock.advance(1000);
    const r = await q.app.dispatch('quiz.start', { ...setup, count, mode: 'practice', seed: seed++ });
    if (!r.ok) throw new Error(`quiz.start: ${r.error.message}`);
    const attempt = r.value as { id: number; questions: unknown[] };
    if (attempt.questions.length !== count) throw new Error(`quiz has ${attempt.questions.length} questions`);
    return attempt.id;
  };
  const finish = async (id: number) => {
    const r = await q.app.dispatch('quiz.submit', { attemptId: id });
    if (!r.ok) throw new Error(`quiz.submit: ${r.error.message}`);
  };
  for (let i = 0; i < 3; i++) await finish(await start());
  const measured: number[] = [];
  const base: number[] = [];
  // Processor time of the same starts: what a busy machine's waiting leaves out.
  const cpu: number[] = [];
  for (let round = 0; round < 8; round++) {
    const r = await paired(1, 3, async () => undefined, baseline);
    base.push(...r.baseline);
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const id = await start();
      measured.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
      await finish(id);
    }
  }
  return { measured, baseline: base, cpu };
}

function result(ctx: BenchContext, name: string, r: { measured: number[]; baseline: number[]; cpu: number[] }, target: string): BenchResult {
  ctx.log(`${name}: median ${median(r.measured).toFixed(1)} ms, processor time ${median(r.cpu).toFixed(1)} ms`);
  return {
    name,
    value_ms: median(r.measured),
    baseline_ms: median(r.baseline),
    ratio: median(r.measured) / median(r.baseline),
    target,
    p99_ms: percentile(r.measured, 99),
  };
}

async function quizAt100k(ctx: BenchContext): Promise<BenchResult> {
  const q = await quizCollection(ctx, 100_000);
  const bare = q.app.services.repos.db.prepare(
    'SELECT c.id, c.note_id, c.ord, c.deck_id, n.content, n.tags FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.deck_id = ? AND c.suspended = 0 AND n.removed_at IS NULL ORDER BY random() LIMIT 50',
  );
  const r = await timeStarts(q, { deckIds: [q.deckId], mix: CHOICE_ONLY }, 50, () => bare.all(q.deckId));
  q.app.close();
  ctx.log('quiz start at 100k measured');
  return result(ctx, 'quiz.start (50 of 100k cards) vs bare random SELECT of 50', r, 'ratio <= 3');
}

async function quizAt1M(ctx: BenchContext): Promise<BenchResult[]> {
  const total = 1_000_000;
  const q = await quizCollection(ctx, total);
  const db = q.app.services.repos.db;
  // The bare indexed sample: 50 passing candidates with their notes, found by random rowid probes.
  const probeSql = (tagged: boolean) =>
    `SELECT c.id, c.note_id, c.ord, c.deck_id, n.content, n.tags FROM json_each(?) j CROSS JOIN cards c ON c.id = j.value
     CROSS JOIN notes n ON n.id = c.note_id WHERE c.suspended = 0 AND n.removed_at IS NULL
     ${tagged ? 'AND EXISTS (SELECT 1 FROM note_tags t WHERE t.note_id = c.note_id AND t.tag = ?)' : ''} LIMIT 50`;
  const probe = db.prepare(probeSql(false));
  const probeTagged = db.prepare(probeSql(true));
  const { lo, hi } = db.prepare('SELECT (SELECT min(id) FROM cards) AS lo, (SELECT max(id) FROM cards) AS hi').get() as { lo: number; hi: number };
  const rng = createRng(7);
  const indexedSample = (tag: string | null, probes: number) => () => {
    const ids = Array.from({ length: probes }, () => lo + Math.floor(rng() * (hi - lo + 1)));
    const rows = tag === null ? probe.all(JSON.stringify(ids)) : probeTagged.all(JSON.stringify(ids), tag);
    if (rows.length < 50) throw new Error(`indexed sample found ${rows.length} of 50`);
  };
  const out: BenchResult[] = [];
  const mixed = await timeStarts(q, { deckIds: [q.deckId], mix: DEFAULT_MIX }, 20, indexedSample(null, 60));
  out.push(result(ctx, 'quiz.start (20 of 1M cards, default mix) vs bare indexed sample of 50', mixed, 'value < 100 ms'));
  ctx.log('quiz start at 1M (default mix) measured');
  const topic = await timeStarts(q, { deckIds: [q.deckId], tags: [TOPICS[1]!], mix: DEFAULT_MIX }, 20, indexedSample(TOPICS[1]!, 400));
  out.push(result(ctx, 'quiz.start (20 of 1M cards, one topic of five) vs bare indexed sample of 50', topic, 'value < 100 ms'));
  ctx.log('quiz start at 1M (topic filter) measured');
  q.app.close();
  return out;
}

export async function quizBenches(ctx: BenchContext): Promise<BenchResult[]> {
  return [await quizAt100k(ctx), ...(await quizAt1M(ctx))];
}
