/** SQL for notes and their tags. Content is stored as JSON; tags both as JSON (display) and in note_tags (lookups). */
import type { NoteContent } from '../../../shared/note-content';
import { NOTE_KIND_CODES } from '../../../shared/enums';
import type { Db } from '../open-db';

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

const COLUMNS = 'id, guid, deck_id, content, tags, section, source, content_hash, removed_at, edited_at';

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

  return {
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
