/**
 * A zstd collection (`collection.anki21b`) larger than the in-memory limit is never held in
 * memory whole: it is written to a private temporary file as it is decompressed, read through
 * SQLite from there, and the file is removed afterwards, also when the collection is refused.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { outputBudget } from '../../src/main/interchange/formats/limits';
import { readAnkiPackage } from '../../src/main/interchange/anki/read-anki-package';
import { decompressCollection } from '../../src/main/interchange/anki/spill-collection';
import { ankiCollection, zstdRaw } from '../support/hostile-files';
import { importError } from '../support/import-error';

const MiB = 1024 * 1024;
let dir = '';
let scratch = '';

/** A small Anki collection made 80 MiB large by a table the reader never reads. */
function largeCollection(extraSql = ''): Uint8Array {
  const path = join(dir, 'large.anki2');
  writeFileSync(path, ankiCollection(dir));
  const db = new Database(path);
  db.exec('CREATE TABLE filler (b blob)');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 80; i++) insert.run(randomBytes(MiB));
  if (extraSql) db.exec(extraSql);
  db.close();
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(path);
  return bytes;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'retain-large-'));
  scratch = mkdtempSync(join(tmpdir(), 'retain-large-scratch-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('a large zstd collection', () => {
  it('is read from a temporary file written while decompressing, which is then removed', () => {
    const collection = largeCollection();
    expect(collection.length).toBeGreaterThan(64 * MiB);
    const pkg = zipSync({ 'collection.anki21b': zstdRaw(collection) }, { level: 0 });
    const bundle = readAnkiPackage(pkg, 'large.apkg', scratch);
    expect(bundle.notes.map((n) => n.guid)).toEqual(['g1']);
    expect(readdirSync(scratch)).toEqual([]);
  }, 120_000);

  it('goes to a file past the in-memory limit, and stays in memory below it', () => {
    const collection = largeCollection();
    const spilled = decompressCollection(zstdRaw(collection), 'l.apkg', 'collection.anki21b', outputBudget('l.apkg'), scratch, 64 * MiB);
    if (spilled instanceof Uint8Array) throw new Error('expected the collection to be written to a file');
    try {
      expect(spilled.bytes).toBe(collection.length);
      expect(statSync(spilled.path).size).toBe(collection.length);
      expect([...spilled.head]).toEqual([...collection.subarray(0, 100)]);
      expect(readFileSync(spilled.path).equals(Buffer.from(collection))).toBe(true);
    } finally {
      rmSync(spilled.dir, { recursive: true, force: true });
    }
    const small = decompressCollection(zstdRaw(collection.subarray(0, MiB)), 's.apkg', 'collection.anki21b', outputBudget('s.apkg'), scratch, 64 * MiB);
    expect(small instanceof Uint8Array && small.length).toBe(MiB);
    expect(readdirSync(scratch)).toEqual([]);
  }, 120_000);

  it('is removed as well when the collection is refused', () => {
    const pkg = zipSync({ 'collection.anki21b': zstdRaw(largeCollection('CREATE VIEW v AS SELECT 1')) }, { level: 0 });
    const err = importError(() => readAnkiPackage(pkg, 'view.apkg', scratch));
    expect(err.rule).toBe('views are not allowed in an Anki collection');
    expect(readdirSync(scratch)).toEqual([]);
  }, 120_000);
});
