/**
 * SQL for card and note actions (suspend, bury, flag, move, forget, set due, tags) and the
 * undoable action records. Selections are passed as one JSON array of ids (`json_each`), so a
 * million selected cards is one statement, not a million.
 */
import type { Db } from '../open-db';
import { CARD_COLUMNS, toCard, type CardRow, type RawCard } from './card-row';
import type { TrashRepo } from './trash-repo';

export interface ActionRecord {
  id: number;
  kind: string;
  label: string;
  createdAt: number;
  undoneAt: number | null;
}

/** The ids of a selection, for `IN (SELECT value FROM json_each(?))`. */
export const IN_IDS = 'IN (SELECT value FROM json_each(?))';

/** Columns a card's schedule is stored in (forget and set due change them). */
export const SCHEDULE_COLUMNS = [
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state',
  'last_review',
] as const;

export function createCardActionsRepo(db: Db, trash: TrashRepo) {
  const insertAction = db.prepare<[string, string, number]>('INSERT INTO actions (kind, label, created_at) VALUES (?, ?, ?)');
  const byId = db.prepare<[number], { id: number; kind: string; label: string; created_at: number; undone_at: number | null }>(
    'SELECT id, kind, label, created_at, undone_at FROM actions WHERE id = ?',
  );
  const latest = db.prepare<[], { id: number }>('SELECT id FROM actions WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1');
  const markUndone = db.prepare<[number, number]>('UPDATE actions SET undone_at = ? WHERE id = ?');
  const dropAction = db.prepare<[number]>('DELETE FROM actions WHERE id = ?');
  // Undo reaches back to the start of the study day and over the last `keep` actions at most.
  const prune = db.prepare<[number, number]>(
    'DELETE FROM actions WHERE created_at < ? OR id <= (SELECT id FROM actions ORDER BY id DESC LIMIT 1 OFFSET ?)',
  );
  const cardIdsOfNotes = db.prepare<[string], { id: number }>(`SELECT id FROM cards WHERE note_id ${IN_IDS} ORDER BY id`);
  const existingCards = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM cards WHERE id ${IN_IDS}`);
  const existingNotes = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM notes WHERE id ${IN_IDS}`);
  const keptCards = db.prepare<[number], RawCard & { created_at: number }>(
    `SELECT ${CARD_COLUMNS}, created_at FROM cards
     WHERE id IN (SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = 'cards') ORDER BY id`,
  );
  const setLabel = db.prepare<[string, number]>('UPDATE actions SET label = ? WHERE id = ?');
  const notesTagsOf = db.prepare<[string], { id: number; tags: string }>(`SELECT id, tags FROM notes WHERE id ${IN_IDS} ORDER BY id`);

  return {
    /** A new action record; returns its id. */
    record(kind: string, label: string, now: number): number {
      return Number(insertAction.run(kind, label, now).lastInsertRowid);
    },
    get(id: number): ActionRecord | undefined {
      const r = byId.get(id);
      return r ? { id: r.id, kind: r.kind, label: r.label, createdAt: r.created_at, undoneAt: r.undone_at } : undefined;
    },
    latestUndoable(): number | undefined {
      return latest.get()?.id;
    },
    markUndone(id: number, now: number): void {
      markUndone.run(now, id);
    },
    /** Drop an action that changed nothing. */
    drop(id: number): void {
      dropAction.run(id);
    },
    /** Forget the undo data of actions before `since` and beyond the latest `keep`. */
    prune(since: number, keep: number): void {
      prune.run(since, keep);
    },
    countCards(ids: string): number {
      return existingCards.get(ids)?.n ?? 0;
    },
    countNotes(ids: string): number {
      return existingNotes.get(ids)?.n ?? 0;
    },
    cardIdsOfNotes(ids: string): number[] {
      return cardIdsOfNotes.all(ids).map((r) => r.id);
    },
    /** Keep cards.suspended of the selected cards (JSON ids) whose value is one of `from`; returns how many. */
    keepSuspended(actionId: number, ids: string, from: readonly number[]): number {
      return trash.keepChanged(actionId, 'cards', ['suspended'], `id ${IN_IDS} AND suspended IN (${from.map(Number).join(', ')})`, [ids]);
    },
    /** Keep the flag of the selected cards not already flagged `flag`. */
    keepFlag(actionId: number, ids: string, flag: number): number {
      return trash.keepChanged(actionId, 'cards', ['flag'], `id ${IN_IDS} AND flag <> ?`, [ids, flag]);
    },
    /** Keep the deck of the selected cards not already in `deckId`, and the deck of their notes. */
    keepDeck(actionId: number, ids: string, deckId: number): number {
      const n = trash.keepChanged(actionId, 'cards', ['deck_id'], `id ${IN_IDS} AND deck_id <> ?`, [ids, deckId]);
      trash.keepChanged(
        actionId,
        'notes',
        ['deck_id'],
        `id IN (SELECT note_id FROM cards WHERE id IN (SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = 'cards'))`,
        [actionId],
      );
      return n;
    },
    /** Keep the schedule of the selected cards. */
    keepSchedule(actionId: number, ids: string): number {
      return trash.keepChanged(actionId, 'cards', [...SCHEDULE_COLUMNS], `id ${IN_IDS}`, [ids]);
    },
    /** Keep the tags of the selected notes (JSON ids). */
    keepTags(actionId: number, noteIds: string): number {
      return trash.keepChanged(actionId, 'notes', ['tags'], `id ${IN_IDS}`, [noteIds]);
    },
    /** The cards the action kept, as they are now (before it changes them), with when each was added. */
    keptCards(actionId: number): Array<CardRow & { createdAt: number }> {
      return keptCards.all(actionId).map((r) => ({ ...toCard(r), createdAt: r.created_at }));
    },
    setLabel(actionId: number, label: string): void {
      setLabel.run(label, actionId);
    },
    notesTags(ids: string): Array<{ id: number; tags: string[] }> {
      return notesTagsOf.all(ids).map((r) => ({ id: r.id, tags: JSON.parse(r.tags) as string[] }));
    },
  };
}
export type CardActionsRepo = ReturnType<typeof createCardActionsRepo>;
