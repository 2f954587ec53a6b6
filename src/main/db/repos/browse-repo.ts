/**
 * SQL for the card browser: one page of the cards a search matches in the chosen order, their
 * total, every matching id (select all), the page's note summaries and a card's review history.
 * Statements are prepared once per distinct search shape.
 */
import type { Statement } from 'better-sqlite3';
import type { BrowseSortKey } from '../../../shared/api/browse-contract';
import type { Db } from '../open-db';
import type { RawCard } from './card-row';
import { RETRIEVABILITY_SQL, type CompiledSearch, type SqlValue } from './browse-search-sql';

type BrowseSort = BrowseSortKey;

/** What the SQL functions of a search need from the services: FSRS retrievability now, and the deck order. */
export interface BrowseFunctions {
  retrievability(state: number, stability: number, difficulty: number, lastReview: number | null, deckId: number): number | null;
  deckRank(deckId: number): number;
}

/** A card row as the browser reads it: the card table's columns it shows, with its flag and when it was added. */
export type BrowseCardRow = Omit<RawCard, 'elapsed_days' | 'learning_steps'> & { flag: number; created_at: number };

export interface BrowseNoteRow {
  id: number;
  kind: number;
  sort_field: string;
}

export interface HistoryRow {
  id: number;
  reviewed_at: number;
  rating: number;
  state_before: number;
  elapsed_days: number;
  scheduled_days: number;
  duration_ms: number;
  kind: number;
}

/** The note's sort field (Anki's first field): the first text a note kind shows. */
const SORT_FIELD_SQL = `coalesce(json_extract(n.content, '$.front'), json_extract(n.content, '$.text'), json_extract(n.content, '$.question'),
  json_extract(n.content, '$.statement'), json_extract(n.content, '$.fields[0].value'), '')`;

/** Each sort's key; NULL (a card never answered) sorts last either way. */
const ORDER: Record<BrowseSort, string> = {
  sortField: `${SORT_FIELD_SQL} COLLATE NOCASE`,
  deck: 'browse_deck_rank(c.deck_id)',
  // New cards (ordered by their position) after the cards with a schedule.
  due: 'c.state = 0 {dir}, c.due',
  interval: 'CASE WHEN c.state = 2 THEN c.scheduled_days END',
  stability: 'CASE WHEN c.state != 0 THEN c.stability END',
  difficulty: 'CASE WHEN c.state != 0 THEN c.difficulty END',
  retrievability: RETRIEVABILITY_SQL,
  lapses: 'c.lapses',
  reviews: 'c.reps',
  added: 'c.created_at',
};

const CARD_COLUMNS =
  'c.id, c.note_id, c.deck_id, c.ord, c.due, c.stability, c.difficulty, c.scheduled_days, c.reps, c.lapses, c.state, c.last_review, c.suspended, c.flag, c.created_at';

export function createBrowseRepo(db: Db) {
  let fns: BrowseFunctions | null = null;
  const using = <T>(f: BrowseFunctions, run: () => T): T => {
    fns = f;
    try {
      return run();
    } finally {
      fns = null;
    }
  };
  db.function('browse_retrievability', { deterministic: false }, (state, stability, difficulty, lastReview, deckId) =>
    fns ? fns.retrievability(Number(state), Number(stability), Number(difficulty), lastReview === null ? null : Number(lastReview), Number(deckId)) : null,
  );
  db.function('browse_deck_rank', { deterministic: false }, (deckId) => (fns ? fns.deckRank(Number(deckId)) : 0));

  const cache = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let s = cache.get(sql);
    if (!s) {
      if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const from = (search: CompiledSearch, withNote: boolean): string =>
    `FROM cards c${search.needsNote || withNote ? ' JOIN notes n ON n.id = c.note_id' : ''} WHERE ${search.where}`;

  const notesOf = db.prepare<[string], BrowseNoteRow>(
    `SELECT n.id, n.kind, ${SORT_FIELD_SQL} AS sort_field FROM notes n WHERE n.id IN (SELECT value FROM json_each(?))`,
  );
  const history = db.prepare<[number], HistoryRow>(
    `SELECT id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind
     FROM review_log WHERE card_id = ? ORDER BY reviewed_at DESC, id DESC`,
  );

  const marks = db.prepare<[number], { suspended: number; flag: number }>('SELECT suspended, flag FROM cards WHERE id = ?');

  return {
    /** One page of matching cards in the given order (ties by card id), and how many match in all. */
    page(search: CompiledSearch, sort: BrowseSort, descending: boolean, offset: number, limit: number, f: BrowseFunctions) {
      const dir = descending ? 'DESC' : 'ASC';
      const key = ORDER[sort].replace('{dir}', dir);
      const orderBy = `${key} ${dir} NULLS LAST, c.id ${dir}`;
      const rowsSql = `SELECT ${CARD_COLUMNS} ${from(search, sort === 'sortField')} ORDER BY ${orderBy} LIMIT ? OFFSET ?`;
      return using(f, () => {
        const rows = prepared(rowsSql).all(...search.params, limit, offset) as BrowseCardRow[];
        const total = rows.length < limit && offset === 0 ? rows.length : countOf(search);
        return { rows, total };
      });
    },
    /** Every matching card and its note, in card id order (select all). */
    ids(search: CompiledSearch, f: BrowseFunctions): Array<{ id: number; note_id: number }> {
      return using(f, () => prepared(`SELECT c.id, c.note_id ${from(search, false)} ORDER BY c.id`).all(...search.params) as Array<{ id: number; note_id: number }>);
    },
    notes(noteIds: number[]): BrowseNoteRow[] {
      return noteIds.length === 0 ? [] : notesOf.all(JSON.stringify(noteIds));
    },
    /** Why the card is out of the queue (cards.suspended) and its flag. */
    marks(cardId: number): { suspended: number; flag: number } | undefined {
      return marks.get(cardId);
    },
    history(cardId: number): HistoryRow[] {
      return history.all(cardId);
    },
  };

  function countOf(search: CompiledSearch): number {
    return (prepared(`SELECT count(*) AS n ${from(search, false)}`).get(...(search.params as SqlValue[])) as { n: number }).n;
  }
}
export type BrowseRepo = ReturnType<typeof createBrowseRepo>;
