import type { decksContract } from '../../../shared/api/decks-contract';
import { AppError } from '../../../shared/api/errors';
import type { HandlerGroup, Needs } from '../handler-types';

export function decksHandlers(s: Needs<'decks' | 'builtinDecks'>): HandlerGroup<keyof typeof decksContract> {
  return {
    'decks.list': () => ({ decks: s.decks.list(), notices: s.decks.notices(), loadErrors: s.builtinDecks.errors() }),
    'decks.create': () => {
      throw new AppError('internal', 'not built yet');
    },
    'decks.rename': () => {
      throw new AppError('internal', 'not built yet');
    },
    'decks.move': () => {
      throw new AppError('internal', 'not built yet');
    },
    'decks.delete': () => {
      throw new AppError('internal', 'not built yet');
    },
    'decks.dismissNotice': ({ id }) => ({ dismissed: s.decks.dismissNotice(id) }),
  };
}
