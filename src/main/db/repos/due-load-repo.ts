/**
 * SQL for load balancing: how many cards come due in each quarter hour of a time range, for the
 * decks of one options preset (Anki balances within a preset) or the whole collection. Quarter
 * hours because every study-day boundary falls on one (zone offsets are whole quarter hours), so
 * the caller can sum them into study days without reading a row per card.
 */
import type { Db } from '../open-db';

/** Length of the buckets `dueByQuarterHour` counts in, ms. */
export const DUE_BUCKET_MS = 900_000;

export interface DueBucket {
  /** Start of the quarter hour, as `bucket × DUE_BUCKET_MS` epoch ms. */
  bucket: number;
  cards: number;
}

export function createDueLoadRepo(db: Db) {
  // Cards in the queue (not suspended or buried) that are answered in days: reviews and interday (re)learning steps.
  const where = 'state IN (1, 2, 3) AND suspended = 0 AND due >= @from AND due < @to';
  const ofPreset = db.prepare<{ presetId: number; from: number; to: number }, DueBucket>(
    `SELECT due / ${DUE_BUCKET_MS} AS bucket, count(*) AS cards FROM cards
     WHERE deck_id IN (SELECT id FROM decks WHERE preset_id = @presetId) AND ${where} GROUP BY bucket`,
  );
  const ofAll = db.prepare<{ from: number; to: number }, DueBucket>(
    `SELECT due / ${DUE_BUCKET_MS} AS bucket, count(*) AS cards FROM cards WHERE ${where} GROUP BY bucket`,
  );
  const changes = db.prepare<[], { n: number }>('SELECT total_changes() AS n');

  return {
    /** Cards due in [from, to) per quarter hour, for the decks using `presetId` (null: every deck). */
    dueByQuarterHour(presetId: number | null, from: number, to: number): DueBucket[] {
      return presetId === null ? ofAll.all({ from, to }) : ofPreset.all({ presetId, from, to });
    },
    /** Rows changed on this connection since it opened: a cache of counts is fresh while this stays as it was. */
    changeMark(): number {
      return changes.get()?.n ?? 0;
    },
  };
}
export type DueLoadRepo = ReturnType<typeof createDueLoadRepo>;
