/**
 * Many rows per INSERT (db/repos/multi-row-insert.ts) on a real SQLite file: the rows, their
 * order and their constraints are those of one INSERT per row, for any number of rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/open-db';
import { ROWS_PER_STATEMENT, createMultiRowInsert } from '../../src/main/db/repos/multi-row-insert';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retain-multirow-'));
  db = openDb(join(dir, 't.sqlite'));
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (count: number, from = 1): unknown[] => Array.from({ length: count }, (_, i) => [from + i, `row ${from + i}`, (from + i) * 3]).flat();

describe('multi-row insert', () => {
  for (const count of [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 2 * ROWS_PER_STATEMENT + 5]) {
    it(`writes ${count} rows, in order, as one INSERT per row would`, () => {
      createMultiRowInsert(db, 'INSERT INTO t (id, name, n) VALUES', 3)(rowsOf(count));
      const rows = db.prepare('SELECT id, name, n FROM t ORDER BY rowid').raw().all() as unknown[][];
      expect(rows.flat()).toEqual(rowsOf(count));
    });
  }

  it('fails on a broken constraint in any statement, as a transaction writes nothing', () => {
    const insert = createMultiRowInsert(db, 'INSERT INTO t (id, name, n) VALUES', 3);
    const values = rowsOf(ROWS_PER_STATEMENT + 3);
    values[(ROWS_PER_STATEMENT + 1) * 3 + 1] = 'row 2'; // a repeated unique name in the last, shorter statement
    expect(() => db.transaction(() => insert(values))()).toThrow(/UNIQUE constraint failed: t\.name/);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('refuses a value list that is not whole rows', () => {
    expect(() => createMultiRowInsert(db, 'INSERT INTO t (id, name, n) VALUES', 3)([1, 'a'])).toThrow(/got 2 values for rows of 3/);
  });
});
