/** SQL the note editor reads: a note with its cards, review counts of its cards, and tags for completion. */
import type { NoteContent } from '../../../shared/note-content';
import { NOTE_KIND_CODES } from '../../../shared/enums';
import type { Db } from '../open-db';

const KIND_OF_CODE = Object.fromEntries(Object.entries(NOTE_KIND_CODES).map(([k, v]) => [v, k])) as Record<number, NoteContent['kind']>;

/** A note as an edit needs it, its stored JSON kept as stored (an unchanged draft is told by comparing text). */
export interface EditTarget {
  id: number;
  deckId: number;
  kind: NoteContent['kind'];
  /** Parsed when first read: most edits only compare the stored text. */
  readonly content: NoteContent;
  contentJson: string;
  tagsJson: string;
  section: string;
  source: string;
  contentHash: string;
  /** Its cards' ids by ordinal, ascending. */
  cards: Array<{ cardId: number; ord: number }>;
}

interface RawTarget {
  id: number;
  deck_id: number;
  kind: number;
  content: string;
  tags: string;
  section: string;
  source: string;
  content_hash: string;
  cards: string;
}

export function createNoteEditRepo(db: Db) {
  const reviews = db.prepare<[number], { card_id: number; n: number }>(
    'SELECT card_id, count(*) AS n FROM review_log WHERE card_id IN (SELECT id FROM cards WHERE note_id = ?) GROUP BY card_id',
  );
  // A prefix range on the tag index (note_tags_tag), so completion never reads tags it will not show.
  const byPrefix = db.prepare<[string, string, number], { tag: string; notes: number }>(
    'SELECT tag, count(*) AS notes FROM note_tags WHERE tag >= ? AND tag < ? GROUP BY tag ORDER BY notes DESC, tag LIMIT ?',
  );
  const all = db.prepare<[number], { tag: string; notes: number }>(
    'SELECT tag, count(*) AS notes FROM note_tags GROUP BY tag ORDER BY notes DESC, tag LIMIT ?',
  );

  // The note and its cards' ids in one statement: a save reads nothing else.
  const target = db.prepare<[number], RawTarget>(
    `SELECT n.id, n.deck_id, n.kind, n.content, n.tags, n.section, n.source, n.content_hash,
            (SELECT json_group_array(json_array(c.id, c.ord)) FROM cards c WHERE c.note_id = n.id) AS cards
     FROM notes n WHERE n.id = ?`,
  );

  return {
    editTarget(noteId: number): EditTarget | undefined {
      const r = target.get(noteId);
      if (!r) return undefined;
      const cards = (JSON.parse(r.cards) as Array<[number, number]>).map(([cardId, ord]) => ({ cardId, ord })).sort((a, b) => a.ord - b.ord);
      let content: NoteContent | undefined;
      return {
        id: r.id,
        deckId: r.deck_id,
        kind: KIND_OF_CODE[r.kind] ?? 'rendered',
        get content(): NoteContent {
          return (content ??= JSON.parse(r.content) as NoteContent);
        },
        contentJson: r.content,
        tagsJson: r.tags,
        section: r.section,
        source: r.source,
        contentHash: r.content_hash,
        cards,
      };
    },
    /** Reviews per card of one note (cards never reviewed are absent). */
    reviewCounts(noteId: number): Map<number, number> {
      return new Map(reviews.all(noteId).map((r) => [r.card_id, r.n]));
    },
    tagsByPrefix(prefix: string, limit: number): Array<{ tag: string; notes: number }> {
      return prefix === '' ? all.all(limit) : byPrefix.all(prefix, `${prefix}\u{10FFFF}`, limit);
    },
  };
}
export type NoteEditRepo = ReturnType<typeof createNoteEditRepo>;
