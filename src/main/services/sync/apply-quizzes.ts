/**
 * Applies merged quiz attempts: the newest `quiz.attempt` snapshot of an attempt is the attempt
 * (a finished attempt changes only by grades and "I was right", which re-record it whole).
 * Questions whose card is not on this computer (deleted here) are left out with their answers.
 */
import type { QuizAnswer, QuizKey, QuizQuestion, QuizQuestionKind } from '../../core/quiz/question';
import { quizEventBodies, type SyncEvent } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';
import type { EntityApplier } from './merge-events';

const attemptSchema = quizEventBodies['quiz.attempt'];

export function createQuizApplier({ repos }: ApplierDeps): EntityApplier {
  return {
    apply(fresh: Map<string, SyncEvent[]>) {
      let skipped = 0;
      for (const entity of fresh.keys()) {
        const guid = entity.slice('quiz:'.length);
        // The newest snapshot that reads as one; older ones only count when it does not.
        const events = repos.sync.eventsOf(entity);
        let body = null;
        for (let i = events.length - 1; i >= 0 && body === null; i--) {
          const e = events[i] as SyncEvent;
          const parsed = e.type === 'quiz.attempt' ? attemptSchema.safeParse(e.body) : null;
          if (parsed?.success) body = parsed.data;
        }
        if (body === null) {
          skipped += fresh.get(entity)?.length ?? 0;
          continue;
        }
        const cardIds = new Map<number, number>();
        const questions = [];
        for (const q of body.questions) {
          const cardId = repos.quiz.cardOfRef(q.card.note, q.card.ord);
          if (cardId === null) continue;
          cardIds.set(q.position, cardId);
          questions.push({
            position: q.position,
            cardId,
            kind: q.kind as QuizQuestionKind,
            question: q.question as QuizQuestion,
            key: q.key as QuizKey,
            tags: q.tags,
            shownAt: q.shownAt,
          });
        }
        const answers = [];
        for (const x of body.answers) {
          const cardId = cardIds.get(x.position);
          if (cardId === undefined) continue;
          const { review, ...fields } = x;
          answers.push({ ...fields, answer: fields.answer as QuizAnswer, reviewLogId: review === null ? null : repos.quiz.reviewOfUid(cardId, review) });
        }
        const retakeOf = body.retakeOf === null ? null : repos.quiz.idOfGuid(body.retakeOf);
        repos.quiz.putSynced(
          guid,
          {
            seed: body.seed,
            mode: body.mode,
            config: body.config,
            startedAt: body.startedAt,
            deadlineAt: body.deadlineAt,
            perQuestionMs: body.perQuestionMs,
            finishedAt: body.finishedAt,
            status: body.status,
            score: body.score,
            retakeOf,
          },
          questions,
          answers,
        );
      }
      return { skipped };
    },
  };
}
