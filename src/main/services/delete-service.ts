/**
 * Deleting notes and decks (Anki's Delete in Browse and review, and deleting a deck). A backup is
 * made first (by the composition root, as before an import); the delete is one undoable action
 * that keeps every row it removes: notes, tags, cards, review history and its undo data, and the
 * quiz questions and answers that asked those cards, so undo loses nothing. A deleted built-in
 * deck stays deleted at the next start (its source is remembered) until the delete is undone.
 */
import type { ActionResult } from '../../shared/api/cards-contract';
import type { Repos } from '../db/repos';
import type { CardActionsService } from './card-actions-service';
import type { DeckService } from './deck-service';

/** Settings key: built-in deck sources the user deleted, not to be installed again. */
export const REMOVED_BUILTIN_KEY = 'builtinDecksRemoved';

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function removedBuiltinSources(repos: Repos): Set<string> {
  const stored = repos.settings.get(REMOVED_BUILTIN_KEY);
  return new Set(Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : []);
}

export function createDeleteService(repos: Repos, actions: CardActionsService, decks: DeckService) {
  const deleteNotes = actions.define('deleteNotes');
  const deleteDeck = actions.define('deleteDeck', (actionId) => {
    // The deck's built-in sources are back: a later start may update them again.
    const restored = new Set(repos.deletes.keptSources(actionId));
    repos.settings.set(REMOVED_BUILTIN_KEY, [...removedBuiltinSources(repos)].filter((s) => !restored.has(s)));
  });

  return {
    /** Delete notes with their cards and history (undoable). */
    deleteNotes(noteIds: number[]): ActionResult {
      const json = actions.noteSelection(noteIds);
      return deleteNotes((id) => {
        const [notes, cards] = repos.deletes.keepNotes(id, json);
        repos.deletes.deleteKept(id);
        return { changed: notes, message: `Deleted ${plural(notes, 'note')} (${plural(cards, 'card')})` };
      });
    },
    /** Delete a deck with its subdecks and cards (undoable). */
    deleteDeck(deckId: number): ActionResult {
      const node = decks.node(deckId);
      const ids = JSON.stringify(node.subtree);
      try {
        return deleteDeck((id) => {
          const sources = repos.deletes.sourcesOf(ids);
          const [, cards] = repos.deletes.keepDecks(id, ids);
          repos.deletes.deleteKept(id);
          if (sources.length > 0) repos.settings.set(REMOVED_BUILTIN_KEY, [...new Set([...removedBuiltinSources(repos), ...sources])]);
          const sub = node.subtree.length - 1;
          return { changed: cards, message: `Deleted ${node.path}${sub > 0 ? ` and ${plural(sub, 'subdeck')}` : ''} (${plural(cards, 'card')})`, undoable: true };
        });
      } finally {
        decks.invalidate();
      }
    },
  };
}
export type DeleteService = ReturnType<typeof createDeleteService>;
