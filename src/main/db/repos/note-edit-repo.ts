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

/** One row per card of the note (one row with null card columns when it has none), as arrays: no objects to build. */
type RawTarget = [id: number, deckId: number, kind: number, content: string, tags: string, section: string, source: string, contentHash: string, cardId: number | null, ord: number | null];

/** A class rather than an object literal with a getter: V8 builds such a literal on a slow path. */
class StoredTarget implements EditTarget {
  readonly id: number;
  readonly deckId: number;
  readonly kind: NoteContent['kind'];
  readonly contentJson: string;
  readonly tagsJson: string;
  readonly section: string;
  readonly source: string;
  readonly contentHash: string;
  #content: NoteContent | undefined;

  constructor(
    r: RawTarget,
    readonly cards: EditTarget['cards'],
  ) {
    this.id = r[0];
    this.deckId = r[1];
    this.kind = KIND_OF_CODE[r[2]] ?? 'rendered';
    this.contentJson = r[3];
    this.tagsJson = r[4];
    this.section = r[5];
    this.source = r[6];
    this.contentHash = r[7];
  }

  get content(): NoteContent {
    return (this.#content ??= JSON.parse(this.contentJson) as NoteContent);
  }
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

  // The note and its cards' ids in one statement (the cards through their (note_id, ord) index,
  // already in order): a save reads nothing else.
  const target = db
    .prepare<[number], RawTarget>(
      `SELECT n.id, n.deck_id, n.kind, n.content, n.tags, n.section, n.source, n.content_hash, c.id, c.ord
       FROM notes n LEFT JOIN cards c ON c.note_id = n.id WHERE n.id = ? ORDER BY c.ord`,
    )
    .raw();

  return {
    editTarget(noteId: number): EditTarget | undefined {
      const rows = target.all(noteId);
      const r = rows[0];
      if (!r) return undefined;
      const cards: EditTarget['cards'] = [];
      for (const row of rows) if (row[8] !== null) cards.push({ cardId: row[8], ord: row[9] ?? 0 });
      return new StoredTarget(r, cards);
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
