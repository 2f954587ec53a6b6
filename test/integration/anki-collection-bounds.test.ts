/**
 * The value-size bounds of an Anki collection (interchange/anki/collection-bounds.ts), on real
 * collections written by the package writer: a table whose rows are all small passes at once,
 * and a row larger than a column's limit is looked at value by value, so a value over its own
 * limit is refused with its table, row and column, while a large value within its limit passes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { assertCollectionBounds } from '../../src/main/interchange/anki/collection-bounds';
import { MAX_ANKI_SMALL_VALUE_BYTES, MAX_FIELD_BYTES } from '../../src/main/interchange/formats/limits';
import { buildAnkiCollection } from '../support/anki-collection';
import { importError } from '../support/import-error';

const tmp = mkdtempSync(join(tmpdir(), 'retain-bounds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A three-card collection, opened in memory, after `edit` ran on it. */
function collection(edit: (db: Database.Database) => void = () => undefined): Database.Database {
  const cards = [1, 2, 3].map((id) => ({ id: 1_700_000_000_000 + id, type: 0, queue: 0, due: id }));
  const db = new Database(Buffer.from(buildAnkiCollection({ cards, revlog: [], crtSecs: 1_700_000_000 }, tmp)));
  edit(db);
  return db;
}

describe('Anki collection value bounds', () => {
  it('passes a collection of small rows', () => {
    const db = collection();
    expect(() => assertCollectionBounds(db, 'small.apkg', 'collection.anki2')).not.toThrow();
    db.close();
  });

  it('refuses a value one byte over the small-value limit in a column read for every card, naming row and column', () => {
    const db = collection((d) => d.prepare('UPDATE cards SET data = ? WHERE id = ?').run('x'.repeat(MAX_ANKI_SMALL_VALUE_BYTES + 1), 1_700_000_000_002));
    const err = importError(() => assertCollectionBounds(db, 'data.apkg', 'collection.anki2'));
    expect(err.location).toBe('collection.anki2, cards row 1700000000002, column data');
    expect(err.rule).toBe('value is 1 MiB, more than the 1 MiB limit');
    db.close();
  });

  it('refuses a value over the limit in a column the reader does not otherwise need (sfld), as before', () => {
    const db = collection((d) => d.prepare('UPDATE notes SET sfld = ? WHERE id = ?').run('y'.repeat(MAX_ANKI_SMALL_VALUE_BYTES + 10), 1_700_000_000_003));
    const err = importError(() => assertCollectionBounds(db, 'sfld.apkg', 'collection.anki2'));
    expect(err.location).toBe('collection.anki2, note 1700000000003, column sfld');
    db.close();
  });

  it('passes a row larger than the small-value limit whose values are each within their own limits', () => {
    // A 2 MiB note field (limit 16 MiB) beside a data value just under 1 MiB on one card.
    const db = collection((d) => {
      d.prepare('UPDATE notes SET flds = ? WHERE id = ?').run(`${'z'.repeat(2 * 1024 * 1024)}\x1fback`, 1_700_000_000_001);
      d.prepare('UPDATE cards SET data = ? WHERE id = ?').run('w'.repeat(MAX_ANKI_SMALL_VALUE_BYTES - 100), 1_700_000_000_001);
    });
    expect(MAX_FIELD_BYTES).toBeGreaterThan(2 * 1024 * 1024);
    expect(() => assertCollectionBounds(db, 'large.apkg', 'collection.anki2')).not.toThrow();
    db.close();
  });
});
