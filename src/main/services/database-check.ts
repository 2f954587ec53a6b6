/**
 * "Check database": integrity check, index rebuild, and when the file is still damaged a rebuild
 * into a fresh file (`VACUUM INTO`) that replaces it once it passes its own check. A backup is
 * made first (or, for a file that cannot be opened as the collection, a whole copy is kept), the
 * damaged file is set aside rather than deleted, and a second run finds nothing to do.
 */
import { renameSync, rmSync } from 'node:fs';
import type { AppStatus, DatabaseCheck } from '../../shared/api/app-contract';
import type { Clock } from '../core/clock';
import { backupProblem, setAsideCollection } from '../db/backups';
import { checkInPlace, type CollectionProblem, type UnavailableReason } from '../db/collection-check';
import { openDb, type Db, type OpenOptions } from '../db/open-db';
import type { BackupService } from './backup-service';

const ADVICE: Record<UnavailableReason, string> = {
  empty: 'Restore the newest backup below, or start a new, empty collection; the empty file is kept, moved into the backups folder.',
  not_retain: 'Restore a backup below, or start a new, empty collection; either way this file is moved aside unchanged, never deleted.',
  damaged: 'Press “Check and repair” (it keeps a copy first), or restore the newest good backup below; the damaged file is kept either way.',
  newer_schema: 'Update Retain to open it. Restoring an older backup below moves this file aside unchanged, but what only it holds would not be in the restored collection.',
  read_only: 'Make the folder writable, then press “Try again”.',
  disk_full: 'Free some space on that disk, then press “Try again”; nothing saved before is lost.',
  unreadable: 'Press “Try again”, or restore a backup below; the current file is moved aside, never deleted.',
};

export function adviceFor(reason: UnavailableReason): string {
  return ADVICE[reason];
}

export interface DatabaseCheckContext {
  dbPath: string;
  backupDir: string;
  clock: Clock;
  openOptions: OpenOptions;
  db: () => Db | null;
  problem: () => CollectionProblem | null;
  backups: BackupService;
  reopen: () => void;
  closeLive: () => void;
  status: () => AppStatus;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/**
 * Copy every table, row by row through a table scan (never through an index), into a fresh file
 * with the same schema, then create the indexes there. Damaged indexes are left behind; a
 * damaged table makes the copy fail, and the caller keeps the original.
 */
function copyIntoFresh(damagedPath: string, fresh: string, openOptions: OpenOptions): string {
  const out = openDb(fresh, openOptions);
  try {
    out.pragma('foreign_keys = OFF');
    out.prepare('ATTACH DATABASE ? AS damaged').run(damagedPath);
    const schema = out
      .prepare<[], { type: string; name: string; sql: string }>("SELECT type, name, sql FROM damaged.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")
      .all();
    const tables = schema.filter((r) => r.type === 'table');
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    let rows = 0;
    out.transaction(() => {
      for (const t of tables) out.exec(t.sql);
      for (const t of tables) rows += out.prepare(`INSERT INTO main.${quote(t.name)} SELECT * FROM damaged.${quote(t.name)}`).run().changes;
      const seq = out.prepare("SELECT count(*) AS n FROM damaged.sqlite_master WHERE name = 'sqlite_sequence'").get() as { n: number };
      if (seq.n > 0) out.exec('DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM damaged.sqlite_sequence');
      for (const r of schema) if (r.type !== 'table') out.exec(r.sql);
      out.pragma(`user_version = ${String(out.pragma('damaged.user_version', { simple: true }))}`);
    }).immediate();
    out.exec('DETACH DATABASE damaged');
    return `${tables.length} tables, ${rows} rows`;
  } finally {
    out.close();
  }
}

/** Rebuild into a fresh file and put it in place when it passes its check. True when it did. */
function rebuild(c: DatabaseCheckContext, target: Db, live: boolean, actions: string[]): boolean {
  const fresh = `${c.dbPath}.rebuilt`;
  for (const ext of ['', '-wal', '-shm']) rmSync(fresh + ext, { force: true });
  let copied: string;
  try {
    copied = copyIntoFresh(c.dbPath, fresh, c.openOptions);
  } catch (err) {
    for (const ext of ['', '-wal', '-shm']) rmSync(fresh + ext, { force: true });
    actions.push(`Rebuilding the file failed (${message(err)}): restore a backup to recover.`);
    return false;
  }
  const bad = backupProblem(fresh, c.openOptions);
  if (bad) {
    rmSync(fresh, { force: true });
    actions.push(`The rebuilt file did not pass its check (${bad}): restore a backup to recover.`);
    return false;
  }
  const check = openDb(fresh, { ...c.openOptions, readonly: true });
  const kept = `${count(check, 'cards')} cards, ${count(check, 'review_log')} answers`;
  check.close();
  if (live) c.closeLive();
  else target.close();
  const folder = setAsideCollection(c.dbPath, c.backupDir, c.clock.now());
  renameSync(fresh, c.dbPath);
  actions.push(`Rebuilt the file from its tables (${copied}; ${kept}) with fresh indexes; the damaged file is kept in ${folder}.`);
  return true;
}

export async function runDatabaseCheck(c: DatabaseCheckContext): Promise<DatabaseCheck> {
  const started = performance.now();
  const problems: string[] = [];
  const actions: string[] = [];
  let backup: string | null = null;
  const done = (ok: boolean): DatabaseCheck => {
    if (ok && problems.length === 0) actions.push('No problems were found.');
    const status = c.status();
    return { ok: ok && status.state === 'ok', problems, actions, backup, durationMs: Math.round(performance.now() - started), status };
  };

  const live = c.db();
  if (live) {
    try {
      backup = (await c.backups.create('before-check')).name;
      actions.push(`Made a backup first: ${backup}.`);
    } catch (err) {
      actions.push(`No backup could be made first (${message(err)}); the check deletes nothing, so it went on.`);
    }
  }
  const p = c.problem();
  if (!live && p && p.reason !== 'damaged') {
    problems.push(p.message);
    actions.push(`Nothing was changed: a check cannot repair this. ${adviceFor(p.reason)}`);
    return done(false);
  }

  let target = c.db();
  if (!target) {
    const copy = setAsideCollection(c.dbPath, c.backupDir, c.clock.now(), 'copy');
    if (copy) actions.push(`Kept a copy of the file as it was in ${copy}.`);
    try {
      target = openDb(c.dbPath, c.openOptions);
    } catch (err) {
      problems.push(`The file cannot be opened: ${message(err)}`);
      actions.push('Nothing could be repaired: restore a backup.');
      return done(false);
    }
  }
  const outcome = checkInPlace(target);
  problems.push(...outcome.problems);
  actions.push(...outcome.actions);
  let healthy = outcome.healthy;
  let replaced = false;
  if (!healthy) {
    healthy = rebuild(c, target, live !== null, actions);
    replaced = healthy;
  }
  if (!live && target.open) target.close();
  if (!live || replaced) {
    c.backups.reset();
    c.reopen();
  }
  return done(healthy);
}
