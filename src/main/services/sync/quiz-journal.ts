/**
 * A finished quiz attempt as one sync event (`quiz.attempt`): recorded when it finishes and again
 * when a grade or an "I was right" changes it. Cards are named by note guid and ordinal, the
 * answers a miss rated Again by their review's event id.
 */
import { entityOf } from '../../core/sync/sync-events';
import type { Repos } from '../../db/repos';
import type { SyncJournal } from './sync-journal';

/** The event body of a finished attempt; null while it runs (or when it is gone). */
export function quizAttemptBody(repos: Repos, attemptId: number): { guid: string; body: Record<string, unknown> } | null {
  const a = repos.quiz.attempt(attemptId);
  const guid = repos.quiz.guidOf(attemptId);
  if (!a || a.finishedAt === null || a.status === 0 || guid === null) return null;
  const refs = repos.quiz.syncRefs(attemptId);
  const questions = [];
  for (const q of repos.quiz.questions(attemptId)) {
    const card = refs.cards.get(q.position);
    if (!card) continue;
    questions.push({ position: q.position, card, kind: q.kind, question: q.question, key: q.key, tags: q.tags, shownAt: q.shownAt ?? null });
  }
  const answers = repos.quiz.answers(attemptId).map(({ attemptId: _attempt, reviewLogId: _log, ...fields }) => ({
    ...fields,
    review: refs.reviews.get(fields.position) ?? null,
  }));
  const retakeOf = a.retakeOf === null ? null : repos.quiz.guidOf(a.retakeOf);
  return {
    guid,
    body: {
      seed: a.seed,
      mode: a.mode,
      config: a.config,
      startedAt: a.startedAt,
      deadlineAt: a.deadlineAt,
      perQuestionMs: a.perQuestionMs,
      finishedAt: a.finishedAt,
      status: a.status,
      score: a.score,
      retakeOf,
      questions,
      answers,
    },
  };
}

/** Record a finished attempt's current state (inside the transaction that changed it). */
export function recordQuizAttempt(repos: Repos, journal: SyncJournal, attemptId: number): void {
  if (!journal.on) return;
  const snapshot = quizAttemptBody(repos, attemptId);
  if (snapshot) journal.record(entityOf.quiz(snapshot.guid), 'quiz.attempt', snapshot.body);
}
