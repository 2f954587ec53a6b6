/**
 * Checks on an untrusted Anki collection before anything is read from it, so that reading it
 * cannot exhaust memory: every check runs in SQL and turns no value into a JavaScript string.
 *
 * - The schema holds only plain tables: views, triggers, virtual tables and generated columns
 *   (whose values are computed while reading, so a 1 KB file can produce gigabytes) are refused.
 * - Row counts of notes, cards, the review log and the note-type and deck tables are bounded.
 * - Every value of the tables the reader uses is bounded in bytes (`octet_length`, which SQLite
 *   answers from the record header): a note's fields to MAX_FIELD_BYTES, the legacy JSON lists
 *   to MAX_ANKI_CONFIG_BYTES, everything else to MAX_ANKI_SMALL_VALUE_BYTES. A table whose
 *   largest row (from SQLite's page statistics) is within the smallest of its limits passes
 *   without looking at each value.
 * - Answers in the review log carry a time between MIN_REVIEW_TIME and MAX_REVIEW_TIME.
 *
 * Every failure is an ImportError naming the table, row and column.
 */
import type Database from 'better-sqlite3';
import { ImportError } from '../formats/bundle';
import {
  MAX_ANKI_CARDS,
  MAX_ANKI_CONFIG_BYTES,
  MAX_ANKI_DEFINITIONS,
  MAX_ANKI_NOTES,
  MAX_ANKI_REVIEWS,
  MAX_ANKI_SMALL_VALUE_BYTES,
  MAX_FIELD_BYTES,
  MAX_REVIEW_TIME,
  MIN_REVIEW_TIME,
  formatBytes,
} from '../formats/limits';

type Db = Database.Database;

/** Tables the reader uses, with the most rows each may hold. */
const TABLE_ROWS: Record<string, number> = {
  col: 1,
  notes: MAX_ANKI_NOTES,
  cards: MAX_ANKI_CARDS,
  revlog: MAX_ANKI_REVIEWS,
  notetypes: MAX_ANKI_DEFINITIONS,
  fields: MAX_ANKI_DEFINITIONS,
  templates: MAX_ANKI_DEFINITIONS,
  decks: MAX_ANKI_DEFINITIONS,
};

/** Columns allowed more than MAX_ANKI_SMALL_VALUE_BYTES. */
const LARGE_COLUMNS: Record<string, number> = {
  'notes.flds': MAX_FIELD_BYTES,
  'col.models': MAX_ANKI_CONFIG_BYTES,
  'col.decks': MAX_ANKI_CONFIG_BYTES,
  'col.conf': MAX_ANKI_CONFIG_BYTES,
  'col.dconf': MAX_ANKI_CONFIG_BYTES,
  'col.tags': MAX_ANKI_CONFIG_BYTES,
  'notetypes.config': MAX_FIELD_BYTES,
  'templates.config': MAX_FIELD_BYTES,
  'fields.config': MAX_FIELD_BYTES,
  'decks.common': MAX_FIELD_BYTES,
  'decks.kind': MAX_FIELD_BYTES,
};

/** Most tables, indexes and other schema objects a collection may define: Anki's have about 30. */
const MAX_SCHEMA_OBJECTS = 1000;

/** Keep the private copy's connection small (the caller then makes it unable to change anything: query_only). */
export function limitConnection(db: Db): void {
  db.pragma('trusted_schema = OFF');
  db.pragma('mmap_size = 0');
  db.pragma('cache_size = -16384');
}

const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Refuse a collection whose schema or values could make reading it unbounded (see module comment). */
export function assertCollectionBounds(db: Db, file: string, entry: string): void {
  const objects = db
    .prepare(
      `SELECT type, name, tbl_name AS tbl, CASE WHEN sql LIKE 'CREATE VIRTUAL%' THEN 1 ELSE 0 END AS virtual
       FROM sqlite_master LIMIT ${MAX_SCHEMA_OBJECTS + 1}`,
    )
    .all() as Array<{ type: string; name: string; tbl: string; virtual: number }>;
  if (objects.length > MAX_SCHEMA_OBJECTS) {
    throw new ImportError(file, entry, `the collection defines more than ${MAX_SCHEMA_OBJECTS} tables and indexes`);
  }
  const tables: string[] = [];
  for (const o of objects) {
    const where = `${entry}, ${o.type} "${o.name}"`;
    if (o.type === 'view') throw new ImportError(file, where, 'views are not allowed in an Anki collection');
    if (o.type === 'trigger') throw new ImportError(file, where, 'triggers are not allowed in an Anki collection');
    if (o.type === 'table' && o.virtual) throw new ImportError(file, where, 'virtual tables are not allowed in an Anki collection');
    if (o.type === 'table') tables.push(o.name);
  }

  const columnsOf = new Map<string, string[]>();
  for (const table of tables) {
    const columns = db.prepare('SELECT name, hidden FROM pragma_table_xinfo(?)').all(table) as Array<{ name: string; hidden: number }>;
    for (const c of columns) {
      // hidden 2 and 3: a generated column (virtual or stored), computed from an expression.
      if (c.hidden === 2 || c.hidden === 3) {
        throw new ImportError(file, `${entry}, column ${table}.${c.name}`, 'generated columns are not allowed in an Anki collection');
      }
    }
    columnsOf.set(table, columns.filter((c) => c.hidden === 0).map((c) => c.name));
  }

  for (const [table, maxRows] of Object.entries(TABLE_ROWS)) {
    const columns = columnsOf.get(table);
    if (!columns) continue;
    const t = quoteName(table);
    const over = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${t} LIMIT ${maxRows + 1})`).get() as { n: number };
    if (over.n > maxRows) {
      throw new ImportError(file, `${entry}, table ${table}`, `more than ${maxRows.toLocaleString('en-US')} rows`);
    }
    checkValueSizes(db, table, columns, file, entry);
  }
  checkReviewTimes(db, columnsOf.get('revlog'), file, entry);
}

/**
 * The size in bytes of the table's largest row as stored (SQLite's page statistics, `dbstat`,
 * read from the pages without decoding any value); undefined when they cannot be read.
 */
function largestRowBytes(db: Db, table: string): number | undefined {
  try {
    const row = db.prepare('SELECT mx_payload AS n FROM dbstat WHERE name = ? AND aggregate = TRUE').get(table) as { n: unknown } | undefined;
    return typeof row?.n === 'number' ? row.n : undefined;
  } catch {
    return undefined;
  }
}

function checkValueSizes(db: Db, table: string, columns: string[], file: string, entry: string): void {
  if (columns.length === 0) return;
  const limitOf = (c: string): number => LARGE_COLUMNS[`${table}.${c}`] ?? MAX_ANKI_SMALL_VALUE_BYTES;
  // No value is longer than the row holding it (a number's text is a few dozen bytes at most), so
  // a table whose largest row is within every limit needs no look at each value.
  const largest = largestRowBytes(db, table);
  if (largest !== undefined && largest <= Math.min(...columns.map(limitOf))) return;
  const tests = columns.map((c) => `octet_length(${quoteName(c)}) > ${limitOf(c)}`);
  const which = columns.map((c, i) => `WHEN ${tests[i]} THEN ${i}`).join(' ');
  const key = columns.includes('id') ? quoteName('id') : quoteName(columns[0] as string);
  const row = db
    .prepare(
      `SELECT CASE WHEN octet_length(${key}) > 64 THEN '(unnamed)' ELSE ${key} END AS k, CASE ${which} END AS col,
       (CASE ${columns.map((c, i) => `WHEN ${tests[i]} THEN octet_length(${quoteName(c)})`).join(' ')} END) AS bytes
       FROM ${quoteName(table)} WHERE ${tests.join(' OR ')} LIMIT 1`,
    )
    .get() as { k: unknown; col: number; bytes: number } | undefined;
  if (!row) return;
  const column = columns[row.col] ?? '?';
  const what = table === 'notes' ? `note ${String(row.k)}` : `${table} row ${String(row.k)}`;
  throw new ImportError(
    file,
    `${entry}, ${what}, column ${column}`,
    `value is ${formatBytes(row.bytes)}, more than the ${formatBytes(limitOf(column))} limit`,
  );
}

function checkReviewTimes(db: Db, columns: string[] | undefined, file: string, entry: string): void {
  if (!columns?.includes('id') || !columns.includes('ease')) return;
  const row = db
    .prepare(
      `SELECT id, CASE WHEN typeof(id) IN ('integer', 'real') THEN 1 ELSE 0 END AS numeric FROM revlog
       WHERE ease BETWEEN 1 AND 4 AND NOT (typeof(id) IN ('integer', 'real') AND id >= ? AND id <= ?) LIMIT 1`,
    )
    .get(MIN_REVIEW_TIME, MAX_REVIEW_TIME) as { id: unknown; numeric: number } | undefined;
  if (!row) return;
  const shown = row.numeric ? String(row.id) : JSON.stringify(String(row.id).slice(0, 40));
  const when = row.numeric && Number.isFinite(Number(row.id)) && Math.abs(Number(row.id)) < 8.64e15 ? ` (${new Date(Number(row.id)).toISOString()})` : '';
  throw new ImportError(
    file,
    `${entry}, review log entry ${shown}`,
    `review time ${shown}${when} is outside ${new Date(MIN_REVIEW_TIME).toISOString().slice(0, 10)} to ${new Date(MAX_REVIEW_TIME).toISOString().slice(0, 10)}`,
  );
}
