/**
 * The container of an Anki package: the zip and its preferred collection entry (inflated, or
 * zstd-decompressed, against one output budget), and the private SQLite copy of the collection
 * the readers work on: in memory, or for a very large one in a temporary directory that is
 * removed afterwards. On that copy Anki's `COLLATE unicase` is rewritten to NOCASE and WAL mode is
 * switched off, so that no side files appear and every table can be read.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ImportError } from '../formats/bundle';
import { assertImportSize, openZip, type ZipArchive } from '../formats/archive';
import { MAX_PACKAGE_OUTPUT_BYTES, outputBudget, type OutputBudget } from '../formats/limits';
import { ZSTD_MAGIC, hasZstdMagic } from '../formats/zstd';
import { AnkiTemplateError } from './anki-template';
import { assertCollectionBounds, limitConnection } from './collection-bounds';
import { decompressCollection, spillCollection, type SpilledCollection } from './spill-collection';

export type Db = Database.Database;

/** Collection entries in order of preference. */
export const COLLECTION_ENTRIES = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;

/**
 * Largest collection opened as an in-memory copy (larger ones get a file copy, read through a
 * 16 MiB page cache): 64 MiB. SQLite copies what it opens in memory, so this costs twice its size.
 */
export const IN_MEMORY_LIMIT = 64 * 1024 * 1024;
/** First bytes of an SQLite database file ("SQLite format 3" and a NUL). */
export const SQLITE_MAGIC: readonly number[] = Array.from('SQLite format 3\0', (c) => c.charCodeAt(0));
export { ZSTD_MAGIC };

/** A better_sqlite3.node built for this runtime (Electron's), when it is not Node's default. */
let sqliteBinding: string | undefined;
/** Open collections with this better_sqlite3.node (the Electron host's copy); undefined for the default. */
export function useSqliteBinding(path: string | undefined): void {
  sqliteBinding = path;
}
const sqliteOptions = (o: Database.Options = {}): Database.Options => (sqliteBinding ? { ...o, nativeBinding: sqliteBinding } : o);

/** Whether `bytes` starts with `magic`. */
export function startsWithBytes(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

// Package and collection plumbing

/**
 * The package's zip, and its preferred collection inflated (only that one: the others are never
 * read). Everything the package decompresses to, zip entries and zstd output alike, is counted
 * against one budget of MAX_PACKAGE_OUTPUT_BYTES.
 */
export function openPackage(
  bytes: Uint8Array,
  file: string,
  tmpDir: string,
): { zip: ZipArchive; collection: Uint8Array | SpilledCollection; collectionEntry: string; budget: OutputBudget } {
  assertImportSize(bytes.length, file);
  const zip = openZip(bytes, file, { maxTotalBytes: MAX_PACKAGE_OUTPUT_BYTES });
  const budget = outputBudget(file);
  budget.take(zip.declaredBytes, '');
  for (const name of COLLECTION_ENTRIES) {
    if (!zip.has(name)) continue;
    if (name !== 'collection.anki21b' && (zip.sizeOf(name) ?? 0) > IN_MEMORY_LIMIT) {
      // A large deflated collection goes to a file as it inflates, never whole into memory.
      const spilled = spillCollection((onChunk) => zip.stream(name, onChunk), tmpDir, IN_MEMORY_LIMIT);
      const collection = spilled instanceof Uint8Array || !hasZstdMagic(spilled.head) ? spilled : decompressSpilled(spilled, file, name, budget, tmpDir);
      return { zip, collection, collectionEntry: name, budget };
    }
    const data = zip.read(name) as Uint8Array;
    const zstd = name === 'collection.anki21b' || hasZstdMagic(data);
    const collection = zstd ? decompressCollection(data, file, name, budget, tmpDir, IN_MEMORY_LIMIT) : data;
    return { zip, collection, collectionEntry: name, budget };
  }
  throw new ImportError(file, '', 'not an Anki package: no collection.anki21b, collection.anki21 or collection.anki2 inside');
}

/** A zstd collection stored under a legacy entry name and written out whole: decompressed from that file, which then goes. */
function decompressSpilled(spilled: SpilledCollection, file: string, entry: string, budget: OutputBudget, tmpDir: string): Uint8Array | SpilledCollection {
  try {
    return decompressCollection(new Uint8Array(readFileSync(spilled.path)), file, entry, budget, tmpDir, IN_MEMORY_LIMIT);
  } finally {
    rmSync(spilled.dir, { recursive: true, force: true });
  }
}

/**
 * Run `fn` on a connection to a private copy of the collection; always clean up. A collection up
 * to IN_MEMORY_LIMIT is copied into an in-memory database; a larger one into a file in `tmpDir`,
 * so that it is not held in memory twice (a large zstd one was written there as it was decompressed).
 */
export function withCollection<T>(collection: Uint8Array | SpilledCollection, entry: string, file: string, tmpDir: string, fn: (db: Db) => T): T {
  let out: { value: T } | undefined;
  for (const _ of streamCollection(collection, entry, file, tmpDir, function* (db): Generator<never> {
    out = { value: fn(db) };
  }));
  if (!out) throw new ImportError(file, entry, 'the collection was not read');
  return out.value;
}

/**
 * `withCollection` for a reader that yields as it goes: the private copy lives until `read` is
 * done or the loop over it is left. Failures other than ImportErrors become ImportErrors naming
 * the entry, as in `guard`.
 */
export function* streamCollection<T>(
  collection: Uint8Array | SpilledCollection,
  entry: string,
  file: string,
  tmpDir: string,
  read: (db: Db) => Generator<T>,
): Generator<T> {
  if (!(collection instanceof Uint8Array)) {
    try {
      if (!isSqlite(collection.head)) throw new ImportError(file, entry, 'not an SQLite database');
      yield* guarded(file, entry, () => readCollectionFile(collection.path, file, entry, read));
    } finally {
      rmSync(collection.dir, { recursive: true, force: true });
    }
    return;
  }
  if (!isSqlite(collection)) throw new ImportError(file, entry, 'not an SQLite database');
  if (collection.length <= IN_MEMORY_LIMIT) {
    yield* guarded(file, entry, function* () {
      const db = openInMemory(collection);
      try {
        makeReadable(db);
        limitConnection(db);
        assertCollectionBounds(db, file, entry);
        indexReviewLog(db);
        db.pragma('query_only = ON');
        yield* read(db);
      } finally {
        db.close();
      }
    });
    return;
  }
  // Environment failures (tmpDir missing or unwritable) are not the file's fault: let them surface as they are.
  const dir = mkdtempSync(join(tmpDir, 'retain-anki-'));
  try {
    yield* guarded(file, entry, () => {
      const path = join(dir, 'collection.sqlite');
      writeCollectionCopy(path, collection);
      return readCollectionFile(path, file, entry, read);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Read with `read` a private copy at `path`: made readable (rollback journal, no unicase),
 * checked, its review log indexed by card, then opened read-only.
 */
function* readCollectionFile<T>(path: string, file: string, entry: string, read: (db: Db) => Generator<T>): Generator<T> {
  const writable = new Database(path, sqliteOptions({ fileMustExist: true }));
  try {
    writable.pragma('journal_mode = DELETE');
    makeReadable(writable);
    limitConnection(writable);
    assertCollectionBounds(writable, file, entry);
    indexReviewLog(writable);
  } finally {
    writable.close();
  }
  const db = new Database(path, sqliteOptions({ readonly: true, fileMustExist: true }));
  try {
    limitConnection(db);
    db.pragma('query_only = ON');
    // The open connection keeps reading the copy; where the system allows it, its folder goes now,
    // so that a reader stopped midway (its thread ended) leaves nothing behind.
    if (process.platform !== 'win32') rmSync(dirname(path), { recursive: true, force: true });
    yield* read(db);
  } finally {
    db.close();
  }
}

/**
 * The review log is read a batch of cards at a time (read-anki-schedule.ts), which needs an index
 * on revlog.cid: Anki's collections have one (ix_revlog_cid); the private copy of one that lacks
 * it gets it, once its size has been checked.
 */
function indexReviewLog(db: Db): void {
  const hasCid = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('revlog') WHERE name = 'cid'").get() as { n: number }).n > 0;
  if (!hasCid) return;
  const indexed = db
    .prepare("SELECT count(*) AS n FROM pragma_index_list('revlog') AS il, pragma_index_info(il.name) AS ii WHERE ii.seqno = 0 AND ii.name = 'cid'")
    .get() as { n: number };
  if (indexed.n === 0) db.exec('CREATE INDEX retain_revlog_cid ON revlog (cid)');
}

/** Run a reader, turning its failures into ImportErrors for this file (see `guard`); leaving the loop early ends it. */
function* guarded<T>(file: string, location: string, start: () => Generator<T>): Generator<T> {
  const it = guard(file, location, start);
  let finished = false;
  try {
    for (;;) {
      const r = guard(file, location, () => it.next());
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!finished) guard(file, location, () => it.return(undefined));
  }
}

/*
 * Header bytes 18/19 = 2 mean WAL. There is no WAL file to go with a copy (and an in-memory
 * database cannot be in WAL mode), so copies are marked as rollback-journal databases.
 */
const isWal = (b: Uint8Array): boolean => b[18] === 2 || b[19] === 2;

function rollbackHeader(b: Uint8Array): Uint8Array {
  const header = b.slice(0, 100);
  if (header[18] === 2) header[18] = 1;
  if (header[19] === 2) header[19] = 1;
  return header;
}

/** better-sqlite3 copies the bytes into SQLite's memory, so the WAL marks are changed only for that moment. */
function openInMemory(collection: Uint8Array): Db {
  const original = isWal(collection) ? collection.slice(0, 100) : undefined;
  if (original) collection.set(rollbackHeader(collection));
  try {
    return new Database(Buffer.from(collection.buffer, collection.byteOffset, collection.byteLength), sqliteOptions());
  } finally {
    if (original) collection.set(original);
  }
}

function writeCollectionCopy(path: string, collection: Uint8Array): void {
  if (!isWal(collection)) {
    writeFileSync(path, collection);
    return;
  }
  writeFileSync(path, rollbackHeader(collection));
  appendFileSync(path, collection.subarray(100));
}

/** On the private copy: make every table readable without Anki's unicase collation (a collation only Anki registers). */
function makeReadable(db: Db): void {
  const hits = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE sql LIKE '%unicase%'").get() as { n: number };
  if (Number(hits.n) === 0) return;
  // better-sqlite3 runs SQLite in defensive mode, which forbids editing the schema table.
  db.unsafeMode(true);
  db.exec(
    "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = replace(replace(sql,'COLLATE unicase','COLLATE NOCASE'),'collate unicase','COLLATE NOCASE') WHERE sql LIKE '%unicase%'; PRAGMA writable_schema=RESET;",
  );
  db.unsafeMode(false);
}

/** Turn any non-ImportError failure inside `fn` into an ImportError for this file. */
export function guard<T>(file: string, location: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ImportError) throw err;
    if (err instanceof AnkiTemplateError) throw new ImportError(file, location, err.message);
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportError(file, location, `unreadable Anki data: ${message}`);
  }
}

/** An SQLite file with at least its 100-byte header. */
function isSqlite(b: Uint8Array): boolean {
  return b.length >= 100 && startsWithBytes(b, SQLITE_MAGIC);
}
