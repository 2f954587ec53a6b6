import type { reviewContract } from '../../../shared/api/review-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function reviewHandlers(s: Needs<'review'>): HandlerGroup<keyof typeof reviewContract> {
  return {
    'review.next': ({ deckId, tag }) => s.review.session(deckId, undefined, tag),
    'review.answer': ({ cardId, rating, durationMs, deckId, tag }) => {
      if (deckId !== undefined) return s.review.answerInSession(deckId, cardId, rating, durationMs, tag);
      const a = s.review.answer(cardId, rating, durationMs);
      return { cardId: a.cardId, due: a.due, state: a.state, interval: a.interval };
    },
    'review.undo': ({ deckId, tag }) => s.review.undo(deckId, tag),
    'review.checkTyped': ({ cardId, typed }) => s.review.checkTyped(cardId, typed),
  };
}
