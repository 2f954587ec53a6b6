import type { decksContract } from '../../../shared/api/decks-contract';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app';

export function decksHandlers(s: Services): HandlerGroup<keyof typeof decksContract> {
  return {
    'decks.list': () => ({ decks: s.decks.list(), notices: s.decks.notices(), loadErrors: s.builtinDecks.errors() }),
    'decks.dismissNotice': ({ id }) => ({ dismissed: s.decks.dismissNotice(id) }),
  };
}
