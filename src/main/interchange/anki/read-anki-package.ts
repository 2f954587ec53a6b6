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
import type { ImportBundle, ImportSkip } from '../formats/bundle';
import { assertImportSize } from '../formats/archive';
import { outputBudget } from '../formats/limits';
import { hasZstdMagic } from '../formats/zstd';
import { IN_MEMORY_LIMIT, guard, openPackage, withCollection } from './anki-container';
import { protoFields } from './anki-protobuf';
import { readCollectionInfo } from './anki-schema';
import { decompressCollection } from './spill-collection';
import { readCollection } from './read-anki-collection';
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
