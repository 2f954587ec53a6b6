/**
 * Quiz attempts travel between computers: a finished attempt arrives whole (questions, answers,
 * score), its misses' Again answers arrive as the cards' reviews and stay linked to the attempt,
 * and an "I was right" made later re-records it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QuizAttemptView } from '../../src/shared/api/quiz-contract';
import type { ApplierDeps } from '../../src/main/services/sync/applier-deps';
import { createAppliers } from '../../src/main/services/sync/appliers';
import { mergeEvents } from '../../src/main/services/sync/merge-events';
import { recordUnjournaled } from '../../src/main/services/sync/sync-genesis';
import { tempApp, type TempApp } from '../support/temp-app';

const open: TempApp[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.dispose();
});

function device(): TempApp & { deps: ApplierDeps; sent: number } {
  const t = tempApp();
  open.push(t);
  const s = t.app.services;
  const deps: ApplierDeps = { repos: s.repos, settings: s.settings, journal: s.journal, clock: t.clock, timeZone: 'UTC' };
  recordUnjournaled(deps);
  return Object.assign(t, { deps, sent: 0 });
}

/** Everything `from` recorded since the last call, merged into `to`. */
function send(from: ReturnType<typeof device>, to: ReturnType<typeof device>): void {
  recordUnjournaled(from.deps);
  const events = from.deps.repos.sync.localAfter(from.sent, 1_000_000);
  from.sent = events.at(-1)?.seq ?? from.sent;
  const result = mergeEvents(to.deps.repos, to.deps.journal, createAppliers(to.deps), events);
  expect(result.skipped).toBe(0);
}

const attemptRows = (t: TempApp) =>
  t.app.services.repos.db
    .prepare(
      `SELECT a.guid, a.status, a.score, a.started_at, a.finished_at, q.position, q.kind, n.guid AS note, c.ord,
              ans.correct, ans.points, ans.overridden, r.uid AS review
       FROM quiz_attempts a JOIN quiz_questions q ON q.attempt_id = a.id JOIN cards c ON c.id = q.card_id JOIN notes n ON n.id = c.note_id
       LEFT JOIN quiz_answers ans ON ans.attempt_id = a.id AND ans.position = q.position
       LEFT JOIN review_log r ON r.id = ans.review_log_id
       ORDER BY a.guid, q.position`,
    )
    .all();

describe('quiz attempts sync', () => {
  it('a finished attempt arrives whole, its misses linked to their Again reviews; a later "I was right" re-records it', async () => {
    const a = device();
    const b = device();
    const v = await a.call<QuizAttemptView>('quiz.start', { count: 6, mix: { choice: 0, truefalse: 0, typed: 1, prompt: 0 }, mode: 'mock', timeLimitMs: 600_000, seed: 7 });
    for (const q of v.questions) {
      a.clock.advance(5_000);
      await a.call('quiz.answer', { attemptId: v.id, position: q.position, text: 'surely not the answer', durationMs: 5_000 });
    }
    const done = await a.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
    expect(done.status).toBe('submitted');
    send(a, b);
    const onA = attemptRows(a);
    expect(onA).toHaveLength(6);
    expect(onA.every((r) => (r as { review: string | null }).review !== null)).toBe(true);
    expect(attemptRows(b)).toEqual(onA);
    const history = await b.call<{ attempts: Array<{ score: number | null; total: number }> }>('quiz.history', { limit: 5 });
    expect(history.attempts).toHaveLength(1);
    expect(history.attempts[0]?.total).toBe(6);

    // "I was right" on A: the attempt's score and that answer change on B too; the review it took back goes.
    a.clock.advance(60_000);
    await a.call('quiz.override', { attemptId: v.id, position: 0 });
    send(a, b);
    const after = attemptRows(b) as Array<{ position: number; overridden: number; review: string | null; score: number }>;
    expect(after).toEqual(attemptRows(a));
    expect(after[0]?.overridden).toBe(1);
    expect(after[0]?.review).toBeNull();
    expect(after[0]?.score).toBeGreaterThan((onA[0] as { score: number }).score);
  });

  it('a running attempt stays on its computer', async () => {
    const a = device();
    const b = device();
    await a.call('quiz.start', { count: 3, mix: { choice: 1, truefalse: 0, typed: 0, prompt: 0 }, mode: 'practice', seed: 3 });
    send(a, b);
    expect(attemptRows(b)).toEqual([]);
  });
});
