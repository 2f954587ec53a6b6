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

const COLUMNS = 'id, guid, deck_id, content, tags, section, source, content_hash, removed_at';

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
  const markRemoved = db.prepare<[number, number]>('UPDATE notes SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  const clearTags = db.prepare<[number]>('DELETE FROM note_tags WHERE note_id = ?');
  const addTag = db.prepare<[number, string]>('INSERT OR IGNORE INTO note_tags (note_id, tag) VALUES (?, ?)');

  function writeTags(noteId: number, tags: string[]): void {
    clearTags.run(noteId);
    for (const t of tags) addTag.run(noteId, t);
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
      const id = Number(
        insert.run(
          n.guid,
          n.deckId,
          NOTE_KIND_CODES[n.content.kind],
          JSON.stringify(n.content),
          JSON.stringify(n.tags),
          n.section,
          n.source,
          n.contentHash,
          now,
          now,
        ).lastInsertRowid,
      );
      writeTags(id, n.tags);
      return id;
    },
    update(id: number, n: NoteInput, now: number): void {
      update.run(
        n.deckId,
        NOTE_KIND_CODES[n.content.kind],
        JSON.stringify(n.content),
        JSON.stringify(n.tags),
        n.section,
        n.contentHash,
        now,
        id,
      );
      writeTags(id, n.tags);
    },
    markRemoved(id: number, now: number): boolean {
      return markRemoved.run(now, id).changes > 0;
    },
  };
}
export type NoteRepo = ReturnType<typeof createNoteRepo>;
