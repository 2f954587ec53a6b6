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
import { entityOf } from '../core/sync/sync-events';
import { ROW_OPS } from '../db/repos/trash-repo';
import { recordNoteChange, recordNoteDeck, recordSetting, type EventRecorder } from './sync/collection-fields';
import { readCollection, withCollectionEvents } from './sync/collection-changes';

/** Settings key: built-in deck sources the user deleted, not to be installed again. */
export const REMOVED_BUILTIN_KEY = 'builtinDecksRemoved';

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function removedBuiltinSources(repos: Repos): Set<string> {
  const stored = repos.settings.get(REMOVED_BUILTIN_KEY);
  return new Set(Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : []);
}

/**
 * `refoldCards`: make a note's cards what their events say (sync: a note brought back by undo
 * gets the answers and states other devices recorded on its cards while it was gone).
 */
export function createDeleteService(repos: Repos, actions: CardActionsService, decks: DeckService, journal?: EventRecorder, refoldCards?: (noteGuid: string) => void) {
  /** Sync: the notes and decks a delete removed are deleted on every device; notes it moved follow. */
  function recordDelete(actionId: number): void {
    if (!journal?.on) return;
    for (const guid of repos.trash.keptGuids(actionId, 'notes')) journal.record(entityOf.note(guid), 'note.delete', {});
    for (const noteId of repos.trash.keptRowIds(actionId, 'notes', ROW_OPS.changed)) recordNoteDeck(journal, repos, noteId);
  }
  /** Sync: undo brings the notes and decks back with every field (newer than the delete, so it wins). */
  function recordUndo(actionId: number): void {
    if (!journal?.on) return;
    const collection = readCollection(repos);
    for (const guid of repos.trash.keptGuids(actionId, 'decks')) {
      const fields = collection.decks.get(guid);
      if (fields) journal.record(entityOf.deck(guid), 'deck.set', fields);
    }
    for (const guid of repos.trash.keptGuids(actionId, 'notes')) {
      recordNoteChange(journal, repos, null, guid);
      refoldCards?.(guid);
    }
    for (const noteId of repos.trash.keptRowIds(actionId, 'notes', ROW_OPS.changed)) recordNoteDeck(journal, repos, noteId);
  }
  const deleteNotes = actions.define('deleteNotes', recordUndo);
  const deleteDeck = actions.define('deleteDeck', (actionId) => {
    // The deck's built-in sources are back: a later start may update them again.
    const restored = new Set(repos.deletes.keptSources(actionId));
    repos.settings.set(REMOVED_BUILTIN_KEY, [...removedBuiltinSources(repos)].filter((s) => !restored.has(s)));
    recordSetting(journal, repos, REMOVED_BUILTIN_KEY);
    recordUndo(actionId);
  });

  return {
    /** Delete notes with their cards and history (undoable). */
    deleteNotes(noteIds: number[]): ActionResult {
      const json = actions.noteSelection(noteIds);
      return deleteNotes((id) => {
        const [notes, cards] = repos.deletes.keepNotes(id, json);
        repos.deletes.deleteKept(id);
        recordDelete(id);
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
          // Sync: deck.delete for the deck and its subdecks, note.delete for their notes.
          withCollectionEvents(journal, repos, () => repos.deletes.deleteKept(id));
          recordDelete(id);
          if (sources.length > 0) {
            repos.settings.set(REMOVED_BUILTIN_KEY, [...new Set([...removedBuiltinSources(repos), ...sources])]);
            recordSetting(journal, repos, REMOVED_BUILTIN_KEY);
          }
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
