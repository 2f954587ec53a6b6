/**
 * SQL for imports and exports: lookups of existing notes by GUID (one at a time for small files,
 * one pass for large ones) and of their cards (in batches), the rows an export reads, and the
 * `imports` history table, the one table this repo writes. Notes, cards and review-log rows are
 * written through their own repos. Transactions are the import service's business.
 */
import { NOTE_KIND_CODES } from '../../../shared/enums';
import type { Db } from '../open-db';
import { createInListStatements } from './in-list-statements';

export interface ExistingNote {
  id: number;
  contentHash: string;
  deckId: number;
  removed: boolean;
}

export interface ExistingCard {
  id: number;
  ord: number;
  reps: number;
  state: number;
}

/** One card with its note, as exports read them. */
export interface ExportCardRow {
  cardId: number;
  noteId: number;
  deckId: number;
  ord: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  state: number;
  suspended: boolean;
  cardCreatedAt: number;
  guid: string;
  content: string;
  tags: string;
  section: string;
  noteCreatedAt: number;
  noteUpdatedAt: number;
}

type RawExportCardRow = Omit<ExportCardRow, 'suspended'> & { suspended: number };

export interface ExportReviewRow {
  cardId: number;
  reviewedAt: number;
  rating: number;
  stateBefore: number;
  scheduledDays: number;
  durationMs: number;
}

export interface ImportRecord {
  fileName: string;
  format: string;
  notes: number;
  cards: number;
  reviews: number;
  media: number;
  updated: number;
  skipped: number;
  createdAt: number;
}

/** A live note of a deck for the duplicate-front check: `front` for rendered notes, `content` JSON for the rest. */
export interface FrontRow {
  id: number;
  guid: string;
  front: string | null;
  content: string | null;
}

/** Ids bound in one `IN (…)` list. */
const IN_LIST_CHUNK = 500;

interface RawExisting {
  id: number;
  guid: string;
  content_hash: string;
  deck_id: number;
  removed_at: number | null;
}

const toExisting = (r: RawExisting): ExistingNote => ({
  id: r.id,
  contentHash: r.content_hash,
  deckId: r.deck_id,
  removed: r.removed_at !== null,
});

export function createImportRepo(db: Db) {
  const byGuid = db.prepare<[string], RawExisting>('SELECT id, guid, content_hash, deck_id, removed_at FROM notes WHERE guid = ?');
  const allNotes = db.prepare<[], RawExisting>('SELECT id, guid, content_hash, deck_id, removed_at FROM notes');
  const noteCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM notes');
  const anyNote = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM notes) AS n');
  // Rendered notes give their first card's front straight from the JSON; other kinds need the whole content.
  const rendered = NOTE_KIND_CODES.rendered;
  const frontsInDeck = db.prepare<[number], FrontRow>(
    `SELECT id, guid, CASE WHEN kind = ${rendered} THEN coalesce(json_extract(content, '$.cards[0].front'), '') END AS front,
       CASE WHEN kind = ${rendered} THEN NULL ELSE content END AS content
     FROM notes WHERE deck_id = ? AND removed_at IS NULL`,
  );
  const insertImport = db.prepare<[string, string, number, number, number, number, number, number, number]>(
    `INSERT INTO imports (file_name, format, notes, cards, reviews, media, updated, skipped, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const stmt = createInListStatements(db);
  const EXPORT_COLUMNS = `c.id AS cardId, c.note_id AS noteId, c.deck_id AS deckId, c.ord, c.due, c.stability, c.difficulty,
    c.scheduled_days AS scheduledDays, c.reps, c.lapses, c.state, c.suspended, c.created_at AS cardCreatedAt, n.guid, n.content,
    n.tags, n.section, n.created_at AS noteCreatedAt, n.updated_at AS noteUpdatedAt`;
  const exportAll = db.prepare<[], RawExportCardRow>(
    `SELECT ${EXPORT_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.removed_at IS NULL ORDER BY n.created_at, n.id, c.ord`,
  );
  const reviewsAll = db.prepare<[], ExportReviewRow>(
    `SELECT r.card_id AS cardId, r.reviewed_at AS reviewedAt, r.rating, r.state_before AS stateBefore, r.scheduled_days AS scheduledDays,
       r.duration_ms AS durationMs FROM review_log r ORDER BY r.card_id, r.reviewed_at, r.id`,
  );

  return {
    /** Cards (with their notes) in these decks, or in every deck for null; notes removed by a deck update are left out. */
    exportCards(deckIds: readonly number[] | null): ExportCardRow[] {
      const rows =
        deckIds === null
          ? exportAll.all()
          : (stmt('exportCards', deckIds.length, (ids) =>
              `SELECT ${EXPORT_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id
               WHERE c.deck_id IN (${ids}) AND n.removed_at IS NULL ORDER BY n.created_at, n.id, c.ord`,
            ).all(...deckIds) as Array<RawExportCardRow>);
      return rows.map((r) => ({ ...r, suspended: Boolean(r.suspended) }));
    },
    /** Review-log rows of the cards in these decks (every deck for null), per card in time order. */
    exportReviews(deckIds: readonly number[] | null): ExportReviewRow[] {
      if (deckIds === null) return reviewsAll.all();
      return stmt('exportReviews', deckIds.length, (ids) =>
        `SELECT r.card_id AS cardId, r.reviewed_at AS reviewedAt, r.rating, r.state_before AS stateBefore,
           r.scheduled_days AS scheduledDays, r.duration_ms AS durationMs
         FROM review_log r JOIN cards c ON c.id = r.card_id WHERE c.deck_id IN (${ids}) ORDER BY r.card_id, r.reviewed_at, r.id`,
      ).all(...deckIds) as ExportReviewRow[];
    },
    /** Existing notes for these GUIDs: a statement per GUID for a few, one table pass for many. */
    existingByGuid(guids: ReadonlySet<string> | ReadonlyMap<string, unknown>): Map<string, ExistingNote> {
      const out = new Map<string, ExistingNote>();
      if (guids.size === 0) return out;
      const total = noteCount.get()?.n ?? 0;
      if (total === 0) return out;
      if (guids.size <= 2000 || guids.size * 4 < total) {
        for (const g of guids.keys()) {
          const r = byGuid.get(g);
          if (r) out.set(g, toExisting(r));
        }
        return out;
      }
      for (const r of allNotes.iterate()) if (guids.has(r.guid)) out.set(r.guid, toExisting(r));
      return out;
    },
    /** Whether the collection holds any note at all (an import into an empty one has nothing to compare with). */
    hasNotes(): boolean {
      return (anyNote.get()?.n ?? 0) === 1;
    },
    /** Live notes of one deck with the front of a rendered note's first card, or the content JSON of any other (for the duplicate-front check). */
    frontsInDeck(deckId: number): FrontRow[] {
      return frontsInDeck.all(deckId);
    },
    /** Cards of these notes by note id, each list in ord order: one statement per 500 notes. */
    cardsOfNotes(noteIds: readonly number[]): Map<number, ExistingCard[]> {
      const out = new Map<number, ExistingCard[]>();
      for (let i = 0; i < noteIds.length; i += IN_LIST_CHUNK) {
        const ids = noteIds.slice(i, i + IN_LIST_CHUNK);
        const rows = stmt('cardsOfNotes', ids.length, (list) =>
          `SELECT note_id AS noteId, id, ord, reps, state FROM cards WHERE note_id IN (${list}) ORDER BY note_id, ord`,
        ).all(...ids) as Array<ExistingCard & { noteId: number }>;
        for (const { noteId, ...card } of rows) {
          const list = out.get(noteId);
          if (list) list.push(card);
          else out.set(noteId, [card]);
        }
      }
      return out;
    },
    record(r: ImportRecord): number {
      return Number(
        insertImport.run(r.fileName, r.format, r.notes, r.cards, r.reviews, r.media, r.updated, r.skipped, r.createdAt).lastInsertRowid,
      );
    },
  };
}
export type ImportRepo = ReturnType<typeof createImportRepo>;
