/**
 * Is the file at the collection path a healthy Retain collection? Checked at start-up before
 * anything is migrated or written: an empty file, a file that is not SQLite, an SQLite file of
 * another program and a newer schema are each named, and the file is left as it is. A file
 * failing `quick_check` is named too: before a migration the check runs at once; otherwise it
 * runs right after the first screen in a worker thread (see quick-check-worker.ts).
 */
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import type { UNAVAILABLE_REASONS } from '../../shared/api/app-contract';
import { LATEST_SCHEMA_VERSION } from './migrations';
import type { Db } from './open-db';

export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];
export interface CollectionProblem {
  reason: UnavailableReason;
  message: string;
}

export const CORE_TABLES = ['decks', 'notes', 'cards', 'review_log'];
const SQLITE_HEADER = 'SQLite format 3\0';

export function isRetainSchema(db: Db): boolean {
  const names = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
  return CORE_TABLES.every((t) => names.has(t));
}

/** What is wrong with the file before SQLite opens it: empty, or not an SQLite database at all. */
export function fileProblem(dbPath: string): CollectionProblem | null {
  if (!existsSync(dbPath)) return null;
  const size = statSync(dbPath).size;
  const walSize = existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0;
  if (size === 0 && walSize === 0) {
    return { reason: 'empty', message: `The collection file ${dbPath} is empty (0 bytes): it holds no cards, so Retain did not open it.` };
  }
  if (size === 0) return null;
  const head = Buffer.alloc(16);
  const fd = openSync(dbPath, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) {
    return { reason: 'not_retain', message: `The file ${dbPath} is not an SQLite database (its first bytes are not an SQLite header), so it is not a Retain collection.` };
  }
  return null;
}

/** The first lines of a check's answer, for a message. */
function summary(lines: string[], max = 5): string {
  return lines.slice(0, max).join('; ') + (lines.length > max ? `; and ${lines.length - max} more` : '');
}

/** A migration will run on this file (or its version cannot be read): check it in full before writing. */
export function migrationPending(db: Db): boolean {
  try {
    return (db.pragma('user_version', { simple: true }) as number) < LATEST_SCHEMA_VERSION;
  } catch {
    return true;
  }
}

/** True when an integrity or quick check answered "ok" alone. */
export const isWhole = (lines: string[]): boolean => lines.length === 1 && lines[0] === 'ok';

/** The damage a `quick_check` found, or null when it found none. */
export function quickCheckProblem(lines: string[], dbPath: string): CollectionProblem | null {
  return isWhole(lines) ? null : { reason: 'damaged', message: `The collection file ${dbPath} is damaged: quick_check found ${summary(lines)}.` };
}

/** The reason for a file a check could not read at all. */
export function damagedBy(err: unknown, dbPath: string): CollectionProblem {
  return { reason: 'damaged', message: `The collection file ${dbPath} is damaged: ${err instanceof Error ? err.message : String(err)}.` };
}

/**
 * What is wrong with an opened file: another program's database, a newer schema, or (when
 * `quickCheck` is set) damage found by `quick_check`.
 */
export function healthProblem(db: Db, dbPath: string, options: { quickCheck: boolean } = { quickCheck: true }): CollectionProblem | null {
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (version === 0 && tables > 0) {
      return { reason: 'not_retain', message: `The file ${dbPath} is an SQLite database of another program, not a Retain collection; Retain did not change it.` };
    }
    if (version > LATEST_SCHEMA_VERSION) {
      return {
        reason: 'newer_schema',
        message: `This collection was written by a newer version of Retain (schema ${version}; this version understands up to ${LATEST_SCHEMA_VERSION}). Update Retain to open it.`,
      };
    }
    if (version > 0 && !isRetainSchema(db)) {
      return { reason: 'not_retain', message: `The file ${dbPath} lacks the tables of a Retain collection (${CORE_TABLES.join(', ')}).` };
    }
    if (!options.quickCheck) return null;
    const check = db.pragma('quick_check') as Array<{ quick_check: string }>;
    return quickCheckProblem(
      check.map((r) => r.quick_check),
      dbPath,
    );
  } catch (err) {
    return damagedBy(err, dbPath);
  }
}

export interface RepairOutcome {
  problems: string[];
  actions: string[];
  /** True when the file is healthy after the in-place steps; false when it must be rebuilt (`VACUUM INTO`). */
  healthy: boolean;
}

function integrityLines(db: Db): string[] {
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
}

/** Integrity check, foreign-key check and index rebuild on an open file. Safe to run again. */
export function checkInPlace(db: Db): RepairOutcome {
  const problems: string[] = [];
  const actions: string[] = [];
  const before = integrityLines(db);
  const damaged = !isWhole(before);
  actions.push('Ran the integrity check.');
  if (damaged) problems.push(`Integrity check: ${summary(before)}`);
  try {
    const orphans = db.pragma('foreign_key_check') as Array<{ table: string }>;
    const byTable = new Map<string, number>();
    for (const o of orphans) byTable.set(o.table, (byTable.get(o.table) ?? 0) + 1);
    for (const [table, n] of byTable) problems.push(`${n} row(s) of ${table} point to rows that do not exist.`);
  } catch (err) {
    problems.push(`Foreign-key check failed: ${(err as Error).message}`);
  }
  try {
    db.exec('REINDEX');
    actions.push('Rebuilt every index (REINDEX).');
  } catch (err) {
    actions.push(`Rebuilding the indexes failed: ${(err as Error).message}`);
  }
  if (!damaged) return { problems, actions, healthy: true };
  const after = integrityLines(db);
  const healthy = isWhole(after);
  actions.push(healthy ? 'The integrity check passes after the index rebuild.' : `Still damaged after the index rebuild: ${summary(after, 3)}`);
  return { problems, actions, healthy };
}

export function integrityOk(db: Db): boolean {
  return isWhole(integrityLines(db));
}
