/** Open the collection database with the pragmas every connection uses. */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

export type { Db };

/** Long enough for the commit of a large import by another process (measured: see the recovery tests). */
export const BUSY_TIMEOUT_MS = 60_000;

export interface OpenOptions {
  /** Path to a separately built better_sqlite3.node (the Electron host's copy). */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDb(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
    // Reading the schema fails at once on a file that is not SQLite or is corrupt.
    db.pragma('schema_version');
    if (path !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Every write transaction is IMMEDIATE, so a write waits here for another process's write
    // (an import on the command line holds the lock until its commit) instead of failing.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL + NORMAL is durable across application crashes; only an OS crash or power loss can drop the last commits.
    db.pragma('synchronous = NORMAL');
    if (!options.readonly) optimizeDb(db, 'open');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** How often a long-lived connection refreshes the planner's statistics (SQLite's advice: every few hours). */
export const OPTIMIZE_EVERY_MS = 3 * 60 * 60 * 1000;

/**
 * `PRAGMA optimize` as SQLite advises: with 0x10002 when a connection opens (statistics are
 * gathered for tables that have none yet), plain when it closes and every few hours. The
 * analysis limit keeps each run to milliseconds however large the collection. Best effort: the
 * queries are written so that no statistics can give them a plan that scans all cards.
 */
export function optimizeDb(db: Db, when: 'open' | 'periodic' | 'close'): void {
  if (db.inTransaction) return;
  // Never wait for another process's write (an import on the command line) to gather statistics.
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('analysis_limit = 400');
    db.pragma(when === 'open' ? 'optimize = 0x10002' : 'optimize');
  } catch {
    // A busy or read-only file keeps its old statistics.
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Copy the WAL into the file and empty it, so it does not keep space a small disk needs. Best
 * effort: on a full disk it fails and the WAL stays as it is, still correct.
 */
export function foldWal(db: Db): void {
  if (db.inTransaction) return;
  // Never wait for another process's write (an import on the command line) just to tidy up.
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Nothing is lost: the commits stay in the WAL.
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Raise the connection's page cache to `mib` MiB for a large write, and answer the function that
 * puts it back. SQLite's default cache is 2 MiB: a transaction that touches more pages than that
 * spills them to the WAL midway and reads some of them back, which a larger cache spares. The
 * cache grows only as pages are used, so a small write costs nothing more.
 */
export function raisePageCache(db: Db, mib: number): () => void {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${-mib * 1024}`);
  return () => {
    db.pragma(`cache_size = ${before}`);
  };
}
