/** Open the collection database with the pragmas every connection uses. */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

export type { Db };

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
    db.pragma('busy_timeout = 5000');
    // WAL + NORMAL is durable across application crashes; only an OS crash or power loss can drop the last commits.
    db.pragma('synchronous = NORMAL');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
