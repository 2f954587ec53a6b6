/**
 * An INSERT of many rows per statement: `INSERT … VALUES (…), (…), …`. A large import writes its
 * rows this way, since one statement per row spends much of its time entering SQLite and
 * binding; the rows, their order and their constraints are the same as with one INSERT each.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-db';

/** Rows per statement: past this, larger statements gain nothing measurable. */
export const ROWS_PER_STATEMENT = 64;

/**
 * Insert rows given as one flat list of values, `width` values per row, in order. `head` is the
 * statement up to `VALUES` (e.g. `INSERT INTO t (a, b) VALUES`). Statements are prepared once per
 * row count (a full statement, and the shorter ones a list's last rows need).
 */
export function createMultiRowInsert(db: Db, head: string, width: number): (values: readonly unknown[]) => void {
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  const statements = new Map<number, Statement<unknown[]>>();
  const statement = (rows: number): Statement<unknown[]> => {
    let s = statements.get(rows);
    if (!s) {
      s = db.prepare<unknown[]>(`${head} ${Array.from({ length: rows }, () => row).join(', ')}`);
      statements.set(rows, s);
    }
    return s;
  };
  const full = width * ROWS_PER_STATEMENT;
  const chunk = new Array<unknown>(full);
  return (values) => {
    if (values.length % width !== 0) throw new Error(`a multi-row insert got ${values.length} values for rows of ${width}`);
    let at = 0;
    if (values.length >= full) {
      const all = statement(ROWS_PER_STATEMENT);
      for (; at + full <= values.length; at += full) {
        for (let k = 0; k < full; k++) chunk[k] = values[at + k];
        all.run(chunk);
      }
    }
    if (at < values.length) statement((values.length - at) / width).run(values.slice(at));
  };
}
