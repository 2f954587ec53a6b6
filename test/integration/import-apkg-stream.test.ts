/**
 * An Anki package is read a batch of notes at a time: the reader hands over the first batches
 * before it has read the rest of the collection (so a fault near the end comes after them, and
 * the commit, one transaction, still writes nothing), each batch carries the review history of
 * its own cards (also from a collection without Anki's index on revlog.cid), and a large
 * collection entry goes to a private file a piece at a time (inflated as it goes), never whole
 * into memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { readAnkiCollectionFile, readAnkiPackage } from '../../src/main/interchange/anki/read-anki-package';
import { openZip } from '../../src/main/interchange/formats/archive';
import { ImportError } from '../../src/main/interchange/formats/bundle';
import { NOTE_BATCH_SIZE } from '../../src/main/interchange/import/note-batch';
import { readImportMessages, type ReadMessage } from '../../src/main/interchange/import/read-messages';
import { buildAnkiCollection } from '../support/anki-collection';
import { BASIC_NOTE_TYPE, ankiCollection, centralDirectory, legacyAnkiSchema } from '../support/hostile-files';
import { importError } from '../support/import-error';
import { tempApp, type TempApp } from '../support/temp-app';

const MiB = 1024 * 1024;
let dir = '';
let scratch = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'retain-apkg-stream-'));
  scratch = mkdtempSync(join(tmpdir(), 'retain-apkg-stream-scratch-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** A legacy collection of `notes` Basic notes, then one last note of a note type whose template cannot be read. */
function collectionBrokenAtTheEnd(notes: number): Uint8Array {
  const path = join(dir, `broken-${notes}.anki2`);
  const db = new Database(path);
  db.exec(legacyAnkiSchema());
  const deep = `${'{{#Front}}'.repeat(200)}x${'{{/Front}}'.repeat(200)}`;
  const models = { '100': BASIC_NOTE_TYPE, '200': { ...BASIC_NOTE_TYPE, id: 200, name: 'Deep', tmpls: [{ ...BASIC_NOTE_TYPE.tmpls[0], qfmt: deep }] } };
  db.prepare('INSERT INTO col (id, ver, models, decks) VALUES (1, 11, ?, ?)').run(JSON.stringify(models), JSON.stringify({ '1': { id: 1, name: 'Default' } }));
  const note = db.prepare('INSERT INTO notes (id, guid, mid, tags, flds) VALUES (?, ?, ?, ?, ?)');
  const card = db.prepare('INSERT INTO cards (id, nid, did, ord) VALUES (?, ?, 1, 0)');
  db.transaction(() => {
    for (let i = 1; i <= notes + 1; i++) {
      note.run(i, `g${i}`, i <= notes ? 100 : 200, ' t ', `front ${i}\x1fback ${i}`);
      card.run(1000 + i, i);
    }
  })();
  db.close();
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(path);
  return bytes;
}

describe('an Anki package read a batch at a time', () => {
  let t: TempApp;
  beforeAll(() => {
    t = tempApp();
  });
  afterAll(() => t.dispose());

  it('hands over the first batches before it reads a broken note at the end of the collection', async () => {
    const notes = 2 * NOTE_BATCH_SIZE + 500;
    const pkg = zipSync({ 'collection.anki2': collectionBrokenAtTheEnd(notes) });
    const seen: ReadMessage[] = [];
    let failure: unknown;
    try {
      for await (const m of readImportMessages({ fileName: 'broken.apkg', bytes: pkg }, {})) seen.push(m);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ImportError);
    expect((failure as ImportError).location).toBe('note type "Deep", template "Card 1" (front)');
    expect(seen.map((m) => m.kind)).toEqual(['head', 'notes', 'notes']);
    const batches = seen.flatMap((m) => (m.kind === 'notes' ? [m.batch] : []));
    expect(batches.map((b) => b.count)).toEqual([NOTE_BATCH_SIZE, NOTE_BATCH_SIZE]);
    expect(batches[0]?.guid[0]).toBe('g1');
    expect(batches[1]?.guid[NOTE_BATCH_SIZE - 1]).toBe(`g${2 * NOTE_BATCH_SIZE}`);
    // Progress is the share of the collection's notes read so far.
    expect(batches.map((b) => Math.round(b.through * 1000) / 1000)).toEqual([
      Math.round((NOTE_BATCH_SIZE / (notes + 1)) * 1000) / 1000,
      Math.round(((2 * NOTE_BATCH_SIZE) / (notes + 1)) * 1000) / 1000,
    ]);
  });

  it('a commit that fails on that note, after batches went in, writes nothing', async () => {
    const db = t.app.services.repos.db;
    const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = { notes: count('notes'), cards: count('cards'), decks: count('decks'), imports: count('imports') };
    const { stageId } = t.app.services.imports.stageBytes('broken.apkg', zipSync({ 'collection.anki2': collectionBrokenAtTheEnd(2 * NOTE_BATCH_SIZE + 10) }));
    const written: number[] = [];
    await expect(
      t.app.services.imports.commitStaged(stageId, {}, { onProgress: (p) => p.state === 'writing' && written.push(p.done) }),
    ).rejects.toThrow('sections are nested more than 100 deep');
    expect(Math.max(...written)).toBe(2 * NOTE_BATCH_SIZE);
    expect({ notes: count('notes'), cards: count('cards'), decks: count('decks'), imports: count('imports') }).toEqual(before);
    expect(db.inTransaction).toBe(false);
    t.app.services.imports.discard(stageId);
  }, 120_000);

  it('reads each card’s history from a collection without an index on revlog.cid, as from one with it', () => {
    const day = 86_400_000;
    const start = Date.UTC(2024, 0, 1);
    const cards = Array.from({ length: 30 }, (_, i) => ({ id: 5000 + i, type: 2, queue: 2, due: 40, ivl: 10, factor: 2500, reps: 3 }));
    const revlog = cards.flatMap((c, i) => [
      { id: start + i * 1000, cid: c.id, ease: 3, ivl: -600, factor: 2500, type: 0 },
      { id: start + day + i * 1000, cid: c.id, ease: 3, ivl: 3, factor: 2500, type: 0 },
      { id: start + 4 * day + i * 1000, cid: c.id, ease: (i % 4) + 1, ivl: 10, factor: 2500, type: 1 },
    ]);
    const indexed = join(dir, 'indexed.anki2');
    writeFileSync(indexed, buildAnkiCollection({ cards, revlog, crtSecs: start / 1000 - 10 * 86_400 }, dir));
    const bare = join(dir, 'bare.anki2');
    writeFileSync(bare, readFileSync(indexed));
    const db = new Database(bare);
    const dropped = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'revlog'").all() as Array<{ name: string }>;
    for (const { name } of dropped) db.exec(`DROP INDEX "${name}"`);
    db.close();
    expect(dropped.map((d) => d.name)).toContain('ix_revlog_cid');

    const withIndex = readAnkiCollectionFile(indexed, 'indexed.anki2', scratch);
    const without = readAnkiCollectionFile(bare, 'bare.anki2', scratch);
    expect(withIndex.reviews).toHaveLength(90);
    expect(without.reviews).toEqual(withIndex.reviews);
    expect(without.notes.map((n) => n.cards[0]?.anki)).toEqual(withIndex.notes.map((n) => n.cards[0]?.anki));
    expect(withIndex.notes[0]?.cards[0]?.anki?.historyComplete).toBe(true);
    expect(readdirSync(scratch)).toEqual([]);
  });
});

/** A small legacy collection made 80 MiB large by a table the reader never reads. */
function largeLegacyCollection(): Uint8Array {
  const path = join(dir, 'large-legacy.anki2');
  writeFileSync(path, ankiCollection(dir));
  const db = new Database(path);
  db.exec('CREATE TABLE filler (b blob)');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 80; i++) insert.run(randomBytes(MiB));
  })();
  db.close();
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(path);
  return bytes;
}

describe('a large collection entry', () => {
  // Stored rather than deflated, to keep the test quick: both go through the same piecewise read (inflating is tested below).
  it('is copied into a private file a piece at a time, read from there, and the file removed', () => {
    const collection = largeLegacyCollection();
    expect(collection.length).toBeGreaterThan(64 * MiB);
    const pkg = zipSync({ 'collection.anki2': collection }, { level: 0 });
    const bundle = readAnkiPackage(pkg, 'large.apkg', scratch);
    expect(bundle.notes.map((n) => n.guid)).toEqual(['g1']);
    expect(bundle.reviews).toHaveLength(0);
    expect(readdirSync(scratch)).toEqual([]);
  }, 120_000);
});

describe('a zip entry inflated a piece at a time', () => {
  const text = new TextEncoder().encode(Array.from({ length: 40_000 }, (_, i) => `card ${i}: ${(i * 7919) % 10_007}\n`).join(''));
  const zip = zipSync({ 'collection.anki2': text }, { level: 6 });
  const streamed = (bytes: Uint8Array): Uint8Array[] => {
    const chunks: Uint8Array[] = [];
    openZip(bytes, 'z.apkg').stream('collection.anki2', (c) => chunks.push(c));
    return chunks;
  };

  it('hands over the entry in pieces that add up to it', () => {
    const chunks = streamed(zip);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(Buffer.from(text))).toBe(true);
  });

  it('refuses a wrong checksum', () => {
    const bad = zip.slice();
    const view = new DataView(bad.buffer);
    const cd = centralDirectory(bad);
    view.setUint32(cd + 16, (view.getUint32(cd + 16, true) ^ 0xffff) >>> 0, true);
    const err = importError(() => streamed(bad));
    expect([err.location, err.rule]).toEqual(['collection.anki2', 'checksum mismatch (corrupt entry)']);
  });

  it('stops as soon as the entry inflates past the size it declares', () => {
    const bad = zip.slice();
    const view = new DataView(bad.buffer);
    const cd = centralDirectory(bad);
    // Declared size (central directory offset 24) a tenth of the real one; the ratio stays under the limit.
    view.setUint32(cd + 24, Math.floor(text.length / 10), true);
    let handed = 0;
    const err = importError(() => openZip(bad, 'z.apkg').stream('collection.anki2', (c) => (handed += c.length)));
    expect(err.rule).toBe(`entry inflates to more than its declared ${Math.floor(text.length / 10)} bytes`);
    expect(handed).toBeLessThanOrEqual(Math.floor(text.length / 10));
  });
});
