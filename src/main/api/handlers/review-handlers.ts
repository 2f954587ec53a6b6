import type { reviewContract } from '../../../shared/api/review-contract';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app';

export function reviewHandlers(s: Services): HandlerGroup<keyof typeof reviewContract> {
  return {
    'review.next': ({ deckId }) => s.review.session(deckId),
    'review.answer': ({ cardId, rating, durationMs }) => s.review.answer(cardId, rating, durationMs),
    'review.undo': ({ deckId }) => s.review.undo(deckId),
  };
}
