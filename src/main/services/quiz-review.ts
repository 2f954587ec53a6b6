/**
 * How quiz answers reach daily review (through the review service): a question answered wrongly
 * rates its card Again, once; an unanswered question changes nothing; an answer that stops being
 * wrong ("I was right", a prompt graded up) takes its Again back, and the card is rebuilt from its
 * review log. A new card starts learning this way only while the day's new-card limit has room
 * (the limit counts new cards studied in review and those quizzes already moved, in all decks).
 */
import { REVIEW_KINDS } from '../../shared/enums';
import type { Clock } from '../core/clock';
import { isWrong } from '../core/quiz/summary';
import { CardStates } from '../core/scheduler';
import type { Repos } from '../db/repos';
import type { QuizAnswerRow, QuizQuestionRow } from '../db/repos/quiz-repo';
import type { QueueService } from './queue-service';
import type { ReviewService } from './review-service';
import type { SettingsService } from './settings-service';

/** New cards quizzes may still move into learning today; worked out once per batch of answers. */
export interface NewCardBudget {
  left(): number;
  spend(): void;
}

export function createQuizReview(repos: Repos, settings: SettingsService, review: ReviewService, queue: QueueService, clock: Clock) {
  function budget(): NewCardBudget {
    let left: number | null = null;
    const compute = (): number => {
      const day = queue.today(clock.now());
      const decks = repos.decks.list().map((d) => d.id);
      const reviewed = decks.length === 0 ? 0 : repos.reviewLog.studiedSince(decks, day.start).newDone;
      const quizzed = repos.quiz.newCardsQuizzedSince(REVIEW_KINDS.quiz, day.start);
      return Math.max(0, settings.config().newPerDay - reviewed - quizzed);
    };
    return {
      left: () => (left ??= compute()),
      spend: () => {
        left = (left ??= compute()) - 1;
      },
    };
  }

  /**
   * Bring the review of one answered question in line with its answer. Call inside the
   * transaction that wrote the answer; `newCards` is shared by the answers of one batch.
   */
  function sync(q: Pick<QuizQuestionRow, 'cardId'>, a: QuizAnswerRow, newCards: NewCardBudget = budget()): void {
    const wanted = isWrong(a) && !a.overridden && settings.config().quizMissesToReview;
    if (wanted && a.reviewLogId === null) {
      const card = repos.cards.get(q.cardId);
      if (!card || card.suspended) return;
      if (card.state === CardStates.New) {
        if (newCards.left() <= 0) return;
        newCards.spend();
      }
      const rated = review.answer(q.cardId, 1, a.durationMs, REVIEW_KINDS.quiz);
      repos.quiz.setReviewLog(a.attemptId, a.position, rated.logId);
    } else if (!wanted && a.reviewLogId !== null) {
      review.undoQuizAnswer(a.reviewLogId);
      repos.quiz.setReviewLog(a.attemptId, a.position, null);
    }
  }

  return { sync, budget };
}
export type QuizReview = ReturnType<typeof createQuizReview>;
