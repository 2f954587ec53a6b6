/**
 * Fair quizzes on a real SQLite file: skipped questions change no card, the day's new-card limit
 * holds, each question's own time limit is enforced by the server, "I was right" is stored and
 * takes back the Again it caused, a reload returns to the question viewed, and one definition of
 * points holds for the result, the topics and the history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QuizAttemptView } from '../../src/shared/api/quiz-contract';
import type { QuizKey } from '../../src/main/core/quiz/question';
import { tempApp, type TempApp } from '../support/temp-app';

const apps: TempApp[] = [];
afterEach(() => {
  for (const t of apps.splice(0)) t.dispose();
});

function open(): TempApp {
  const t = tempApp();
  apps.push(t);
  return t;
}

const CHOICE_ONLY = { choice: 1, truefalse: 0, typed: 0, prompt: 0 };
const TYPED_ONLY = { choice: 0, truefalse: 0, typed: 1, prompt: 0 };

function keyOf(t: TempApp, attemptId: number, position: number): QuizKey {
  const row = t.app.services.repos.db
    .prepare('SELECT answer_key FROM quiz_questions WHERE attempt_id = ? AND position = ?')
    .get(attemptId, position) as { answer_key: string };
  return JSON.parse(row.answer_key) as QuizKey;
}

/** Every card's scheduling columns, to see which cards changed. */
function cardRows(t: TempApp): Map<number, string> {
  const rows = t.app.services.repos.db.prepare('SELECT * FROM cards ORDER BY id').all() as Array<{ id: number }>;
  return new Map(rows.map((r) => [r.id, JSON.stringify(r)]));
}

function changedCards(before: Map<number, string>, after: Map<number, string>): number[] {
  return [...after].filter(([id, row]) => before.get(id) !== row).map(([id]) => id);
}

const quizLog = (t: TempApp) =>
  t.app.services.repos.db.prepare('SELECT id, card_id, rating, kind FROM review_log ORDER BY id').all() as Array<{
    id: number;
    card_id: number;
    rating: number;
    kind: number;
  }>;

async function answerChoice(t: TempApp, v: QuizAttemptView, position: number, right: boolean): Promise<QuizAttemptView> {
  const key = keyOf(t, v.id, position).correctChoice ?? 0;
  const n = v.questions[position]?.choices?.length ?? 2;
  return t.call<QuizAttemptView>('quiz.answer', { attemptId: v.id, position, choice: right ? key : (key + 1) % n, durationMs: 1000 });
}

describe('skipped is not missed', () => {
  it('ending a long practice early changes only the cards answered wrongly', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 200, mix: CHOICE_ONLY, mode: 'practice', seed: 21 });
    expect(v.questions.length).toBeGreaterThan(20);
    const before = cardRows(t);
    await answerChoice(t, v, 0, false);
    await answerChoice(t, v, 1, true);
    await answerChoice(t, v, 2, false);
    const done = await t.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
    expect(done.result).toMatchObject({ answered: 3, wrong: 2, points: 1, total: v.questions.length });
    const changed = changedCards(before, cardRows(t));
    expect(changed.sort()).toEqual([v.questions[0]?.cardId, v.questions[2]?.cardId].sort());
    expect(quizLog(t).map((r) => [r.card_id, r.rating, r.kind])).toEqual([
      [v.questions[0]?.cardId, 1, 1],
      [v.questions[2]?.cardId, 1, 1],
    ]);
  });

  it('submitting a mock interview at once changes no card', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 8, mix: { choice: 1, truefalse: 1, typed: 1, prompt: 1 }, mode: 'mock', timeLimitMs: 600_000, seed: 3140033689 });
    const before = cardRows(t);
    const done = await t.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
    expect(done.result).toMatchObject({ answered: 0, wrong: 0, missed: 8 });
    expect(changedCards(before, cardRows(t))).toEqual([]);
    expect(quizLog(t)).toEqual([]);
  });

  it("never moves more new cards into learning than the day's new-card limit has left", async () => {
    const t = open();
    await t.call('settings.update', { newPerDay: 3 });
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 5, mix: CHOICE_ONLY, mode: 'practice', seed: 5 });
    for (const q of v.questions) await answerChoice(t, v, q.position, false);
    await t.call('quiz.submit', { attemptId: v.id });
    expect(quizLog(t)).toHaveLength(3);
    // The limit is spent: a second quiz answered wrongly moves no new card.
    const w = await t.call<QuizAttemptView>('quiz.start', { count: 4, mix: CHOICE_ONLY, mode: 'practice', seed: 6 });
    const fresh = w.questions.filter((q) => t.app.services.repos.cards.get(q.cardId)?.state === 0);
    for (const q of w.questions) await answerChoice(t, w, q.position, false);
    await t.call('quiz.submit', { attemptId: w.id });
    const logged = new Set(quizLog(t).slice(3).map((r) => r.card_id));
    for (const q of fresh) expect(logged.has(q.cardId)).toBe(false);
    // The next study day has room again.
    t.clock.advance(86_400_000);
    const x = await t.call<QuizAttemptView>('quiz.start', { count: 2, mix: CHOICE_ONLY, mode: 'practice', seed: 7 });
    for (const q of x.questions) await answerChoice(t, x, q.position, false);
    await t.call('quiz.submit', { attemptId: x.id });
    expect(quizLog(t).length).toBeGreaterThan(3);
  });
});

describe('per-question time limit', () => {
  it('rejects a late answer to a question whose own time ran out, and finishes when the last question runs out', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 3, mix: CHOICE_ONLY, mode: 'mock', timeLimitMs: 600_000, perQuestionMs: 10_000, seed: 9 });
    const shown = await t.call<QuizAttemptView>('quiz.view', { attemptId: v.id, position: 0 });
    expect(shown.questions[0]?.expiresAt).toBe(t.clock.now() + 10_000);
    t.clock.advance(11_000);
    const late = await t.app.dispatch('quiz.answer', { attemptId: v.id, position: 0, choice: 0, durationMs: 11_000 });
    expect(late.ok ? 'ok' : late.error.code).toBe('quiz_expired');
    expect((await t.call<QuizAttemptView>('quiz.get', { id: v.id })).answered).toBe(0);

    // Question 2 is answered in time; its clock started when it was shown, not at the start.
    await t.call('quiz.view', { attemptId: v.id, position: 1 });
    t.clock.advance(5_000);
    await answerChoice(t, v, 1, true);
    // Viewing a question again does not restart its clock.
    await t.call('quiz.view', { attemptId: v.id, position: 2 });
    t.clock.advance(6_000);
    await t.call('quiz.view', { attemptId: v.id, position: 0 });
    await t.call('quiz.view', { attemptId: v.id, position: 2 });
    t.clock.advance(5_000);
    const lastEnd = t.clock.now() - 1_000;
    const after = await t.call<QuizAttemptView>('quiz.get', { id: v.id });
    expect(after.status).toBe('timedOut');
    expect(after.finishedAt).toBe(lastEnd);
    expect(after.deadlineAt).toBeGreaterThan(lastEnd);
    expect(after.result).toMatchObject({ answered: 1, points: 1, total: 3 });
  });
});

describe('per-question time limit without quiz.view', () => {
  it('a client that never reports a question as shown gets no more time than taking them in order', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 3, mix: CHOICE_ONLY, mode: 'mock', timeLimitMs: 600_000, perQuestionMs: 10_000, seed: 9 });
    // Question 1's clock started with the attempt: 11 s later it is out of time.
    t.clock.advance(11_000);
    const late = await t.app.dispatch('quiz.answer', { attemptId: v.id, position: 0, choice: 0, durationMs: 11_000 });
    expect(late.ok ? 'ok' : late.error.code).toBe('quiz_expired');
    // Question 2 started when question 1 ran out (10 s): at 11 s it still has time.
    await answerChoice(t, v, 1, true);
    // Question 3 started when question 2 was answered (11 s): 12 s later it is out of time.
    t.clock.advance(12_000);
    const late3 = await t.app.dispatch('quiz.answer', { attemptId: v.id, position: 2, choice: 0, durationMs: 12_000 });
    expect(late3.ok ? 'ok' : late3.error.code).toBe('quiz_expired');
    expect((await t.call<QuizAttemptView>('quiz.get', { id: v.id })).answered).toBe(1);
  });
});

describe('"I was right"', () => {
  it('in practice: the typed answer counts as right, is stored as overridden, and never reaches review', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 2, mix: TYPED_ONLY, mode: 'practice', seed: 11 });
    const a = await t.call<QuizAttemptView>('quiz.answer', { attemptId: v.id, position: 0, text: 'zzz', durationMs: 1000 });
    expect(a.questions[0]?.feedback).toMatchObject({ correct: false, canOverride: true, overridden: false });
    const o = await t.call<QuizAttemptView>('quiz.override', { attemptId: v.id, position: 0 });
    expect(o.questions[0]?.feedback).toMatchObject({ correct: true, points: 1, canOverride: false, overridden: true });
    const stored = t.app.services.repos.db.prepare('SELECT overridden, correct, points FROM quiz_answers WHERE attempt_id = ?').get(v.id);
    expect(stored).toEqual({ overridden: 1, correct: 1, points: 1 });
    const again = await t.app.dispatch('quiz.override', { attemptId: v.id, position: 0 });
    expect(again.ok ? 'ok' : again.error.code).toBe('conflict');
    const done = await t.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
    expect(done.result).toMatchObject({ points: 1, correct: 1, score: 0.5, wrong: 0 });
    expect(quizLog(t)).toEqual([]);
  });

  it('after a mock interview: the score updates and the Again is taken back by replaying the card log', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 2, mix: TYPED_ONLY, mode: 'mock', timeLimitMs: 600_000, seed: 12 });
    await t.call('quiz.answer', { attemptId: v.id, position: 0, text: 'zzz', durationMs: 1000 });
    const running = await t.app.dispatch('quiz.override', { attemptId: v.id, position: 0 });
    expect(running.ok ? 'ok' : running.error.code).toBe('conflict');
    const cardId = v.questions[0]?.cardId as number;
    const pristine = cardRows(t).get(cardId);
    const done = await t.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
    expect(done.result).toMatchObject({ points: 0, wrong: 1 });
    expect(quizLog(t).map((r) => r.card_id)).toEqual([cardId]);
    expect(cardRows(t).get(cardId)).not.toBe(pristine);

    // The card is studied in daily review after the quiz; the override must keep that answer.
    t.clock.advance(60_000);
    await t.call('review.answer', { cardId, rating: 3, durationMs: 2000 });
    const o = await t.call<QuizAttemptView>('quiz.override', { attemptId: v.id, position: 0 });
    expect(o.result).toMatchObject({ points: 1, correct: 1, score: 0.5, wrong: 0 });
    expect(o.questions[0]?.feedback).toMatchObject({ overridden: true, correct: true });
    expect(quizLog(t).map((r) => [r.card_id, r.rating, r.kind])).toEqual([[cardId, 3, 0]]);

    // The card equals a fresh collection where only the daily review happened.
    const u = open();
    u.clock.advance(t.clock.now() - u.clock.now());
    await u.call('review.answer', { cardId, rating: 3, durationMs: 2000 });
    expect(cardRows(t).get(cardId)).toBe(cardRows(u).get(cardId));

    const history = await t.call<{ attempts: Array<{ id: number; score: number; points: number }> }>('quiz.history', {});
    expect(history.attempts.find((h) => h.id === v.id)).toMatchObject({ score: 0.5, points: 1 });
  });
});

describe('grading a prompt up', () => {
  it('takes back the Again that grading it down had caused', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 1, mix: { choice: 0, truefalse: 0, typed: 0, prompt: 1 }, mode: 'mock', timeLimitMs: 600_000, seed: 13 });
    const cardId = v.questions[0]?.cardId as number;
    const pristine = cardRows(t).get(cardId);
    await t.call('quiz.answer', { attemptId: v.id, position: 0, text: 'An answer.', durationMs: 1000 });
    const done = await t.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
    const rubric = done.questions[0]?.feedback?.rubric ?? [];
    await t.call('quiz.grade', { attemptId: v.id, position: 0, rubricChecked: [] });
    expect(quizLog(t).map((r) => r.card_id)).toEqual([cardId]);
    const up = await t.call<QuizAttemptView>('quiz.grade', { attemptId: v.id, position: 0, rubricChecked: rubric.map((_, i) => i) });
    expect(up.result).toMatchObject({ points: 1, wrong: 0 });
    expect(quizLog(t)).toEqual([]);
    expect(cardRows(t).get(cardId)).toBe(pristine);
  });
});

describe('resume and one score', () => {
  it('remembers the question viewed across a restart', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 5, mix: CHOICE_ONLY, mode: 'practice', seed: 2 });
    expect(v.viewing).toBe(0);
    await answerChoice(t, v, 0, true);
    await t.call('quiz.view', { attemptId: v.id, position: 3 });
    t.reopen();
    expect((await t.call<QuizAttemptView>('quiz.get', { id: v.id })).viewing).toBe(3);
  });

  it('a prompt graded 2 of 4 rubric points scores half a point in the result, the topics and the history', async () => {
    const t = open();
    const v = await t.call<QuizAttemptView>('quiz.start', { count: 4, mix: { choice: 1, truefalse: 0, typed: 0, prompt: 1 }, mode: 'mock', timeLimitMs: 600_000, seed: 17 });
    const prompt = v.questions.find((q) => q.kind === 'prompt');
    const choices = v.questions.filter((q) => q.kind === 'choice');
    expect(prompt).toBeDefined();
    expect(choices.length).toBeGreaterThan(0);
    await t.call('quiz.answer', { attemptId: v.id, position: prompt?.position, text: 'My answer.', durationMs: 1000 });
    await answerChoice(t, v, choices[0]?.position as number, true);
    const done = await t.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
    const rubric = done.questions.find((q) => q.position === prompt?.position)?.feedback?.rubric ?? [];
    const ticked = rubric.slice(0, Math.ceil(rubric.length / 2)).map((_, i) => i);
    const share = ticked.length / rubric.length;
    const g = await t.call<QuizAttemptView>('quiz.grade', { attemptId: v.id, position: prompt?.position, rubricChecked: ticked });
    const total = v.questions.length;
    expect(g.result?.points).toBeCloseTo(1 + share, 9);
    expect(g.result?.score).toBeCloseTo((1 + share) / total, 9);
    expect(g.result?.correct).toBe(share === 1 ? 2 : 1);
    for (const topic of g.result?.byTopic ?? []) {
      const qs = g.questions.filter((q) => q.tags.includes(topic.tag));
      const pts = qs.reduce((n, q) => n + (q.feedback?.correct === null ? 0 : (q.feedback?.points ?? 0)), 0);
      expect(topic.points).toBeCloseTo(pts, 9);
      expect(topic.score).toBeCloseTo(pts / qs.length, 9);
    }
    const history = await t.call<{ attempts: Array<{ id: number; score: number; points: number; total: number }> }>('quiz.history', {});
    expect(history.attempts[0]).toMatchObject({ id: v.id, total });
    expect(history.attempts[0]?.points).toBeCloseTo(1 + share, 9);
    expect(history.attempts[0]?.score).toBeCloseTo((1 + share) / total, 9);
  });
});
