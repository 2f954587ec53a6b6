/**
 * Reader for Anki packages (.apkg) and bare collections (.anki2): parses notes, cards, decks,
 * media and review history into an ImportBundle. Nothing is written to Retain's database.
 *
 * A package holds a SQLite collection: `collection.anki21b` (zstd-compressed, schema 18, Anki
 * 2.1.50+) is preferred, then `collection.anki21`, then `collection.anki2` (in new packages that
 * last one is only a stub note asking the user to upgrade). The collection is opened with
 * better-sqlite3 as a private copy: in memory, or for a very large one in a temporary directory
 * that is removed afterwards. On that copy the schema's `COLLATE unicase` (a collation only Anki
 * registers) is rewritten to NOCASE and WAL mode is switched off, so that no side files appear
 * and every table can be read.
 *
 * Legacy collections (schema 11) keep note types and decks as JSON in `col.models`/`col.decks`;
 * schema 18 keeps them in the `notetypes`, `fields`, `templates` and `decks` tables with the
 * details in protobuf blobs, decoded here with a minimal reader for the few fields needed.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  ImportBundle,
  ImportCard,
  ImportMedia,
  ImportNote,
  ImportReview,
  ImportSkip,
} from '../../core/import/bundle';
import { ImportError } from '../../core/import/bundle';
import { assertImportSize, openZip, type ZipArchive } from '../../core/import/archive';
import { AnkiTemplateError } from '../../core/import/anki-template';
import { MAX_PACKAGE_OUTPUT_BYTES, outputBudget, type OutputBudget } from '../../core/import/limits';
import { ZSTD_MAGIC, hasZstdMagic, zstdDecompressBounded } from '../../core/import/zstd';
import { assertCollectionBounds, limitConnection } from './collection-bounds';
import { decompressCollection, type SpilledCollection } from './spill-collection';
import {
  clozeOrdinalsIn,
  compileAnkiTemplate,
  type AnkiRenderOptions,
  type CompiledAnkiTemplate,
} from '../../core/import/anki-template';
import type { RenderedNote } from '../../../shared/note-content';
import { attachAnkiSchedules, readAnkiScheduling } from './read-anki-schedule';

type Db = Database.Database;

/** Collection entries in order of preference. */
export const COLLECTION_ENTRIES = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;

/**
 * Largest collection opened as an in-memory copy (larger ones get a file copy, read through a
 * 16 MiB page cache): 64 MiB. SQLite copies what it opens in memory, so this costs twice its size.
 */
const IN_MEMORY_LIMIT = 64 * 1024 * 1024;
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

interface NoteType {
  id: string;
  name: string;
  cloze: boolean;
  fields: string[];
  templates: Array<{ name: string; ord: number; qfmt: string; afmt: string }>;
}

interface CollectionInfo {
  ver: number;
  schema: 'legacy' | 'schema18';
  noteTypes: Map<string, NoteType>;
  decks: Map<string, string>;
}

export interface AnkiPackageDescription {
  /** Zip entry names, in archive order (empty for a bare collection). */
  entries: string[];
  /** The collection entry that was read. */
  collectionEntry: string;
  /** PackageMetadata.version from the `meta` entry (2 legacy, 3 latest), when present. */
  metaVersion?: number;
  /** col.ver */
  ver: number;
  schema: 'legacy' | 'schema18';
  noteTypes: Array<{ id: string; name: string; cloze: boolean; fields: string[]; templates: string[] }>;
  decks: Array<{ id: string; name: string }>;
  counts: { notes: number; cards: number; revlog: number };
}

/**
 * Read an .apkg file's bytes. `tmpDir` is where a private working directory is created (and
 * removed) for a collection too large to copy into memory.
 */
export function readAnkiPackage(bytes: Uint8Array, file: string, tmpDir: string): ImportBundle {
  const pkg = openPackage(bytes, file, tmpDir);
  const skipped: ImportSkip[] = [];
  return withCollection(pkg.collection, pkg.collectionEntry, file, tmpDir, (db) => {
    const media = guard(file, 'media', () => readMedia(pkg.zip, file, skipped, pkg.budget));
    const bundle = readCollection(db, file, pkg.collectionEntry);
    bundle.media = media;
    bundle.skipped.push(...skipped);
    return bundle;
  });
}

/** Read a bare collection file (.anki2 / .anki21, or a zstd-compressed .anki21b) from disk. */
export function readAnkiCollectionFile(path: string, file: string, tmpDir: string = tmpdir()): ImportBundle {
  assertImportSize(statSync(path).size, file);
  const bytes = new Uint8Array(readFileSync(path));
  const name = path.split(/[\\/]/).pop() ?? 'collection';
  const collection = hasZstdMagic(bytes) ? decompressCollection(bytes, file, name, outputBudget(file), tmpDir, IN_MEMORY_LIMIT) : bytes;
  return withCollection(collection, name, file, tmpDir, (db) => readCollection(db, file, name));
}

/** Summarize an .apkg (entries, chosen collection, note types, decks, counts) without building notes. */
export function describeAnkiPackage(bytes: Uint8Array, file: string, tmpDir: string): AnkiPackageDescription {
  const pkg = openPackage(bytes, file, tmpDir);
  return withCollection(pkg.collection, pkg.collectionEntry, file, tmpDir, (db) => {
    const metaBytes = pkg.zip.read('meta');
    let metaVersion: number | undefined;
    if (metaBytes) {
      metaVersion = guard(file, 'meta', () => {
        const f = protoFields(metaBytes).find((x) => x.field === 1 && x.varint !== undefined);
        return f?.varint;
      });
    }
    const info = readCollectionInfo(db, file, pkg.collectionEntry);
    const count = (table: string): number =>
      Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
    const out: AnkiPackageDescription = {
      entries: [...pkg.zip.names],
      collectionEntry: pkg.collectionEntry,
      ver: info.ver,
      schema: info.schema,
      noteTypes: [...info.noteTypes.values()].map((t) => ({
        id: t.id,
        name: t.name,
        cloze: t.cloze,
        fields: [...t.fields],
        templates: t.templates.map((x) => x.name),
      })),
      decks: [...info.decks].map(([id, name]) => ({ id, name })),
      counts: { notes: count('notes'), cards: count('cards'), revlog: count('revlog') },
    };
    if (metaVersion !== undefined) out.metaVersion = metaVersion;
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Package and collection plumbing

/**
 * The package's zip, and its preferred collection inflated (only that one: the others are never
 * read). Everything the package decompresses to, zip entries and zstd output alike, is counted
 * against one budget of MAX_PACKAGE_OUTPUT_BYTES.
 */
function openPackage(
  bytes: Uint8Array,
  file: string,
  tmpDir: string,
): { zip: ZipArchive; collection: Uint8Array | SpilledCollection; collectionEntry: string; budget: OutputBudget } {
  assertImportSize(bytes.length, file);
  const zip = openZip(bytes, file, { maxTotalBytes: MAX_PACKAGE_OUTPUT_BYTES });
  const budget = outputBudget(file);
  budget.take(zip.declaredBytes, '');
  for (const name of COLLECTION_ENTRIES) {
    const data = zip.read(name);
    if (!data) continue;
    const zstd = name === 'collection.anki21b' || hasZstdMagic(data);
    const collection = zstd ? decompressCollection(data, file, name, budget, tmpDir, IN_MEMORY_LIMIT) : data;
    return { zip, collection, collectionEntry: name, budget };
  }
  throw new ImportError(file, '', 'not an Anki package: no collection.anki21b, collection.anki21 or collection.anki2 inside');
}

/**
 * Run `fn` on a connection to a private copy of the collection; always clean up. A collection up
 * to IN_MEMORY_LIMIT is copied into an in-memory database; a larger one into a file in `tmpDir`,
 * so that it is not held in memory twice (a large zstd one was written there as it was decompressed).
 */
function withCollection<T>(collection: Uint8Array | SpilledCollection, entry: string, file: string, tmpDir: string, fn: (db: Db) => T): T {
  if (!(collection instanceof Uint8Array)) {
    try {
      if (!isSqlite(collection.head)) throw new ImportError(file, entry, 'not an SQLite database');
      return guard(file, entry, () => withCollectionFile(collection.path, file, entry, fn));
    } finally {
      rmSync(collection.dir, { recursive: true, force: true });
    }
  }
  if (!isSqlite(collection)) throw new ImportError(file, entry, 'not an SQLite database');
  if (collection.length <= IN_MEMORY_LIMIT) {
    return guard(file, entry, () => {
      const db = openInMemory(collection);
      try {
        makeReadable(db);
        limitConnection(db);
        assertCollectionBounds(db, file, entry);
        return fn(db);
      } finally {
        db.close();
      }
    });
  }
  // Environment failures (tmpDir missing or unwritable) are not the file's fault: let them surface as they are.
  const dir = mkdtempSync(join(tmpDir, 'retain-anki-'));
  try {
    return guard(file, entry, () => {
      const path = join(dir, 'collection.sqlite');
      writeCollectionCopy(path, collection);
      return withCollectionFile(path, file, entry, fn);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run `fn` on a private copy at `path`: made readable (rollback journal, no unicase), then opened read-only and checked. */
function withCollectionFile<T>(path: string, file: string, entry: string, fn: (db: Db) => T): T {
  const writable = new Database(path, sqliteOptions({ fileMustExist: true }));
  try {
    writable.pragma('journal_mode = DELETE');
    makeReadable(writable);
  } finally {
    writable.close();
  }
  const db = new Database(path, sqliteOptions({ readonly: true, fileMustExist: true }));
  try {
    limitConnection(db);
    assertCollectionBounds(db, file, entry);
    return fn(db);
  } finally {
    db.close();
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
function guard<T>(file: string, location: string, fn: () => T): T {
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

// ---------------------------------------------------------------------------------------------
// Protobuf (just enough for Anki's config blobs and media list)

interface ProtoField {
  field: number;
  varint?: number;
  bytes?: Uint8Array;
  /** A 4-byte field (float, fixed32). */
  fixed32?: Uint8Array;
}

export function protoFields(b: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let p = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      if (p >= b.length) throw new Error('truncated protobuf varint');
      const byte = b[p++] ?? 0;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new Error('protobuf varint too long');
  };
  while (p < b.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) out.push({ field, varint: varint() });
    else if (wire === 1) p += 8;
    else if (wire === 5) {
      out.push({ field, fixed32: b.subarray(p, p + 4) });
      p += 4;
    }
    else if (wire === 2) {
      const len = varint();
      if (p + len > b.length) throw new Error('truncated protobuf field');
      out.push({ field, bytes: b.subarray(p, p + len) });
      p += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (p > b.length) throw new Error('truncated protobuf field');
  }
  return out;
}

const utf8 = new TextDecoder('utf-8');

function protoString(fields: ProtoField[], field: number): string | undefined {
  let found: string | undefined;
  for (const f of fields) if (f.field === field && f.bytes) found = utf8.decode(f.bytes);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Collection reading

function tableNames(db: Db): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: unknown }>;
  return new Set(rows.map((r) => String(r.name)));
}

function readCollectionInfo(db: Db, file: string, entry: string): CollectionInfo {
  const tables = tableNames(db);
  for (const t of ['col', 'notes', 'cards', 'revlog']) {
    if (!tables.has(t)) throw new ImportError(file, entry, `not an Anki collection (no "${t}" table)`);
  }
  const col = db.prepare('SELECT ver, models, decks FROM col LIMIT 1').get() as
    | { ver: unknown; models: unknown; decks: unknown }
    | undefined;
  if (!col) throw new ImportError(file, entry, 'not an Anki collection (empty "col" table)');
  const ver = Number(col.ver);
  const modelsText = typeof col.models === 'string' ? col.models : '';
  if (tables.has('notetypes') && (modelsText.trim() === '' || modelsText.trim() === '{}' || ver >= 15)) {
    for (const t of ['fields', 'templates', 'decks']) {
      if (!tables.has(t)) throw new ImportError(file, entry, `not an Anki collection (no "${t}" table)`);
    }
    return { ver, schema: 'schema18', noteTypes: schema18NoteTypes(db), decks: schema18Decks(db) };
  }
  return {
    ver,
    schema: 'legacy',
    noteTypes: legacyNoteTypes(modelsText, file, entry),
    decks: legacyDecks(typeof col.decks === 'string' ? col.decks : '', file, entry),
  };
}

function parseJsonObject(text: string, file: string, location: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ImportError(file, location, `${what} are not valid JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ImportError(file, location, `${what} are not a JSON object`);
  return v as Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function byOrd<T extends { ord: number }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => a.ord - b.ord);
}

function legacyNoteTypes(text: string, file: string, entry: string): Map<string, NoteType> {
  const models = parseJsonObject(text, file, `${entry} col.models`, 'note types');
  const out = new Map<string, NoteType>();
  for (const [key, m] of Object.entries(models)) {
    if (!isRecord(m)) continue;
    const id = m.id !== undefined && m.id !== null ? String(m.id) : key;
    const flds = Array.isArray(m.flds) ? m.flds.filter(isRecord) : [];
    const tmpls = Array.isArray(m.tmpls) ? m.tmpls.filter(isRecord) : [];
    out.set(id, {
      id,
      name: typeof m.name === 'string' ? m.name : `Note type ${id}`,
      cloze: m.type === 1,
      fields: byOrd(flds.map((f, i) => ({ ord: typeof f.ord === 'number' ? f.ord : i, name: String(f.name ?? `Field ${i + 1}`) }))).map(
        (f) => f.name,
      ),
      templates: byOrd(
        tmpls.map((t, i) => ({
          ord: typeof t.ord === 'number' ? t.ord : i,
          name: String(t.name ?? `Card ${i + 1}`),
          qfmt: typeof t.qfmt === 'string' ? t.qfmt : '',
          afmt: typeof t.afmt === 'string' ? t.afmt : '',
        })),
      ),
    });
  }
  return out;
}

function legacyDecks(text: string, file: string, entry: string): Map<string, string> {
  const decks = parseJsonObject(text || '{}', file, `${entry} col.decks`, 'decks');
  const out = new Map<string, string>();
  for (const [key, d] of Object.entries(decks)) {
    if (!isRecord(d)) continue;
    const id = d.id !== undefined && d.id !== null ? String(d.id) : key;
    if (typeof d.name === 'string') out.set(id, d.name);
  }
  return out;
}

function schema18NoteTypes(db: Db): Map<string, NoteType> {
  const out = new Map<string, NoteType>();
  const types = db.prepare('SELECT id, name, config FROM notetypes ORDER BY id').all() as Array<{
    id: unknown;
    name: unknown;
    config: unknown;
  }>;
  for (const t of types) {
    const id = String(t.id);
    const config = t.config instanceof Uint8Array ? protoFields(t.config) : [];
    // Notetype.Config field 1 is the kind: 0 normal, 1 cloze.
    const kind = config.find((f) => f.field === 1 && f.varint !== undefined)?.varint ?? 0;
    out.set(id, { id, name: String(t.name), cloze: kind === 1, fields: [], templates: [] });
  }
  // fields/templates also hold rows for note types that no longer exist: join on the note types kept.
  const fields = db.prepare('SELECT ntid, ord, name FROM fields ORDER BY ntid, ord').all() as Array<{
    ntid: unknown;
    ord: unknown;
    name: unknown;
  }>;
  for (const f of fields) out.get(String(f.ntid))?.fields.push(String(f.name));
  const templates = db.prepare('SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord').all() as Array<{
    ntid: unknown;
    ord: unknown;
    name: unknown;
    config: unknown;
  }>;
  for (const t of templates) {
    const nt = out.get(String(t.ntid));
    if (!nt) continue;
    // Template.Config: field 1 q_format, field 2 a_format.
    const config = t.config instanceof Uint8Array ? protoFields(t.config) : [];
    nt.templates.push({
      ord: Number(t.ord),
      name: String(t.name),
      qfmt: protoString(config, 1) ?? '',
      afmt: protoString(config, 2) ?? '',
    });
  }
  return out;
}

function schema18Decks(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM decks').all() as Array<{ id: unknown; name: unknown }>;
  // Schema 18 separates deck levels with U+001F; everywhere else uses "::".
  return new Map(rows.map((r) => [String(r.id), String(r.name).split('\x1f').join('::')]));
}

/** One note joined with one of its cards (card columns null for a note without cards). A note's rows are consecutive. */
type NoteCardRow = [
  id: number,
  guid: unknown,
  mid: unknown,
  tags: unknown,
  flds: unknown,
  cardId: number | null,
  did: number,
  ord: number,
  queue: number,
];

/** A note type's templates, each compiled once for its fields. */
interface CompiledNoteType {
  nt: NoteType;
  templates: CompiledTemplate[];
}

interface CompiledTemplate {
  ord: number;
  name: string;
  front: CompiledAnkiTemplate;
  back: CompiledAnkiTemplate;
  /** Whether either side uses a built-in name, so the card needs Anki's special values. */
  special: boolean;
}

function compileNoteType(nt: NoteType, file: string): CompiledNoteType {
  const compile = (template: string, side: string, name: string): CompiledAnkiTemplate => {
    try {
      return compileAnkiTemplate(template, nt.fields);
    } catch (err) {
      if (err instanceof AnkiTemplateError) throw new ImportError(file, `note type "${nt.name}", template "${name}" (${side})`, err.message);
      throw err;
    }
  };
  return {
    nt,
    templates: nt.templates.map((t) => {
      const front = compile(t.qfmt, 'front', t.name);
      const back = compile(t.afmt, 'back', t.name);
      return { ord: t.ord, name: t.name, front, back, special: front.usesSpecial || back.usesSpecial };
    }),
  };
}

/** Anki keeps tags as one space-separated string with a space at either end. */
function splitTags(tags: string): string[] {
  const trimmed = tags.trim();
  if (trimmed === '') return [];
  // Single plain spaces between tags (the usual case) split as they are; anything else by any run of whitespace.
  return /[^\S ]| {2}/.test(trimmed) ? trimmed.split(/\s+/) : trimmed.split(' ');
}

/** A note's cards in ord, then id order. */
function byOrdThenId(a: NoteCardRow, b: NoteCardRow): number {
  return a[7] - b[7] || (a[5] ?? 0) - (b[5] ?? 0);
}

/** Notes joined with their cards, in note id order (see NoteCardRow). */
function noteCardRows(db: Db): IterableIterator<NoteCardRow> {
  // A card sitting in a filtered deck keeps its home deck in odid: import it there.
  const hasOdid = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('cards') WHERE name = 'odid'").get() as { n: number }).n > 0;
  const did = hasOdid ? 'CASE WHEN c.odid IS NOT NULL AND c.odid != 0 THEN c.odid ELSE c.did END' : 'c.did';
  return db
    .prepare(
      `SELECT n.id, n.guid, n.mid, n.tags, n.flds, c.id, ${did}, c.ord, c.queue
       FROM notes n LEFT JOIN cards c ON c.nid = n.id ORDER BY n.id`,
    )
    .raw()
    .iterate() as IterableIterator<NoteCardRow>;
}

function readCollection(db: Db, file: string, entry: string): ImportBundle {
  const info = readCollectionInfo(db, file, entry);
  const skipped: ImportSkip[] = [];
  const notes: ImportNote[] = [];
  const scheduling = readAnkiScheduling(db, info.schema === 'schema18', protoFields);

  const deckNames = new Map<number, { deck: string; subdeck: string }>();
  const deckOf = (did: number): { deck: string; subdeck: string } => {
    let d = deckNames.get(did);
    if (d === undefined) {
      const deck = info.decks.get(String(did)) ?? info.decks.get('1') ?? 'Default';
      d = { deck, subdeck: deck.split('::').pop() ?? deck };
      deckNames.set(did, d);
    }
    return d;
  };
  // Notes of a deck mostly repeat a few tag strings: each is split once (every note gets its own array).
  const splitTagTexts = new Map<string, string[]>();
  const tagsOf = (text: string): string[] => {
    let tags = splitTagTexts.get(text);
    if (tags === undefined) {
      tags = splitTags(text);
      splitTagTexts.set(text, tags);
    }
    return tags.slice();
  };
  const compiled = new Map<unknown, CompiledNoteType | undefined>();
  const noteTypeOf = (mid: unknown): CompiledNoteType | undefined => {
    if (compiled.has(mid)) return compiled.get(mid);
    const nt = info.noteTypes.get(String(mid));
    const c = nt && compileNoteType(nt, file);
    compiled.set(mid, c);
    return c;
  };

  /** Build one note from its rows (all sharing the note columns). */
  const addNote = (rows: NoteCardRow[]): void => {
    const [id, guid, mid, tagText, flds, firstCardId] = rows[0] as NoteCardRow;
    const idText = String(id);
    const location = `note ${idText}`;
    const type = noteTypeOf(mid);
    if (!type) {
      skipped.push({ location, reason: `note type ${String(mid)} is missing from the collection` });
      return;
    }
    const nt = type.nt;
    const values = String(flds ?? '').split('\x1f');
    const fieldList = nt.fields.map((name, i) => ({ name, value: values[i] ?? '' }));
    const tags = tagsOf(String(tagText ?? ''));
    const clozeOrds = nt.cloze ? new Set(clozeOrdinalsIn(fieldList.map((f) => f.value).join('\n'))) : undefined;

    const cards: ImportCard[] = [];
    const rendered: RenderedNote['cards'] = [];
    if (rows.length > 1) rows.sort(byOrdThenId);
    for (const [, , , , , cardId, did, ord, queue] of firstCardId === null ? [] : rows) {
      const t = nt.cloze ? type.templates[0] : (type.templates.find((x) => x.ord === ord) ?? type.templates[ord]);
      if (!t) continue;
      if (clozeOrds && !clozeOrds.has(ord)) continue;
      const { deck, subdeck } = deckOf(did);
      const opts: AnkiRenderOptions = { ord, side: 'front', cloze: nt.cloze };
      if (t.special) opts.special = { Tags: tags.join(' '), Type: nt.name, Deck: deck, Subdeck: subdeck, Card: t.name };
      const front = t.front.render(values, opts);
      if (!nt.cloze && !front.hasFieldContent) continue; // Anki would not have generated this card
      opts.side = 'back';
      opts.frontSide = front.html;
      const back = t.back.render(values, opts).html;
      const card: ImportCard = { ord, deckPath: deck, sourceKey: String(cardId) };
      if (queue === -1) card.suspended = true;
      cards.push(card);
      rendered.push({ ord, front: front.html, back });
    }
    const firstCard = cards[0];
    if (!firstCard) {
      skipped.push({ location, reason: firstCardId === null ? 'note has no cards' : 'none of the note’s cards has content' });
      return;
    }
    // The lists grew by push (room for 17 entries); the note keeps exact-size copies, a third of its memory.
    notes.push({
      guid: String(guid),
      deckPath: firstCard.deckPath,
      content: { kind: 'rendered', noteType: nt.name, fields: fieldList, cards: rendered.slice(), format: 'html' },
      tags,
      section: `Anki note ${idText}`,
      cards: cards.slice(),
      location,
    });
  };

  let group: NoteCardRow[] = [];
  for (const row of noteCardRows(db)) {
    if (group.length > 0 && (group[0] as NoteCardRow)[0] !== row[0]) {
      addNote(group);
      group = [];
    }
    group.push(row);
  }
  if (group.length > 0) addNote(group);

  // Each imported card's schedule, and of its review log the answers that count (Anki's rule).
  const reviews: ImportReview[] = attachAnkiSchedules(notes, scheduling);

  return { format: 'apkg', notes, media: [], reviews, skipped, anki: { createdAt: scheduling.createdAt, presets: scheduling.presets } };
}

// ---------------------------------------------------------------------------------------------
// Media

/** Why a media file name is unusable as a plain file name, or undefined when it is fine. */
export function unsafeMediaNameReason(name: string): string | undefined {
  if (name.trim() === '') return 'empty media file name';
  if (/[/\\\0]/.test(name)) return `media file name "${name}" contains a path separator or NUL`;
  if (name === '.' || name === '..') return `media file name "${name}" is not a file name`;
  if (/^[A-Za-z]:/.test(name)) return `media file name "${name}" starts with a drive letter`;
  return undefined;
}

function readMedia(zip: ZipArchive, file: string, skipped: ImportSkip[], budget: OutputBudget): ImportMedia[] {
  const raw = zip.read('media');
  if (!raw || raw.length === 0) return [];
  const list: Array<{ key: string; name: string }> = [];
  let compressedFiles = false;
  if (hasZstdMagic(raw)) {
    // Newer packages: zstd-compressed MediaEntries { repeated MediaEntry entries = 1 },
    // MediaEntry { string name = 1; uint32 size = 2; bytes sha1 = 3; uint32 legacy_zip_filename = 255 }.
    compressedFiles = true;
    const decoded = zstdDecompressBounded(raw, file, 'media', budget);
    let index = 0;
    for (const e of protoFields(decoded)) {
      if (e.field !== 1 || !e.bytes) continue;
      const fields = protoFields(e.bytes);
      const legacy = fields.find((f) => f.field === 255 && f.varint !== undefined)?.varint;
      list.push({ key: String(legacy ?? index), name: protoString(fields, 1) ?? '' });
      index++;
    }
  } else {
    const map = parseJsonObject(utf8.decode(raw), file, 'media', 'media map entries');
    for (const [key, name] of Object.entries(map)) {
      if (typeof name !== 'string') throw new ImportError(file, `media ${key}`, 'media map value is not a file name');
      list.push({ key, name });
    }
  }
  const out: ImportMedia[] = [];
  const names = new Set<string>();
  for (const { key, name } of list) {
    const bad = unsafeMediaNameReason(name);
    if (bad) throw new ImportError(file, `media ${key}`, bad);
    if (!zip.has(key)) {
      skipped.push({ location: `media ${key}`, reason: `"${name}" is listed but missing from the package` });
      continue;
    }
    if (names.has(name)) {
      skipped.push({ location: `media ${key}`, reason: `"${name}" appears twice in the media list` });
      continue;
    }
    names.add(name);
    const data = zip.read(key) as Uint8Array;
    out.push({ name, data: compressedFiles && hasZstdMagic(data) ? zstdDecompressBounded(data, file, `media ${key}`, budget) : data });
  }
  return out;
}
