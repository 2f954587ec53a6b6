/**
 * Bring a database to the latest schema: each migration in its own transaction, tracked by
 * `PRAGMA user_version`. A database written by a newer Retain is refused. A file database that
 * already holds data is backed up before it is migrated.
 */
import { AppError } from '../../shared/api/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
import type { Db } from './open-db';

export interface MigrateOptions {
  /** Called with the current version before the first migration runs on a non-empty database. */
  backup?: (fromVersion: number) => void;
  migrations?: readonly Migration[];
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, options: MigrateOptions = {}): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppError(
      'database_unavailable',
      `This collection was written by a newer version of Retain (schema ${from}; this version understands up to ${latest}). Update Retain to open it.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length > 0 && from > 0) options.backup?.(from);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: pending.length ? latest : from };
}

export { LATEST_SCHEMA_VERSION };
