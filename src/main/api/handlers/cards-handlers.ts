import type { cardsContract } from '../../../shared/api/cards-contract';
import { AppError } from '../../../shared/api/errors';
import type { HandlerGroup, Needs } from '../handler-types';

const notYet = (): never => {
  throw new AppError('internal', 'not built yet');
};

export function cardsHandlers(_s: Needs<'repos'>): HandlerGroup<keyof typeof cardsContract> {
  return {
    'cards.suspend': notYet,
    'notes.suspend': notYet,
    'cards.bury': notYet,
    'notes.bury': notYet,
    'cards.flag': notYet,
    'cards.setDeck': notYet,
    'cards.forget': notYet,
    'cards.setDue': notYet,
    'notes.addTags': notYet,
    'notes.removeTags': notYet,
    'notes.delete': notYet,
    'actions.undo': notYet,
  };
}
