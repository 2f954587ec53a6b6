/** Statements with an `IN (?, ?, …)` list of deck ids, prepared once per (query, list length). */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-db';

export type InListStatement = Statement<unknown[], unknown>;

export function createInListStatements(db: Db) {
  const cache = new Map<string, InListStatement>();
  return (key: string, n: number, sql: (placeholders: string) => string): InListStatement => {
    const k = `${key}:${n}`;
    let s = cache.get(k);
    if (!s) {
      s = db.prepare(sql(Array.from({ length: n }, () => '?').join(', '))) as InListStatement;
      cache.set(k, s);
    }
    return s;
  };
}
