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
 * details in protobuf blobs, decoded with a minimal reader for the few fields needed.
 *
 * The parts: anki-container.ts (zip, collection copy), anki-protobuf.ts, anki-schema.ts (note
 * types, decks), read-anki-collection.ts (notes and cards), read-anki-schedule.ts (schedules and
 * history), read-anki-media.ts (media files).
 */
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AnkiPreset, ImportBundle, ImportMedia, ImportSkip } from '../formats/bundle';
import { assertImportSize } from '../formats/archive';
import { outputBudget } from '../formats/limits';
import { hasZstdMagic } from '../formats/zstd';
import { IN_MEMORY_LIMIT, guard, openPackage, streamCollection, withCollection } from './anki-container';
import { protoFields } from './anki-protobuf';
import { readCollectionInfo } from './anki-schema';
import { decompressCollection } from './spill-collection';
import { readCollectionParts, type CollectionPart } from './read-anki-collection';
import { readMedia } from './read-anki-media';

export { COLLECTION_ENTRIES, SQLITE_MAGIC, ZSTD_MAGIC, startsWithBytes, useSqliteBinding } from './anki-container';
export { protoFields } from './anki-protobuf';
export { unsafeMediaNameReason } from './read-anki-media';

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

/** What streamAnkiPackage yields: the media and schedule settings, the notes a batch at a time, the skipped items. */
export type AnkiPackagePart =
  | { kind: 'head'; media: ImportMedia[]; anki: { createdAt: number; presets: AnkiPreset[] } }
  | Extract<CollectionPart, { kind: 'notes' | 'end' }>;

/**
 * Read an .apkg file's bytes a batch of notes at a time (see readCollectionParts). `tmpDir` is
 * where a private working directory is created (and removed) for a collection too large to copy
 * into memory.
 */
export function* streamAnkiPackage(bytes: Uint8Array, file: string, tmpDir: string, batchSize: number): Generator<AnkiPackagePart> {
  const pkg = openPackage(bytes, file, tmpDir);
  const skipped: ImportSkip[] = [];
  yield* streamCollection(pkg.collection, pkg.collectionEntry, file, tmpDir, function* (db) {
    const media = guard(file, 'media', () => readMedia(pkg.zip, file, skipped, pkg.budget));
    yield* withHead(readCollectionParts(db, file, pkg.collectionEntry, batchSize), media, skipped);
  });
}

/** Read a bare collection file (.anki2 / .anki21, or a zstd-compressed .anki21b) from disk a batch of notes at a time. */
export function* streamAnkiCollectionFile(path: string, file: string, tmpDir: string, batchSize: number): Generator<AnkiPackagePart> {
  assertImportSize(statSync(path).size, file);
  const bytes = new Uint8Array(readFileSync(path));
  const name = path.split(/[\\/]/).pop() ?? 'collection';
  const collection = hasZstdMagic(bytes) ? decompressCollection(bytes, file, name, outputBudget(file), tmpDir, IN_MEMORY_LIMIT) : bytes;
  yield* streamCollection(collection, name, file, tmpDir, (db) => withHead(readCollectionParts(db, file, name, batchSize), [], []));
}

/** The collection's parts with the package's media in the head and its skipped media at the end. */
function* withHead(parts: Generator<CollectionPart>, media: ImportMedia[], skipped: ImportSkip[]): Generator<AnkiPackagePart> {
  for (const part of parts) {
    if (part.kind === 'anki') yield { kind: 'head', media, anki: part.anki };
    else if (part.kind === 'end') yield { kind: 'end', skipped: [...part.skipped, ...skipped] };
    else yield part;
  }
}

/** Gather a package's parts into one bundle (its review log in time order across cards, as the log was written). */
function bundleOf(parts: Generator<AnkiPackagePart>): ImportBundle {
  const bundle: ImportBundle = { format: 'apkg', notes: [], media: [], reviews: [], skipped: [] };
  for (const part of parts) {
    if (part.kind === 'head') {
      bundle.media = part.media;
      bundle.anki = part.anki;
    } else if (part.kind === 'notes') {
      for (const n of part.notes) bundle.notes.push(n);
      for (const r of part.reviews) bundle.reviews.push(r);
    } else bundle.skipped.push(...part.skipped);
  }
  bundle.reviews.sort((a, b) => a.reviewedAt - b.reviewedAt);
  return bundle;
}

/** Notes per batch when a whole package is read into one bundle. */
const WHOLE_READ_BATCH = 10_000;

/**
 * Read an .apkg file's bytes into one bundle. `tmpDir` is where a private working directory is
 * created (and removed) for a collection too large to copy into memory.
 */
export function readAnkiPackage(bytes: Uint8Array, file: string, tmpDir: string): ImportBundle {
  return bundleOf(streamAnkiPackage(bytes, file, tmpDir, WHOLE_READ_BATCH));
}

/** Read a bare collection file (.anki2 / .anki21, or a zstd-compressed .anki21b) from disk into one bundle. */
export function readAnkiCollectionFile(path: string, file: string, tmpDir: string = tmpdir()): ImportBundle {
  return bundleOf(streamAnkiCollectionFile(path, file, tmpDir, WHOLE_READ_BATCH));
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
