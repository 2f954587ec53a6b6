/**
 * Backups on a schedule: every `intervalMinutes` of use when something changed, and before
 * imports, database checks and restores; old ones thinned by the retention settings. One backup
 * runs at a time. A backup that fails is reported (and logged) but never makes the collection
 * unavailable.
 */
import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { backupSettingsSchema, DEFAULT_BACKUP_SETTINGS, type BackupInfo, type BackupSettings, type BackupsView } from '../../shared/api/app-contract';
import { AppError } from '../../shared/api/errors';
import { periodicBackupDue } from '../core/backup-schedule';
import type { Clock } from '../core/clock';
import { listBackups, pruneBackups, writeBackup } from '../db/backups';
import { foldWal, type Db, type OpenOptions } from '../db/open-db';
import { createSettingsRepo } from '../db/repos/settings-repo';
import { diskFullMessage, storageProblem } from '../db/storage-errors';

const SETTINGS_KEY = 'backups';
const TICK_MS = 60_000;

export interface BackupServiceOptions {
  dir: string;
  dataDir: string;
  clock: Clock;
  /** The open collection, or null while it is unavailable. */
  db: () => Db | null;
  openOptions?: OpenOptions;
  onError?: (err: unknown) => void;
  /** The first scheduled check waits for this (the collection's start check). */
  firstTickAfter?: () => Promise<unknown>;
}

export function createBackupService(o: BackupServiceOptions) {
  let chain: Promise<unknown> = Promise.resolve();
  let lastError: string | null = null;
  /** Changes seen at the last backup; null when unknown (a fresh start). */
  let markAtBackup: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  function changeMark(db: Db): string {
    const own = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return `${own}:${String(db.pragma('data_version', { simple: true }))}`;
  }

  function settings(): BackupSettings {
    const db = o.db();
    if (!db) return DEFAULT_BACKUP_SETTINGS;
    const stored = backupSettingsSchema.partial().safeParse(createSettingsRepo(db).get(SETTINGS_KEY) ?? {});
    return { ...DEFAULT_BACKUP_SETTINGS, ...(stored.success ? stored.data : {}) };
  }

  function view(): BackupsView {
    return { backups: listBackups(o.dir), settings: settings(), folder: o.dir, lastError };
  }

  /** Changed since the newest backup: by this run's change counter, or at start by the files' times. */
  function changedSinceBackup(db: Db): boolean {
    if (markAtBackup !== null) return changeMark(db) !== markAtBackup;
    const newest = listBackups(o.dir)[0];
    if (!newest) return true;
    const backupTime = statSync(join(o.dir, newest.name)).mtimeMs;
    const dbPath = db.name;
    return [dbPath, `${dbPath}-wal`].some((p) => existsSync(p) && statSync(p).mtimeMs > backupTime);
  }

  /** Queue a backup after any running one. Rejects with the reason when it fails. */
  function create(reason: string): Promise<BackupInfo> {
    const run = async (): Promise<BackupInfo> => {
      const db = o.db();
      if (!db) throw new AppError('database_unavailable', 'the collection is not open, so there is nothing to back up');
      const mark = changeMark(db);
      try {
        foldWal(db);
        const info = await writeBackup(db, o.dir, o.clock.now(), reason, o.openOptions);
        markAtBackup = mark;
        lastError = null;
        pruneBackups(o.dir, o.clock.now(), settings());
        return info;
      } catch (err) {
        const full = storageProblem(err) === 'disk_full';
        lastError = full ? diskFullMessage(o.dataDir) : `The backup failed: ${err instanceof Error ? err.message : String(err)}`;
        o.onError?.(err);
        throw full ? new AppError('disk_full', lastError) : err;
      }
    };
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  }

  /** Make the periodic backup when it is due. Never throws: a failure is kept in `lastError`. */
  async function tick(): Promise<BackupInfo | null> {
    const db = o.db();
    if (!db) return null;
    const newest = listBackups(o.dir)[0];
    if (!periodicBackupDue(newest?.createdAt ?? null, o.clock.now(), changedSinceBackup(db), settings())) return null;
    return create('periodic').catch(() => null);
  }

  return {
    settings,
    view,
    create,
    tick,
    updateSettings(patch: Partial<BackupSettings>): BackupsView {
      const db = o.db();
      if (!db) throw new AppError('database_unavailable', 'the collection is not open');
      const next = backupSettingsSchema.parse({ ...settings(), ...patch });
      createSettingsRepo(db).set(SETTINGS_KEY, next);
      pruneBackups(o.dir, o.clock.now(), next);
      return view();
    },
    /** Wait for the running backup, if any. */
    idle(): Promise<void> {
      return chain.then(() => undefined);
    },
    /** Forget what the last backup saw (the collection file was replaced). */
    reset(): void {
      markAtBackup = null;
    },
    /** Check every minute, off the start path; the first check runs once the collection's start check is done. */
    start(): void {
      if (timer) return;
      void (o.firstTickAfter?.() ?? Promise.resolve()).then(() => {
        if (timer) void tick();
      });
      timer = setInterval(() => void tick(), TICK_MS);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
export type BackupService = ReturnType<typeof createBackupService>;
