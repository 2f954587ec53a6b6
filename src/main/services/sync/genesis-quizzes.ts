/** Records finished quiz attempts the journal has not seen (the first sync), at the time they finished. */
import { entityOf } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';
import { quizAttemptBody } from './quiz-journal';

const WATERMARK = 'journaled.quiz';

export function recordUnjournaledQuizzes({ repos, journal }: ApplierDeps): { events: number } {
  let after = Number(repos.sync.state(WATERMARK) ?? 0);
  let events = 0;
  for (;;) {
    const ids = repos.quiz.finishedAfter(after, 500);
    if (ids.length === 0) break;
    for (const id of ids) {
      const snapshot = quizAttemptBody(repos, id);
      if (snapshot && !repos.sync.hasEntity(entityOf.quiz(snapshot.guid))) {
        journal.recordAt(snapshot.body.finishedAt as number, entityOf.quiz(snapshot.guid), 'quiz.attempt', snapshot.body);
        events += 1;
      }
      after = id;
    }
  }
  repos.sync.setState(WATERMARK, String(after));
  return { events };
}
