/**
 * Which deck a merged card is in (merge rules: docs/sync.md): the deck its latest `card.set`
 * names when that deck is here, else its note's deck. A card moves whenever either side of that
 * rule changes: its note moves (merged, or waiting in the Default deck until its deck arrives),
 * or the deck it names arrives, comes back or goes.
 */
import { parseCardBody } from '../../core/sync/fold-card';
import { entityOf, parseCardEntity } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';

/** The deck guid the card's latest `card.set` with a deck names (undefined: none did). */
export function namedDeckOf(deps: ApplierDeps, entity: string): string | undefined {
  let deck: string | undefined;
  // Oldest first: the last one read is the latest.
  for (const e of deps.repos.sync.eventsOf(entity)) {
    if (e.type !== 'card.set') continue;
    const set = parseCardBody(e)?.body as { deck?: string } | undefined;
    if (set?.deck !== undefined) deck = set.deck;
  }
  return deck;
}

/** The card's deck id by the rule: the named deck when here, else the note's deck. */
export const cardDeckId = (deps: Pick<ApplierDeps, 'repos'>, named: string | undefined, noteDeckId: number): number =>
  (named !== undefined ? deps.repos.cards.sync.deckIdOfGuid(named) : undefined) ?? noteDeckId;

/** Put every card of a note in the deck the rule gives it. */
export function settleCardDecks(deps: ApplierDeps, noteGuid: string): void {
  const note = deps.repos.notes.syncByGuid(noteGuid);
  if (!note) return;
  for (const c of deps.repos.cards.byNote(note.id)) {
    const want = cardDeckId(deps, namedDeckOf(deps, entityOf.card(noteGuid, c.ord)), note.deckId);
    if (c.deckId !== want) deps.repos.cards.moveToDeck(c.id, want);
  }
}

/** Notes and cards whose events name decks that just arrived or came back: each goes by the rule again. */
export function settleNamingDecks(deps: ApplierDeps, deckGuids: readonly string[], applyNote: (noteGuid: string) => void): void {
  const notes = new Set<string>();
  for (const entity of deps.repos.sync.entitiesNamingDecks(deckGuids)) {
    if (entity.startsWith('note:')) notes.add(entity.slice('note:'.length));
    else {
      const key = parseCardEntity(entity);
      if (key) notes.add(key.noteGuid);
    }
  }
  for (const guid of [...notes].sort()) {
    applyNote(guid);
    settleCardDecks(deps, guid);
  }
}
