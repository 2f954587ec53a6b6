/**
 * Backup files of the collection, in <dataDir>/backups. A backup is written under a temporary
 * name, checked (it opens, passes `quick_check`, and is a Retain collection), flushed to disk and
 * only then renamed to its final name, so a backup that is listed is whole. Nothing of the
 * current collection is ever deleted: a restore moves the collection's files (with its WAL)
 * into a `set-aside-<time>` folder beside the backups.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo, BackupSettings } from '../../shared/api/app-contract';
import { backupsToRemove } from '../core/backup-schedule';
import { isRetainSchema } from './collection-check';
import { openDb, type Db, type OpenOptions } from './open-db';
import { verifyBackupInWorker } from './verify-backup';

const NAME = /^retain-[\w.-]+\.db$/;
const TEMP_PREFIX = '.partial-';

export function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The time written into a backup's name (by the app's clock), e.g. retain-20260101T040000Z-daily.db. */
function stampTime(name: string): number | null {
  const m = /^retain-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function isBackupName(name: string): boolean {
  return NAME.test(name);
}

export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => NAME.test(f))
    .map((name) => {
      const st = statSync(join(dir, name));
      return { name, createdAt: stampTime(name) ?? st.mtimeMs, bytes: st.size };
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/** A name not yet taken: two backups in the same second get -2, -3… */
function freshName(dir: string, now: number, reason: string): string {
  const base = `retain-${stamp(now)}-${reason}`;
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base}.db` : `${base}-${i}.db`;
    if (!existsSync(join(dir, name))) return name;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Null when the file is a whole Retain collection, else what is wrong with it. */
export function backupProblem(path: string, openOptions: OpenOptions = {}): string | null {
  let db: Db | undefined;
  try {
    db = openDb(path, { ...openOptions, readonly: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return `quick_check: ${String(check)}`;
    if (!isRetainSchema(db)) return 'not a Retain collection';
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    db?.close();
  }
}

/** A backup is one self-contained file: no WAL, so it can be read on a read-only or full disk. */
function selfContained(tmp: string, openOptions: OpenOptions): void {
  const copy = new Database(tmp, openOptions.nativeBinding ? { nativeBinding: openOptions.nativeBinding } : {});
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Flush the checked temporary file and give it its final name. */
function publish(tmp: string, dir: string, name: string, problem: string | null): BackupInfo {
  if (problem) throw new Error(`the backup did not pass its check (${problem})`);
  fsyncPath(tmp);
  renameSync(tmp, join(dir, name));
  try {
    fsyncPath(dir);
  } catch {
    // Some systems cannot fsync a folder; the rename is still atomic.
  }
  return { name, createdAt: stampTime(name) ?? Date.now(), bytes: statSync(join(dir, name)).size };
}

/** A temporary file name in the backups folder for a new backup, and the name it will get. */
function newBackupFile(dir: string, now: number, reason: string): { name: string; tmp: string } {
  mkdirSync(dir, { recursive: true });
  const name = freshName(dir, now, reason);
  return { name, tmp: join(dir, `${TEMP_PREFIX}${name}`) };
}

/** A backup through SQLite's online backup API while the app keeps running; checked in a worker thread. */
export async function writeBackup(db: Db, dir: string, now: number, reason: string, openOptions: OpenOptions = {}): Promise<BackupInfo> {
  const { name, tmp } = newBackupFile(dir, now, reason);
  try {
    await db.backup(tmp);
    selfContained(tmp, openOptions);
    return publish(tmp, dir, name, await verifyBackupInWorker(tmp, openOptions));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The same, synchronously (`VACUUM INTO`), for the backup that must exist before a migration runs. */
export function writeBackupSync(db: Db, dir: string, now: number, reason: string, openOptions: OpenOptions = {}): BackupInfo {
  const { name, tmp } = newBackupFile(dir, now, reason);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    selfContained(tmp, openOptions);
    return publish(tmp, dir, name, backupProblem(tmp, openOptions));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Delete the backups the retention settings no longer keep. */
export function pruneBackups(dir: string, now: number, settings: BackupSettings): string[] {
  const removed = backupsToRemove(listBackups(dir), now, settings).map((b) => b.name);
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}

/** Remove temporary files of backups that were cut off (the app stopped while writing one). */
export function removePartialBackups(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.startsWith(TEMP_PREFIX)) rmSync(join(dir, f), { force: true });
}

/**
 * Move (or copy) the collection file and its -wal and -shm companions, together, into
 * <backups>/set-aside-<time>/. Returns that folder, or null when there was no file.
 */
export function setAsideCollection(dbPath: string, dir: string, now: number, mode: 'move' | 'copy' = 'move'): string | null {
  const files = ['', '-wal', '-shm'].map((ext) => `${dbPath}${ext}`).filter((p) => existsSync(p));
  if (files.length === 0) return null;
  mkdirSync(dir, { recursive: true });
  let folder = join(dir, `set-aside-${stamp(now)}`);
  for (let i = 2; existsSync(folder); i++) folder = join(dir, `set-aside-${stamp(now)}-${i}`);
  mkdirSync(folder);
  const base = basename(dbPath);
  // The main file last: a -wal without its database is harmless, a database without its -wal is not.
  for (const path of [...files].reverse()) {
    const to = join(folder, base + path.slice(dbPath.length));
    if (mode === 'move') renameSync(path, to);
    else copyFileSync(path, to);
  }
  return folder;
}

/** Copy a backup into place as the collection file (written beside it, flushed, then renamed). */
export function installBackup(dbPath: string, dir: string, name: string): void {
  const src = join(dir, name);
  if (!NAME.test(name) || !existsSync(src)) throw new Error(`backup "${name}" not found`);
  const tmp = `${dbPath}.restoring`;
  try {
    copyFileSync(src, tmp);
    fsyncPath(tmp);
    renameSync(tmp, dbPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
