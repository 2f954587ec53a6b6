import type { decksContract } from '../../../shared/api/decks-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function decksHandlers(s: Needs<'decks' | 'builtinDecks'>): HandlerGroup<keyof typeof decksContract> {
  return {
    'decks.list': () => ({ decks: s.decks.list(), notices: s.decks.notices(), loadErrors: s.builtinDecks.errors() }),
    'decks.dismissNotice': ({ id }) => ({ dismissed: s.decks.dismissNotice(id) }),
  };
}
