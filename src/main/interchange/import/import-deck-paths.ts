/**
 * Which deck an import sends a card to: the deck the options name for every card, else the deck
 * path the file gives, normalized (each path the file names is normalized once). The planner and
 * the reader thread's repeat check (file-duplicates.ts) judge decks the same way through it.
 */
import { normalizeDeckPath } from '../../../shared/deck-path';

export interface ImportDeckPaths {
  /** The file's own deck path, normalized. */
  fileDeck(raw: string): string;
  /** The deck the card goes to: the named deck, else fileDeck. */
  deckOf(raw: string): string;
}

export function importDeckPaths(deckName: string | undefined): ImportDeckPaths {
  const override = deckName !== undefined ? normalizeDeckPath(deckName) : undefined;
  const normalized = new Map<string, string>();
  const fileDeck = (raw: string): string => {
    let p = normalized.get(raw);
    if (p === undefined) {
      p = normalizeDeckPath(raw);
      normalized.set(raw, p);
    }
    return p;
  };
  return { fileDeck, deckOf: override === undefined ? fileDeck : (): string => override };
}
