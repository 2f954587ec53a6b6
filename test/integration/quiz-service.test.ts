import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input, Method, Output } from '../../src/shared/api/contract';
import type { QuizAttemptView } from '../../src/shared/api/quiz-contract';
import { createApp, type RetainApp } from '../../src/main/app';
import { manualClock, type ManualClock } from '../../src/main/core/clock';
import type { QuizKey } from '../../src/main/core/quiz/question';

const DECKS_DIR = resolve(__dirname, '../../decks');
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const ALL_KINDS = { choice: 1, truefalse: 1, typed: 1, prompt: 1 };

const dirs: string[] = [];
const apps: RetainApp[] = [];

afterEach(() => {
  for (const app of apps.splice(0)) app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'retain-quiz-'));
  dirs.push(dir);
  return dir;
}

function open(dataDir: string, clock: ManualClock = manualClock(T0)): { app: RetainApp; clock: ManualClock } {
  const app = createApp({ dataDir, decksDir: DECKS_DIR, clock, timeZone: 'UTC' });
  apps.push(app);
  return { app, clock };
}

async function call<M extends Method>(app: RetainApp, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await app.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as Output<M>;
}

async function errorCode<M extends Method>(app: RetainApp, method: M, input: Input<M>): Promise<string> {
  const r = await app.dispatch(method, input);
  expect(r.ok).toBe(false);
  return r.ok ? 'ok' : r.error.code;
}

/** Row counts of everything an answer, a submission or a grading could write. */
function counts(app: RetainApp) {
  return app.services.repos.db
    .prepare(
      `SELECT (SELECT count(*) FROM quiz_attempts) AS attempts, (SELECT count(*) FROM quiz_answers) AS answers,
              (SELECT count(*) FROM review_log) AS reviews, (SELECT count(*) FROM quiz_attempts WHERE status = 0) AS running`,
    )
    .get() as { attempts: number; answers: number; reviews: number; running: number };
}

/** The stored answer key of a question (the test reads the database; the API never sends it while running). */
function keyOf(app: RetainApp, attemptId: number, position: number): QuizKey {
  const row = app.services.repos.db
    .prepare('SELECT answer_key FROM quiz_questions WHERE attempt_id = ? AND position = ?')
    .get(attemptId, position) as { answer_key: string };
  return JSON.parse(row.answer_key) as QuizKey;
}

function quizLog(app: RetainApp): Array<{ card_id: number; rating: number; kind: number }> {
  return app.services.repos.db.prepare('SELECT card_id, rating, kind FROM review_log ORDER BY id').all() as Array<{
    card_id: number;
    rating: number;
    kind: number;
  }>;
}

const shape = (v: QuizAttemptView) => v.questions.map((q) => ({ cardId: q.cardId, kind: q.kind, prompt: q.prompt, choices: q.choices }));

describe('quiz service through dispatch', () => {
  it('the same seed gives the same quiz in two fresh collections; another seed another quiz', async () => {
    const setup = { count: 12, mix: ALL_KINDS, mode: 'mock' as const, timeLimitMs: 600_000, seed: 4242 };
    const a = await call(open(newDir()).app, 'quiz.start', setup);
    const b = await call(open(newDir()).app, 'quiz.start', setup);
    expect(a.questions).toHaveLength(12);
    expect(shape(b)).toEqual(shape(a));
    expect(a.seed).toBe(4242);
    expect(new Set(a.questions.map((q) => q.kind))).toEqual(new Set(['choice', 'truefalse', 'typed', 'prompt']));
    const c = await call(open(newDir()).app, 'quiz.start', { ...setup, seed: 4243 });
    expect(shape(c)).not.toEqual(shape(a));
  });

  it('a running mock attempt sends no answer keys, explanations or feedback', async () => {
    const { app } = open(newDir());
    const v = await call(app, 'quiz.start', { count: 15, mix: ALL_KINDS, mode: 'mock', timeLimitMs: 600_000, seed: 99 });
    expect(v.status).toBe('running');
    expect(v.result).toBeNull();
    expect(v.deadlineAt).toBe(T0 + 600_000);
    expect(v.now).toBe(T0);
    const json = JSON.stringify(v);
    expect(json).not.toMatch(/answerText|correctChoice|explanation|rubric/);
    v.questions.forEach((q) => {
      expect(q.feedback).toBeNull();
      const key = keyOf(app, v.id, q.position);
      if (key.explanation) expect(json).not.toContain(key.explanation);
      if (q.kind === 'prompt') expect(json).not.toContain(key.answerText);
    });
    // Answering in a mock interview still reveals nothing.
    const first = v.questions[0];
    if (!first) throw new Error('no question');
    const answered = await call(app, 'quiz.answer', {
      attemptId: v.id,
      position: 0,
      ...(first.choices ? { choice: 0 } : { text: 'something' }),
      durationMs: 4000,
    });
    expect(answered.questions[0]?.answer).not.toBeNull();
    expect(answered.questions[0]?.feedback).toBeNull();
    expect(answered.answered).toBe(1);
  });

  it('practice mode gives feedback after each answer, only for answered questions, and has no deadline', async () => {
    const { app } = open(newDir());
    const v = await call(app, 'quiz.start', { count: 4, mix: { choice: 1, truefalse: 0, typed: 0, prompt: 0 }, mode: 'practice', seed: 5 });
    expect(v.deadlineAt).toBeNull();
    const key = keyOf(app, v.id, 0);
    const after = await call(app, 'quiz.answer', { attemptId: v.id, position: 0, choice: key.correctChoice ?? 0, durationMs: 3000 });
    expect(after.questions[0]?.feedback).toMatchObject({ correct: true, points: 1, correctChoice: key.correctChoice, answerText: key.answerText });
    expect(after.questions.slice(1).every((q) => q.feedback === null)).toBe(true);
  });

  it('rejects an answer after the deadline with quiz_expired and closes the attempt as timed out', async () => {
    const { app, clock } = open(newDir());
    const v = await call(app, 'quiz.start', { count: 5, mix: ALL_KINDS, mode: 'mock', timeLimitMs: 120_000, seed: 11 });
    const answerFirst = (position: number) =>
      app.dispatch('quiz.answer', {
        attemptId: v.id,
        position,
        ...(v.questions[position]?.choices ? { choice: 0 } : { text: '42' }),
        durationMs: 1000,
      });
    clock.advance(30_000);
    expect((await answerFirst(0)).ok).toBe(true);
    clock.advance(90_000); // exactly at the deadline: still accepted
    expect((await answerFirst(1)).ok).toBe(true);
    clock.advance(1);
    const before = counts(app);
    const late = await answerFirst(2);
    expect(late.ok ? 'ok' : late.error.code).toBe('quiz_expired');
    const after = counts(app);
    expect(after.answers).toBe(before.answers);
    expect(after.running).toBe(0);
    const closed = await call(app, 'quiz.get', { id: v.id });
    expect(closed.status).toBe('timedOut');
    expect(closed.finishedAt).toBe(T0 + 120_000);
    expect(closed.result?.timeUsedMs).toBe(120_000);
    expect(closed.result?.answered).toBe(2);
    expect(closed.questions.every((q) => q.feedback !== null)).toBe(true);
    expect(await errorCode(app, 'quiz.answer', { attemptId: v.id, position: 3, text: 'x', durationMs: 0 })).toBe('quiz_expired');
  });

  it('resumes a running attempt after the app is closed and reopened, with the right remaining time', async () => {
    const dir = newDir();
    const clock = manualClock(T0);
    const first = open(dir, clock).app;
    const v = await call(first, 'quiz.start', { count: 5, mix: ALL_KINDS, mode: 'mock', timeLimitMs: 300_000, seed: 21 });
    clock.advance(20_000);
    await call(first, 'quiz.answer', { attemptId: v.id, position: 0, ...(v.questions[0]?.choices ? { choice: 1 } : { text: 'x' }), durationMs: 20_000 });
    first.close();

    clock.advance(45_000);
    const again = open(dir, clock).app;
    const resumed = await call(again, 'quiz.current', {});
    expect(resumed?.id).toBe(v.id);
    expect(resumed?.status).toBe('running');
    expect(resumed?.now).toBe(T0 + 65_000);
    expect((resumed?.deadlineAt ?? 0) - (resumed?.now ?? 0)).toBe(235_000);
    expect(resumed?.answered).toBe(1);
    expect(shape(resumed as QuizAttemptView)).toEqual(shape(v));
    const options = await call(again, 'quiz.options', {});
    expect(options.running).toEqual({ id: v.id, mode: 'mock', deadlineAt: T0 + 300_000, answered: 1, total: 5 });
  });

  it('closes an abandoned attempt as timed out on the next call, finished at its deadline; unanswered questions change no card', async () => {
    const dir = newDir();
    const clock = manualClock(T0);
    const first = open(dir, clock).app;
    const v = await call(first, 'quiz.start', { count: 4, mix: { choice: 1, truefalse: 1, typed: 0, prompt: 0 }, mode: 'mock', timeLimitMs: 60_000, seed: 3 });
    first.close();

    clock.advance(3_600_000);
    const again = open(dir, clock).app;
    expect(counts(again).running).toBe(1);
    const history = await call(again, 'quiz.history', {});
    expect(counts(again).running).toBe(0);
    expect(history.attempts[0]).toMatchObject({ id: v.id, status: 'timedOut', finishedAt: T0 + 60_000, score: 0, total: 4, timeUsedMs: 60_000 });
    expect(quizLog(again)).toEqual([]);
    for (const q of v.questions) expect(again.services.repos.cards.get(q.cardId)?.state).toBe(0);
    expect(await call(again, 'quiz.current', {})).toBeNull();
  });

  it('rates wrongly answered cards Again with review kind quiz when the attempt is submitted; skipped ones stay as they were', async () => {
    const { app, clock } = open(newDir());
    const v = await call(app, 'quiz.start', { count: 5, mix: { choice: 1, truefalse: 0, typed: 0, prompt: 0 }, mode: 'practice', seed: 8 });
    const right = (p: number) => keyOf(app, v.id, p).correctChoice ?? 0;
    const wrong = (p: number) => (right(p) + 1) % (v.questions[p]?.choices?.length ?? 2);
    clock.advance(10_000);
    await call(app, 'quiz.answer', { attemptId: v.id, position: 0, choice: right(0), durationMs: 2000 });
    await call(app, 'quiz.answer', { attemptId: v.id, position: 1, choice: right(1), durationMs: 2000 });
    await call(app, 'quiz.answer', { attemptId: v.id, position: 2, choice: wrong(2), durationMs: 7000 });
    const cardIds = v.questions.map((q) => q.cardId);
    const statesBefore = cardIds.map((id) => app.services.repos.cards.get(id)?.state);
    expect(statesBefore.every((s) => s === 0)).toBe(true);
    expect(quizLog(app)).toEqual([]);

    clock.advance(50_000);
    const done = await call(app, 'quiz.submit', { attemptId: v.id });
    expect(done.status).toBe('submitted');
    expect(done.result).toMatchObject({ correct: 2, points: 2, total: 5, answered: 3, missed: 3, wrong: 1, score: 0.4, timeUsedMs: 60_000, answerTimeMs: 11_000 });
    const log = quizLog(app);
    expect(log.map((r) => r.card_id)).toEqual([cardIds[2]]);
    expect(log.every((r) => r.rating === 1 && r.kind === 1)).toBe(true);
    expect(app.services.repos.cards.get(cardIds[2] as number)?.state).not.toBe(0);
    for (const id of [...cardIds.slice(0, 2), ...cardIds.slice(3)]) expect(app.services.repos.cards.get(id)?.state).toBe(0);
    const wrongView = done.questions[2];
    expect(wrongView?.feedback?.correct).toBe(false);
    expect(wrongView?.feedback?.correctChoice).toBe(right(2));
    expect(wrongView?.answer?.choice).toBe(wrong(2));
    expect(done.questions[4]?.feedback).toMatchObject({ correct: false, points: 0 });
    const topics = done.result?.byTopic ?? [];
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.every((t) => t.total >= 1 && t.score >= 0 && t.score <= 1)).toBe(true);
  });

  it('sends nothing to review when quizMissesToReview is off', async () => {
    const { app } = open(newDir());
    await call(app, 'settings.update', { quizMissesToReview: false });
    const v = await call(app, 'quiz.start', { count: 3, mix: ALL_KINDS, mode: 'practice', seed: 8 });
    const done = await call(app, 'quiz.submit', { attemptId: v.id });
    expect(done.result?.missed).toBe(3);
    expect(quizLog(app)).toEqual([]);
    expect(v.questions.every((q) => app.services.repos.cards.get(q.cardId)?.state === 0)).toBe(true);
  });

  it('not_found, conflict and quiz_finished change nothing', async () => {
    const { app } = open(newDir());
    const v = await call(app, 'quiz.start', { count: 3, mix: { choice: 0, truefalse: 1, typed: 0, prompt: 0 }, mode: 'mock', timeLimitMs: 600_000, seed: 1 });
    await call(app, 'quiz.answer', { attemptId: v.id, position: 0, choice: 0, durationMs: 100 });
    let before = counts(app);
    expect(await errorCode(app, 'quiz.answer', { attemptId: v.id, position: 7, choice: 0, durationMs: 100 })).toBe('not_found');
    expect(await errorCode(app, 'quiz.answer', { attemptId: 999, position: 0, choice: 0, durationMs: 100 })).toBe('not_found');
    expect(await errorCode(app, 'quiz.answer', { attemptId: v.id, position: 0, choice: 1, durationMs: 100 })).toBe('conflict');
    expect(await errorCode(app, 'quiz.answer', { attemptId: v.id, position: 1, choice: 2, durationMs: 100 })).toBe('invalid_input');
    expect(await errorCode(app, 'quiz.answer', { attemptId: v.id, position: 1, text: 'True', durationMs: 100 })).toBe('invalid_input');
    expect(await errorCode(app, 'quiz.answer', { attemptId: v.id, position: 1, durationMs: 100 })).toBe('invalid_input');
    expect(await errorCode(app, 'quiz.start', { count: 3, mix: ALL_KINDS, mode: 'practice' })).toBe('conflict');
    expect(await errorCode(app, 'quiz.grade', { attemptId: v.id, position: 0, rubricChecked: [] })).toBe('conflict');
    expect(await errorCode(app, 'quiz.retakeMissed', { attemptId: v.id })).toBe('conflict');
    expect(counts(app)).toEqual(before);
    expect((await call(app, 'quiz.get', { id: v.id })).questions[0]?.answer?.choice).toBe(0);

    await call(app, 'quiz.submit', { attemptId: v.id });
    before = counts(app);
    expect(await errorCode(app, 'quiz.answer', { attemptId: v.id, position: 1, choice: 0, durationMs: 100 })).toBe('quiz_finished');
    expect(await errorCode(app, 'quiz.submit', { attemptId: v.id })).toBe('quiz_finished');
    expect(await errorCode(app, 'quiz.get', { id: 12345 })).toBe('not_found');
    expect(counts(app)).toEqual(before);
  });

  it('retakes exactly the missed cards with the same kinds of question and a new seed', async () => {
    const { app } = open(newDir());
    const v = await call(app, 'quiz.start', { count: 8, mix: { choice: 2, truefalse: 1, typed: 1, prompt: 0 }, mode: 'mock', timeLimitMs: 240_000, seed: 77 });
    // Right answers to the first three questions, a wrong one to the fourth, the rest unanswered.
    for (const q of v.questions.slice(0, 4)) {
      const key = keyOf(app, v.id, q.position);
      const right = q.position < 3;
      if (q.kind === 'typed') await call(app, 'quiz.answer', { attemptId: v.id, position: q.position, text: right ? key.answerText : 'no idea', durationMs: 500 });
      else {
        const choice = right ? (key.correctChoice ?? 0) : ((key.correctChoice ?? 0) + 1) % (q.choices?.length ?? 2);
        await call(app, 'quiz.answer', { attemptId: v.id, position: q.position, choice, durationMs: 500 });
      }
    }
    const done = await call(app, 'quiz.submit', { attemptId: v.id });
    expect(done.result?.correct).toBe(3);
    const missed = done.questions.filter((q) => q.feedback?.correct !== true);
    expect(missed).toHaveLength(5);

    const retake = await call(app, 'quiz.retakeMissed', { attemptId: v.id });
    expect(retake.retakeOf).toBe(v.id);
    expect(retake.status).toBe('running');
    expect(retake.seed).not.toBe(v.seed);
    expect(retake.questions.map((q) => q.cardId).sort()).toEqual(missed.map((q) => q.cardId).sort());
    const kindOf = new Map(missed.map((q) => [q.cardId, q.kind]));
    for (const q of retake.questions) expect(q.kind).toBe(kindOf.get(q.cardId));
    // Same pace: 5 of 8 questions get 5/8 of the time.
    expect(retake.deadlineAt).toBe((retake.startedAt as number) + 150_000);
    expect(retake.mode).toBe('mock');
  });

  it('grades interview prompts by rubric after the finish; a prompt graded below half goes to review once', async () => {
    const { app } = open(newDir());
    const v = await call(app, 'quiz.start', { count: 2, mix: { choice: 0, truefalse: 0, typed: 0, prompt: 1 }, mode: 'mock', timeLimitMs: 600_000, seed: 13 });
    expect(v.questions.map((q) => q.kind)).toEqual(['prompt', 'prompt']);
    for (const q of v.questions) {
      await call(app, 'quiz.answer', { attemptId: v.id, position: q.position, text: 'Cold starts, provisioned concurrency, cost.', durationMs: 60_000 });
    }
    const done = await call(app, 'quiz.submit', { attemptId: v.id });
    expect(done.result).toMatchObject({ ungraded: 2, missed: 0, score: 0 });
    expect(quizLog(app)).toEqual([]);
    const rubric0 = done.questions[0]?.feedback?.rubric ?? [];
    const rubric1 = done.questions[1]?.feedback?.rubric ?? [];
    expect(rubric0.length).toBeGreaterThan(0);
    expect(done.questions[0]?.feedback?.answerText.length).toBeGreaterThan(0);

    const g0 = await call(app, 'quiz.grade', { attemptId: v.id, position: 0, rubricChecked: rubric0.map((_, i) => i) });
    expect(g0.questions[0]?.feedback).toMatchObject({ correct: true, points: 1 });
    expect(g0.result).toMatchObject({ score: 0.5, ungraded: 1, correct: 1 });
    expect(quizLog(app)).toEqual([]);

    const g1 = await call(app, 'quiz.grade', { attemptId: v.id, position: 1, rubricChecked: [] });
    expect(g1.questions[1]?.feedback).toMatchObject({ correct: false, points: 0, rubricChecked: [] });
    expect(g1.result).toMatchObject({ missed: 1, ungraded: 0 });
    expect(quizLog(app)).toEqual([{ card_id: v.questions[1]?.cardId, rating: 1, kind: 1 }]);
    // Grading it low again sends nothing more.
    const g2 = await call(app, 'quiz.grade', { attemptId: v.id, position: 1, rubricChecked: rubric1.length > 2 ? [0] : [] });
    expect(quizLog(app)).toHaveLength(1);
    const stored = app.services.repos.db.prepare('SELECT score FROM quiz_attempts WHERE id = ?').get(v.id) as { score: number };
    expect(stored.score).toBeCloseTo(g2.result?.score ?? -1, 9);
    expect(g2.result?.score).toBeCloseTo((1 + (rubric1.length > 2 ? 1 / rubric1.length : 0)) / 2, 9);
    expect(await errorCode(app, 'quiz.grade', { attemptId: v.id, position: 0, rubricChecked: [99] })).toBe('invalid_input');
    expect(await errorCode(app, 'quiz.grade', { attemptId: v.id, position: 5, rubricChecked: [] })).toBe('not_found');
  });

  it('filters by deck subtree and topic tag, and remembers the last setup', async () => {
    const { app } = open(newDir());
    const options = await call(app, 'quiz.options', {});
    const cold = options.decks.find((d) => d.path === 'AWS Lambda::Cold starts');
    const root = options.decks.find((d) => d.path === 'AWS Lambda');
    expect(cold && cold.cards > 0).toBe(true);
    expect(root?.cards).toBe(options.decks.filter((d) => d.depth === 1).reduce((n, d) => n + d.cards, 0));
    expect(options.tags.find((t) => t.tag === 'vpc')?.cards).toBeGreaterThan(0);
    expect(options.lastSetup).toBeNull();

    const setup = { deckIds: [cold?.id ?? 0], tags: ['vpc'], count: 10, mix: ALL_KINDS, mode: 'practice' as const };
    const v = await call(app, 'quiz.start', setup);
    expect(v.questions.length).toBeGreaterThan(0);
    for (const q of v.questions) {
      expect(q.tags).toContain('vpc');
      expect(app.services.repos.cards.get(q.cardId)?.deckId).toBe(cold?.id);
    }
    const again = await call(app, 'quiz.options', {});
    expect(again.lastSetup).toMatchObject({ ...setup, seed: null, timeLimitMs: null });
    await call(app, 'quiz.submit', { attemptId: v.id });
    expect(await errorCode(app, 'quiz.start', { ...setup, deckIds: [9999] })).toBe('not_found');
    expect(await errorCode(app, 'quiz.start', { ...setup, tags: ['no-such-topic'] })).toBe('not_found');
    expect(counts(app).attempts).toBe(1);
  });

  it('history lists every attempt, newest first, with per-topic scores', async () => {
    const { app, clock } = open(newDir());
    const a = await call(app, 'quiz.start', { count: 3, mix: ALL_KINDS, mode: 'practice', seed: 1 });
    await call(app, 'quiz.submit', { attemptId: a.id });
    clock.advance(60_000);
    const b = await call(app, 'quiz.start', { count: 4, mix: ALL_KINDS, mode: 'mock', timeLimitMs: 120_000, seed: 2 });
    const h = await call(app, 'quiz.history', {});
    expect(h.attempts.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(h.attempts[0]).toMatchObject({ status: 'running', score: null, mode: 'mock', total: 4, timeUsedMs: null, byTopic: [] });
    expect(h.attempts[1]).toMatchObject({ status: 'submitted', score: 0, mode: 'practice', total: 3 });
    expect(h.attempts[1]?.byTopic.length).toBeGreaterThan(0);
  });

  it('a collection larger than the sample: same seed, same quiz; choice questions still get distractors', async () => {
    const build = (dir: string) => {
      const { app } = open(dir);
      const { repos } = app.services;
      repos.db.transaction(() => {
        const deckId = repos.decks.ensurePath('Big::Generated', T0);
        for (let i = 0; i < 3000; i++) {
          const noteId = repos.notes.insert(
            {
              guid: `gen-${i}`,
              deckId,
              content: { kind: 'basic', front: `Generated question ${i}?`, back: `Generated answer ${i}` },
              // Rare tags (4 notes each): their siblings mostly lie outside the sample.
              tags: [i < 200 ? `rare-${i % 50}` : `topic-${i % 7}`],
              section: '§1',
              source: 'generated',
              contentHash: `h${i}`,
            },
            T0,
          );
          repos.cards.insert(noteId, deckId, 0, T0, T0);
        }
      })();
      app.services.decks.invalidate();
      return app;
    };
    const setup = { count: 100, mix: { choice: 1, truefalse: 0, typed: 0, prompt: 0 }, mode: 'practice' as const, seed: 31337 };
    const a = await call(build(newDir()), 'quiz.start', setup);
    const b = await call(build(newDir()), 'quiz.start', setup);
    expect(a.questions).toHaveLength(100);
    expect(shape(b)).toEqual(shape(a));
    const rare = a.questions.filter((q) => q.kind === 'choice' && q.tags.some((t) => t.startsWith('rare-')));
    expect(rare.length).toBeGreaterThanOrEqual(3);
    // Their three related notes were fetched: the answer and three distractors.
    for (const q of rare) expect(q.choices).toHaveLength(4);
  });
});
