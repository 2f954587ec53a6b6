import type { browseContract } from '../../../shared/api/browse-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function browseHandlers(s: Needs<'browse'>): HandlerGroup<keyof typeof browseContract> {
  return {
    'browse.search': (input) => s.browse.search(input),
    'browse.ids': ({ query }) => s.browse.ids(query),
    'browse.card': ({ cardId }) => s.browse.card(cardId),
  };
}
