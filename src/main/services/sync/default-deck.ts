/**
 * The Default deck of merged notes whose deck is missing or deleted: the top-level deck named
 * "Default" (id `path:default`), made when missing. Made by a merge, it is recorded like a deck
 * the user made, so every device has the same decks.
 */
import type { ApplierDeps } from './applier-deps';
import { withCollectionEvents } from './collection-changes';
import { DEFAULT_DECK_NAME } from './collection-fields';

/** The name a deck takes when a deck with a smaller guid holds its name under the same parent. */
export const collidingName = (name: string, guid: string): string => `${name} (${guid.replace(/[^0-9a-z]/gi, '').slice(-6)})`;

/** The top-level Default deck (made when missing), other than `except`. */
export function defaultDeckId(deps: ApplierDeps, except?: number): number {
  const { repos } = deps;
  const found = repos.decks.childNamed(null, DEFAULT_DECK_NAME);
  if (found !== undefined && found !== except) return found;
  if (found !== undefined) {
    // The Default deck itself is going: it gives up the name first.
    const self = repos.decks.syncRow(found);
    if (self) repos.decks.rename(found, collidingName(self.name, self.guid));
  }
  return withCollectionEvents(deps.journal, repos, () => repos.decks.ensurePath(DEFAULT_DECK_NAME, deps.clock.now()));
}
