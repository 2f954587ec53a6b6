import type { reviewContract } from '../../../shared/api/review-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function reviewHandlers(s: Needs<'review'>): HandlerGroup<keyof typeof reviewContract> {
  return {
    'review.next': ({ deckId }) => s.review.session(deckId),
    'review.answer': ({ cardId, rating, durationMs, deckId }) => {
      if (deckId !== undefined) return s.review.answerInSession(deckId, cardId, rating, durationMs);
      const a = s.review.answer(cardId, rating, durationMs);
      return { cardId: a.cardId, due: a.due, state: a.state, interval: a.interval };
    },
    'review.undo': ({ deckId }) => s.review.undo(deckId),
    'review.checkTyped': ({ cardId, typed }) => s.review.checkTyped(cardId, typed),
  };
}
