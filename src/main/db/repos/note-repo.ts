/** SQL for notes and their tags. Content is stored as JSON; tags both as JSON (display) and in note_tags (lookups). */
import type { NoteContent } from '../../../shared/note-content';
import { NOTE_KIND_CODES } from '../../../shared/enums';
import type { Db } from '../open-db';
import { createMultiRowInsert } from './multi-row-insert';

export interface NoteRow {
  id: number;
  guid: string;
  deckId: number;
  content: NoteContent;
  tags: string[];
  section: string;
  source: string;
  contentHash: string;
  removedAt: number | null;
  /** When the user last edited the note in the editor (null: never). */
  editedAt: number | null;
}

interface RawNote {
  id: number;
  guid: string;
  deck_id: number;
  content: string;
  tags: string;
  section: string;
  source: string;
  content_hash: string;
  removed_at: number | null;
  edited_at: number | null;
}

const toNote = (r: RawNote): NoteRow => ({
  id: r.id,
  guid: r.guid,
  deckId: r.deck_id,
  content: JSON.parse(r.content) as NoteContent,
  tags: JSON.parse(r.tags) as string[],
  section: r.section,
  source: r.source,
  contentHash: r.content_hash,
  removedAt: r.removed_at,
  editedAt: r.edited_at,
});

export interface NoteInput {
  guid: string;
  deckId: number;
  content: NoteContent;
  tags: string[];
  section: string;
  source: string;
  contentHash: string;
}

/** A note's columns as stored: content and tags already JSON (an import serialises each note once, to hash it). */
export interface StoredNote {
  guid: string;
  deckId: number;
  kind: number;
  contentJson: string;
  tagsJson: string;
  section: string;
  source: string;
  contentHash: string;
}

/** The one mapping of a note to its stored columns. */
export const toStoredNote = (n: NoteInput): StoredNote => ({
  guid: n.guid,
  deckId: n.deckId,
  kind: NOTE_KIND_CODES[n.content.kind],
  contentJson: JSON.stringify(n.content),
  tagsJson: JSON.stringify(n.tags),
  section: n.section,
  source: n.source,
  contentHash: n.contentHash,
});

/** The values of one row of `insertStoredRows`, in order. */
export const STORED_NOTE_ROW = ['id', 'guid', 'deckId', 'kind', 'contentJson', 'tagsJson', 'section', 'source', 'contentHash', 'createdAt', 'updatedAt'] as const;

const COLUMNS = 'id, guid, deck_id, content, tags, section, source, content_hash, removed_at, edited_at';

/** A note's columns as sync reads and writes them (content and tags as stored JSON text). */
export interface SyncNoteRow {
  id: number;
  guid: string;
  deckId: number;
  kind: number;
  content: string;
  tags: string;
  section: string;
  source: string;
  contentHash: string;
  fact: string | null;
  createdAt: number;
  updatedAt: number;
  removedAt: number | null;
  editedAt: number | null;
}
const SYNC_COLUMNS =
  'id, guid, deck_id AS deckId, kind, content, tags, section, source, content_hash AS contentHash, fact, created_at AS createdAt, updated_at AS updatedAt, removed_at AS removedAt, edited_at AS editedAt';

export function createNoteRepo(db: Db) {
  const byId = db.prepare<[number], RawNote>(`SELECT ${COLUMNS} FROM notes WHERE id = ?`);
  const byGuid = db.prepare<[string], RawNote>(`SELECT ${COLUMNS} FROM notes WHERE guid = ?`);
  const bySource = db.prepare<[string], RawNote>(`SELECT ${COLUMNS} FROM notes WHERE source = ?`);
  const insert = db.prepare<[string, number, number, string, string, string, string, string, number, number]>(
    `INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare<[number, number, string, string, string, string, number, number]>(
    `UPDATE notes SET deck_id = ?, kind = ?, content = ?, tags = ?, section = ?, content_hash = ?, updated_at = ?, removed_at = NULL
     WHERE id = ?`,
  );
  // An update that leaves the note in its deck (an import updating a note in place).
  const updateInPlace = db.prepare<[number, string, string, string, string, number, number]>(
    `UPDATE notes SET kind = ?, content = ?, tags = ?, section = ?, content_hash = ?, updated_at = ?, removed_at = NULL WHERE id = ?`,
  );
  // The user's edit in the editor: remembered, so a built-in deck update keeps it.
  const edit = db.prepare<[number, number, string, string, string, number, number, number]>(
    'UPDATE notes SET deck_id = ?, kind = ?, content = ?, tags = ?, content_hash = ?, updated_at = ?, edited_at = ? WHERE id = ?',
  );
  // The usual edit leaves deck and kind alone; not naming them spares their index (notes_deck_kind).
  const editInPlace = db.prepare<[string, string, string, number, number, number]>(
    'UPDATE notes SET content = ?, tags = ?, content_hash = ?, updated_at = ?, edited_at = ? WHERE id = ?',
  );
  const markRemoved = db.prepare<[number, number]>('UPDATE notes SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  // Writes of actions (on the notes an action kept in action_rows, op 0 changed, op 1 deleted).
  const notesOfAction = (op: number) => `(SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = 'notes' AND op = ${op})`;
  // A note lives in the deck of its first card, so deleting a deck never takes cards kept elsewhere.
  const followCardsOfAction = db.prepare<[number]>(
    `UPDATE notes SET deck_id = (SELECT c.deck_id FROM cards c WHERE c.note_id = notes.id ORDER BY c.ord LIMIT 1) WHERE id IN ${notesOfAction(0)}`,
  );
  const deleteOfAction = db.prepare<[number]>(`DELETE FROM notes WHERE id IN ${notesOfAction(1)}`);
  const setTagsJson = db.prepare<[string, number]>('UPDATE notes SET tags = ? WHERE id = ?');
  // After undo put notes.tags back: the tag rows follow them.
  const clearTagRowsOfAction = db.prepare<[number]>(`DELETE FROM note_tags WHERE note_id IN ${notesOfAction(0)}`);
  const addTagRowsOfAction = db.prepare<[number]>(
    `INSERT OR IGNORE INTO note_tags (note_id, tag) SELECT n.id, j.value FROM notes n, json_each(n.tags) j WHERE n.id IN ${notesOfAction(0)}`,
  );
  const setFact = db.prepare<[string | null, number, string | null]>('UPDATE notes SET fact = ? WHERE id = ? AND fact IS NOT ?');
  const clearTags = db.prepare<[number]>('DELETE FROM note_tags WHERE note_id = ?');
  const addTag = db.prepare<[number, string]>('INSERT OR IGNORE INTO note_tags (note_id, tag) VALUES (?, ?)');

  const maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM notes');
  // Many new notes at once (an import): values in STORED_NOTE_ROW order, then (note id, tag) pairs.
  const insertRows = createMultiRowInsert(
    db,
    'INSERT INTO notes (id, guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES',
    STORED_NOTE_ROW.length,
  );
  const insertTagRows = createMultiRowInsert(db, 'INSERT OR IGNORE INTO note_tags (note_id, tag) VALUES', 2);

  /** The note's tag rows; a new note has none to clear. */
  function writeTags(noteId: number, tags: readonly string[], isNew = false): void {
    if (!isNew) clearTags.run(noteId);
    for (const t of tags) addTag.run(noteId, t);
  }

  function insertStored(n: StoredNote, tags: readonly string[], now: number): number {
    const id = Number(
      insert.run(n.guid, n.deckId, n.kind, n.contentJson, n.tagsJson, n.section, n.source, n.contentHash, now, now).lastInsertRowid,
    );
    writeTags(id, tags, true);
    return id;
  }

  const syncByGuid = db.prepare<[string], SyncNoteRow>(`SELECT ${SYNC_COLUMNS} FROM notes WHERE guid = ?`);
  const guidOf = db.prepare<[number], { guid: string }>('SELECT guid FROM notes WHERE id = ?');
  const syncAfterId = db.prepare<[number, number], SyncNoteRow>(`SELECT ${SYNC_COLUMNS} FROM notes WHERE id > ? ORDER BY id LIMIT ?`);
  const syncUpdatedSince = db.prepare<[number, number, number, number], SyncNoteRow>(
    `SELECT ${SYNC_COLUMNS} FROM notes WHERE (updated_at > ? OR (updated_at = ? AND id > ?)) ORDER BY updated_at, id LIMIT ?`,
  );
  const syncInsert = db.prepare<[string, number, number, string, string, string, string, string, string | null, number, number, number | null, number | null]>(
    `INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, fact, created_at, updated_at, removed_at, edited_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const syncUpdate = db.prepare<[number, number, string, string, string, string, string, string | null, number, number, number | null, number | null, number]>(
    `UPDATE notes SET deck_id = ?, kind = ?, content = ?, tags = ?, section = ?, source = ?, content_hash = ?, fact = ?, created_at = ?, updated_at = ?,
       removed_at = ?, edited_at = ? WHERE id = ?`,
  );
  const syncRemovedSince = db.prepare<[number], SyncNoteRow>(`SELECT ${SYNC_COLUMNS} FROM notes WHERE removed_at > ? ORDER BY id`);
  const deleteById = db.prepare<[number]>('DELETE FROM notes WHERE id = ?');
  const moveDeck = db.prepare<[number, number]>('UPDATE notes SET deck_id = ? WHERE deck_id = ?');

  return {
    /** A note's guid (the same on every device). */
    syncGuid(id: number): string | undefined {
      return guidOf.get(id)?.guid;
    },
    /** A note as sync reads it. */
    syncByGuid(guid: string): SyncNoteRow | undefined {
      return syncByGuid.get(guid);
    },
    /** Notes after `id`, in id order (a scan in batches). */
    syncAfterId(id: number, limit: number): SyncNoteRow[] {
      return syncAfterId.all(id, limit);
    },
    /** Notes updated after (updatedAt, id), in that order (a scan in batches). */
    syncUpdatedSince(updatedAt: number, id: number, limit: number): SyncNoteRow[] {
      return syncUpdatedSince.all(updatedAt, updatedAt, id, limit);
    },
    /** Notes a built-in deck update marked removed after `time` (that leaves updated_at as it was). */
    syncRemovedSince(time: number): SyncNoteRow[] {
      return syncRemovedSince.all(time);
    },
    /** Write a note as merged from other devices (insert when its guid is new; tag rows follow); returns its id. */
    upsertSynced(n: Omit<SyncNoteRow, 'id'>, tags: readonly string[]): { id: number; inserted: boolean } {
      const had = syncByGuid.get(n.guid);
      if (!had) {
        const id = Number(
          syncInsert.run(n.guid, n.deckId, n.kind, n.content, n.tags, n.section, n.source, n.contentHash, n.fact, n.createdAt, n.updatedAt, n.removedAt, n.editedAt)
            .lastInsertRowid,
        );
        writeTags(id, tags, true);
        return { id, inserted: true };
      }
      syncUpdate.run(n.deckId, n.kind, n.content, n.tags, n.section, n.source, n.contentHash, n.fact, n.createdAt, n.updatedAt, n.removedAt, n.editedAt, had.id);
      if (had.tags !== n.tags) writeTags(had.id, tags);
      return { id: had.id, inserted: false };
    },
    /** Delete a note merged as deleted (its tags, cards and their history go by cascade). */
    deleteSynced(id: number): void {
      deleteById.run(id);
    },
    /** Move every note of a deck to another (before a deck merged as deleted goes). */
    moveDeck(fromDeckId: number, toDeckId: number): number {
      return moveDeck.run(toDeckId, fromDeckId).changes;
    },
    get(id: number): NoteRow | undefined {
      const r = byId.get(id);
      return r ? toNote(r) : undefined;
    },
    byGuid(guid: string): NoteRow | undefined {
      const r = byGuid.get(guid);
      return r ? toNote(r) : undefined;
    },
    bySource(source: string): NoteRow[] {
      return bySource.all(source).map(toNote);
    },
    insert(n: NoteInput, now: number): number {
      return insertStored(toStoredNote(n), n.tags, now);
    },
    /** Insert a note whose columns are already serialised (`tags` are its tags, for the tag rows). */
    insertStored,
    /** The id the next inserted note gets (what SQLite would choose: one past the largest). */
    nextId(): number {
      return (maxId.get()?.id ?? 0) + 1;
    },
    /**
     * Insert new notes given as one flat list of values, STORED_NOTE_ROW.length per note in that
     * order (ids chosen by the caller, see nextId), and their tags as (note id, tag) pairs.
     */
    insertStoredRows(noteValues: readonly unknown[], tagPairs: readonly unknown[]): void {
      insertRows(noteValues);
      insertTagRows(tagPairs);
    },
    update(id: number, n: NoteInput, now: number): void {
      const s = toStoredNote(n);
      update.run(s.deckId, s.kind, s.contentJson, s.tagsJson, s.section, s.contentHash, now, id);
      writeTags(id, n.tags);
    },
    /** Replace a note's content, tags and section, leaving it in its deck (and restoring it if removed). */
    updateStoredInPlace(id: number, n: Omit<StoredNote, 'guid' | 'deckId' | 'source'>, tags: readonly string[], now: number): void {
      updateInPlace.run(n.kind, n.contentJson, n.tagsJson, n.section, n.contentHash, now, id);
      writeTags(id, tags);
    },
    /**
     * Save the user's edit of a note (its section and source stay) and mark it edited. `tags` are
     * written to the tag rows when given (they changed); `moved` when deck or kind changed.
     */
    edit(id: number, s: Omit<StoredNote, 'guid' | 'section' | 'source'>, now: number, tags: readonly string[] | null, moved: boolean): void {
      if (moved) edit.run(s.deckId, s.kind, s.contentJson, s.tagsJson, s.contentHash, now, now, id);
      else editInPlace.run(s.contentJson, s.tagsJson, s.contentHash, now, now, id);
      if (tags) writeTags(id, tags);
    },
    /** Write a note's tags (the user's edit in the browser): the JSON column and the tag rows. */
    setTags(id: number, tags: readonly string[]): void {
      setTagsJson.run(JSON.stringify(tags), id);
      writeTags(id, tags);
    },
    /** Move the notes whose deck an action kept into the deck of their first card. */
    followCardsOfAction(actionId: number): void {
      followCardsOfAction.run(actionId);
    },
    /** After undo restored notes.tags, rebuild those notes' tag rows from them. */
    rebuildTagRowsOfAction(actionId: number): void {
      clearTagRowsOfAction.run(actionId);
      addTagRowsOfAction.run(actionId);
    },
    /** Delete the notes a delete action kept. */
    deleteOfAction(actionId: number): void {
      deleteOfAction.run(actionId);
    },
    /** Set the fact key a note shares with other notes of its deck; true when it changed. */
    setFact(id: number, fact: string | null): boolean {
      return setFact.run(fact, id, fact).changes > 0;
    },
    markRemoved(id: number, now: number): boolean {
      return markRemoved.run(now, id).changes > 0;
    },
  };
}
export type NoteRepo = ReturnType<typeof createNoteRepo>;
