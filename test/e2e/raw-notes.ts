/**
 * Writes notes with HTML cards straight into a host's collection, bypassing the import and its
 * cleaning, so a spec can test what the renderer alone does with hostile card HTML.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { RetainHost } from './retain-host';

export interface RawCard {
  guid: string;
  front: string;
  back: string;
}

/** A new deck `deck` with one new card per entry, due now, in the given order. */
export function insertRawHtmlNotes(host: RetainHost, deck: string, cards: readonly RawCard[]): void {
  const db = new Database(join(host.dataDir, 'retain.db'));
  const now = host.now;
  const deckId = Number(db.prepare('INSERT INTO decks (name, created_at) VALUES (?, ?)').run(deck, now).lastInsertRowid);
  const note = db.prepare(
    "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 6, ?, '[]', '', 'test', ?, ?, ?)",
  );
  const card = db.prepare('INSERT INTO cards (note_id, deck_id, ord, due, created_at) VALUES (?, ?, 0, ?, ?)');
  db.transaction(() => {
    cards.forEach((c, i) => {
      const content = { kind: 'rendered', noteType: 'Basic', fields: [], cards: [{ ord: 0, front: c.front, back: c.back }], format: 'html' };
      const noteId = Number(note.run(c.guid, deckId, JSON.stringify(content), `h-${c.guid}`, now, now).lastInsertRowid);
      card.run(noteId, deckId, now + i, now);
    });
  })();
  db.close();
}
