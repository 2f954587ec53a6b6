/**
 * SQL for deleting notes and decks so the delete can be undone: every row the delete removes,
 * directly or by ON DELETE CASCADE (tags, cards, review history and its undo data, quiz
 * questions and answers that asked the cards, deck sources and notices), is first kept in
 * action_rows (trash-repo), then the rows are deleted. Selections are the rows already kept.
 */
import type { Db } from '../open-db';
import { IN_IDS } from './card-actions-repo';
import type { CardRepo } from './card-repo';
import type { DeckRepo } from './deck-repo';
import type { NoteRepo } from './note-repo';
import type { TrashRepo } from './trash-repo';

const kept = (table: string, op = 1): string => `(SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = '${table}' AND op = ${op})`;

export function createDeleteRepo(db: Db, trash: TrashRepo, owners: { cards: CardRepo; notes: NoteRepo; decks: DeckRepo }) {
  const keptSources = db.prepare<[number], { source_id: string }>(
    `SELECT json_extract(row, '$.source_id') AS source_id FROM action_rows WHERE action_id = ? AND tbl = 'deck_sources' AND op = 1`,
  );
  const sourcesOf = db.prepare<[string], { source_id: string }>(`SELECT source_id FROM deck_sources WHERE deck_id ${IN_IDS}`);

  /** Keep the cards already selected in action_rows, with what hangs off them: history, undo data, quiz questions and answers. */
  function keepCardFamilies(actionId: number): void {
    trash.keepDeleted(actionId, 'review_log', `card_id IN ${kept('cards')}`, [actionId]);
    trash.keepDeleted(actionId, 'review_undo', `log_id IN ${kept('review_log')}`, [actionId]);
    trash.keepDeleted(actionId, 'quiz_questions', `card_id IN ${kept('cards')}`, [actionId]);
    trash.keepDeleted(
      actionId,
      'quiz_answers',
      `EXISTS (SELECT 1 FROM quiz_questions q WHERE q.attempt_id = quiz_answers.attempt_id AND q.position = quiz_answers.position AND q.card_id IN ${kept('cards')})`,
      [actionId],
    );
  }

  return {
    /** Keep the notes `noteIds` (JSON ids) with their tags, cards and all that hangs off them. Returns [notes, cards]. */
    keepNotes(actionId: number, noteIds: string): [number, number] {
      const notes = trash.keepDeleted(actionId, 'notes', `id ${IN_IDS}`, [noteIds]);
      trash.keepDeleted(actionId, 'note_tags', `note_id IN ${kept('notes')}`, [actionId]);
      const cards = trash.keepDeleted(actionId, 'cards', `note_id IN ${kept('notes')}`, [actionId]);
      keepCardFamilies(actionId);
      return [notes, cards];
    },
    /**
     * Keep the decks `deckIds` (a subtree, JSON ids) with everything in them: their sources and
     * notices, their cards, the notes with no card left elsewhere (a note with cards in other
     * decks stays, moved to the deck of its first remaining card). Returns [notes, cards].
     */
    keepDecks(actionId: number, deckIds: string): [number, number] {
      trash.keepDeleted(actionId, 'decks', `id ${IN_IDS}`, [deckIds]);
      trash.keepDeleted(actionId, 'deck_sources', `deck_id ${IN_IDS}`, [deckIds]);
      trash.keepDeleted(actionId, 'deck_notices', `deck_id ${IN_IDS}`, [deckIds]);
      const elsewhere = `EXISTS (SELECT 1 FROM cards o WHERE o.note_id = notes.id AND o.deck_id NOT ${IN_IDS})`;
      const notes = trash.keepDeleted(
        actionId,
        'notes',
        `(deck_id ${IN_IDS} OR id IN (SELECT note_id FROM cards WHERE deck_id ${IN_IDS})) AND NOT ${elsewhere}`,
        [deckIds, deckIds, deckIds],
      );
      trash.keepChanged(actionId, 'notes', ['deck_id'], `deck_id ${IN_IDS} AND ${elsewhere}`, [deckIds, deckIds]);
      trash.keepDeleted(actionId, 'note_tags', `note_id IN ${kept('notes')}`, [actionId]);
      const cards = trash.keepDeleted(actionId, 'cards', `deck_id ${IN_IDS}`, [deckIds]);
      keepCardFamilies(actionId);
      return [notes, cards];
    },
    /** Delete what the action kept: cards (their history and quiz rows go by cascade), then notes moved or deleted, then decks. */
    deleteKept(actionId: number): void {
      owners.cards.deleteOfAction(actionId);
      owners.notes.followCardsOfAction(actionId);
      owners.notes.deleteOfAction(actionId);
      owners.decks.deleteOfAction(actionId);
    },
    /** Built-in deck sources the action kept (deleted with their deck). */
    keptSources(actionId: number): string[] {
      return keptSources.all(actionId).map((r) => r.source_id);
    },
    /** Built-in deck sources installed into these decks (JSON ids). */
    sourcesOf(deckIds: string): string[] {
      return sourcesOf.all(deckIds).map((r) => r.source_id);
    },
  };
}
export type DeleteRepo = ReturnType<typeof createDeleteRepo>;
