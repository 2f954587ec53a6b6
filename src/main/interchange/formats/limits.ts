/**
 * The bounds every import reader keeps to, so that no file can exhaust memory or disk.
 *
 * Decompressed bytes are counted while they stream out of the decompressor (zip inflate and
 * zstd alike) against one budget per file: an Anki package may expand, collection and media
 * together, to at most MAX_PACKAGE_OUTPUT_BYTES. Text is bounded per field and per row, and an
 * Anki collection is bounded in rows and in the size of every value read from it (checked in SQL
 * before a value is turned into a JavaScript string).
 *
 * With these, the memory an import needs is about: the file itself, plus at most
 * MAX_PACKAGE_OUTPUT_BYTES of decompressed data, plus the notes read (bounded by the import
 * worker's heap limit). See the import worker for the heap limit.
 */
import { ImportError } from './bundle';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Most bytes one Anki package may decompress to in all (collection and media, zip and zstd):
 * 256 MiB, 2.5 times the largest file accepted (100 MiB); media hardly compresses, and a
 * collection that large holds more notes than the import worker's heap takes anyway.
 * Decompressing leaves about as much garbage again until it is collected, so an import that
 * reaches this limit peaks at about twice it.
 */
export const MAX_PACKAGE_OUTPUT_BYTES = 256 * MiB;
/** Largest text of one field (a CSV cell, a note's field), and of all fields of one Anki note together: 16 MiB. */
export const MAX_FIELD_BYTES = 16 * MiB;
/** Most columns one delimited-text row may have: 1,000. */
export const MAX_CSV_COLUMNS = 1000;
/** Most notes one Anki collection may hold: 1,000,000. */
export const MAX_ANKI_NOTES = 1_000_000;
/** Most cards one Anki collection may hold: 2,000,000. */
export const MAX_ANKI_CARDS = 2_000_000;
/** Most review-log rows one Anki collection may hold: 10,000,000. */
export const MAX_ANKI_REVIEWS = 10_000_000;
/** Most note types, fields, templates or decks one Anki collection may define (each): 10,000. */
export const MAX_ANKI_DEFINITIONS = 10_000;
/** Largest short value of an Anki collection (a GUID, a tag list, a name, a template's settings): 1 MiB. */
export const MAX_ANKI_SMALL_VALUE_BYTES = 1 * MiB;
/** Largest note-type or deck list of a legacy collection (the JSON in `col.models` / `col.decks`): 64 MiB. */
export const MAX_ANKI_CONFIG_BYTES = 64 * MiB;
/** Longest side of a card rendered from an Anki template (a template may repeat a large field): 64 Mi characters. */
export const MAX_CARD_SIDE_CHARS = 64 * MiB;
/** Deepest nesting of sections in an Anki card template, and of cloze deletions in a field: 100. */
export const MAX_TEMPLATE_DEPTH = 100;
/** Earliest review time accepted from an Anki review log: 1970-01-01 UTC (review-log ids are epoch milliseconds). */
export const MIN_REVIEW_TIME = 0;
/** Latest review time accepted from an Anki review log: 2100-01-01 UTC. */
export const MAX_REVIEW_TIME = Date.UTC(2100, 0, 1);

/** A count of decompressed bytes that refuses to go past its limit. */
export interface OutputBudget {
  readonly limit: number;
  /** Bytes counted so far. */
  readonly used: number;
  /** Count `bytes` more output of `location`; an ImportError when that passes the limit. */
  take(bytes: number, location: string): void;
}

/** A budget of `limit` decompressed bytes for `file`. */
export function outputBudget(file: string, limit: number = MAX_PACKAGE_OUTPUT_BYTES): OutputBudget {
  let used = 0;
  return {
    limit,
    get used() {
      return used;
    },
    take(bytes, location) {
      if (bytes > limit - used) {
        throw new ImportError(file, location, `the file expands to more than ${formatBytes(limit)} (possible decompression bomb)`);
      }
      used += bytes;
    },
  };
}

/** "512 MiB", "16 MiB", "1.5 MiB", "2 GiB", "300 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * MiB && n % (1024 * MiB) === 0) return `${n / (1024 * MiB)} GiB`;
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} bytes`;
}
