/** The built-in deck files in decks/, parsed with the deck format, for tests that derive their cases from them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deckFileSchema, type DeckFile, type DeckNote } from '../../src/shared/deck-format';

export const BUILTIN_DECK_DIR = resolve(process.cwd(), 'decks');

export function builtinDecks(): DeckFile[] {
  return readdirSync(BUILTIN_DECK_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => deckFileSchema.parse(JSON.parse(readFileSync(join(BUILTIN_DECK_DIR, f), 'utf8'))));
}

export function builtinNotes(): Array<{ deck: DeckFile; note: DeckNote }> {
  return builtinDecks().flatMap((deck) => deck.notes.map((note) => ({ deck, note })));
}
