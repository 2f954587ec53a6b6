/**
 * Backups of the collection file, in <dataDir>/backups: one before every migration, and one a
 * day at start-up. `VACUUM INTO` writes a consistent copy even while the WAL holds commits.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './open-db';

const KEEP = 7;
const DAY_MS = 86_400_000;

export interface BackupInfo {
  name: string;
  createdAt: number;
  bytes: number;
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The time written into a backup's name (by the app's clock), e.g. retain-20260101T040000Z-daily.db. */
function stampTime(name: string): number | null {
  const m = /^retain-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^retain-.*\.db$/.test(f))
    .map((name) => {
      const st = statSync(join(dir, name));
      return { name, createdAt: stampTime(name) ?? st.mtimeMs, bytes: st.size };
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

export function writeBackup(db: Db, dir: string, now: number, reason: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `retain-${stamp(now)}-${reason}.db`);
  if (existsSync(file)) rmSync(file);
  db.prepare('VACUUM INTO ?').run(file);
  for (const old of listBackups(dir).slice(KEEP)) rmSync(join(dir, old.name), { force: true });
  return file;
}

/** A daily backup, when the newest is older than a day. */
export function backupIfDue(db: Db, dir: string, now: number): void {
  const newest = listBackups(dir)[0];
  if (!newest || now - newest.createdAt > DAY_MS) writeBackup(db, dir, now, 'daily');
}

/**
 * Put a backup in place of the collection. The file it replaces is kept beside it as
 * `<name>.unreadable-<time>`, never deleted.
 */
export function restoreBackup(dbPath: string, dir: string, name: string, now: number): void {
  const src = join(dir, name);
  if (!/^retain-[\w.-]+\.db$/.test(name) || !existsSync(src)) throw new Error(`backup "${name}" not found`);
  if (existsSync(dbPath)) renameSync(dbPath, `${dbPath}.unreadable-${stamp(now)}`);
  for (const ext of ['-wal', '-shm']) rmSync(`${dbPath}${ext}`, { force: true });
  copyFileSync(src, dbPath);
}
