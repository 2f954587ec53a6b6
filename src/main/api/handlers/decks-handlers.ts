import type { decksContract } from '../../../shared/api/decks-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function decksHandlers(s: Needs<'decks' | 'builtinDecks' | 'deletes'>): HandlerGroup<keyof typeof decksContract> {
  return {
    'decks.list': () => ({ ...s.decks.overview(), notices: s.decks.notices(), loadErrors: s.builtinDecks.errors() }),
    'decks.create': ({ name }) => ({ deckId: s.decks.create(name) }),
    'decks.rename': ({ deckId, name }) => ({ deckId: s.decks.rename(deckId, name) }),
    'decks.move': ({ deckId, parentId }) => ({ deckId: s.decks.move(deckId, parentId) }),
    'decks.delete': ({ deckId }) => s.deletes.deleteDeck(deckId),
    'decks.dismissNotice': ({ id }) => ({ dismissed: s.decks.dismissNotice(id) }),
  };
}
