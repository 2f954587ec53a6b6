/**
 * The collection file's life: open it after checking it (never migrating or writing a file that
 * is empty, foreign, newer or damaged), report why it cannot be used, and the actions that fix
 * it: try again, restore a backup (undoable), check and repair the database. Nothing of the
 * current collection is deleted by any of them.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppStatus, LastRestore } from '../../shared/api/app-contract';
import { AppError } from '../../shared/api/errors';
import type { Clock } from '../core/clock';
import { backupProblem, installBackup, isBackupName, listBackups, removePartialBackups, setAsideCollection, writeBackupSync } from '../db/backups';
import { damagedBy, fileProblem, healthProblem, migrationPending, quickCheckProblem, type CollectionProblem } from '../db/collection-check';
import { migrate } from '../db/migrate';
import { foldWal, openDb, optimizeDb, OPTIMIZE_EVERY_MS, type Db, type OpenOptions } from '../db/open-db';
import { quickCheckInWorker, type QuickCheckOutcome, type RunningQuickCheck } from '../db/quick-check-worker';
import { diskFullMessage, readOnlyMessage, storageProblem } from '../db/storage-errors';
import { verifyBackupInWorker } from '../db/verify-backup';
import { createBackupService } from './backup-service';
import { adviceFor, runDatabaseCheck } from './database-check';

/** When no screen asks for the deck list (a host without a window), the start check runs after this long anyway. */
export const START_CHECK_GRACE_MS = 5_000;

export interface CollectionOptions {
  dataDir: string;
  dbPath: string;
  backupDir: string;
  clock: Clock;
  version: string;
  openOptions: OpenOptions;
  /** Build the app's services on the opened, migrated collection; a throw makes it unavailable. */
  onOpen: (db: Db) => void;
  onClose: () => void;
  onError?: (what: string, err: unknown) => void;
  /** The open collection became unavailable (its start check found damage). */
  onUnavailable?: () => void;
}

/** Fails when the folder cannot be written (a read-only disk, missing permission). An empty file needs no space, so a full disk passes. */
function probeWritable(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const probe = join(dir, `.write-test-${process.pid}`);
  writeFileSync(probe, '');
  rmSync(probe, { force: true });
}

export function describeOpenFailure(err: unknown, dataDir: string): CollectionProblem {
  switch (storageProblem(err)) {
    case 'read_only':
      return { reason: 'read_only', message: readOnlyMessage(dataDir, err) };
    case 'disk_full':
      return { reason: 'disk_full', message: diskFullMessage(dataDir) };
    case 'damaged':
      return { reason: 'damaged', message: `The collection file is damaged: ${(err as Error).message}.` };
    default:
      return { reason: 'unreadable', message: err instanceof Error ? err.message : String(err) };
  }
}

export function createCollectionService(o: CollectionOptions) {
  let db: Db | null = null;
  let problem: CollectionProblem | null = null;
  let lastRestore: LastRestore | null = null;
  let busy: string | null = null;
  const verified = new Map<string, boolean>();
  // The start check: an existing file opened without a migration is checked (`quick_check`) after
  // the first screen, in a worker thread on a read-only connection; a damaged file then closes.
  let generation = 0;
  let unchecked = false;
  let startCheck: { run: RunningQuickCheck; status: Promise<AppStatus> } | null = null;
  let graceTimer: NodeJS.Timeout | null = null;
  let optimizeTimer: NodeJS.Timeout | null = null;
  let startChecked: Promise<void> = Promise.resolve();
  let startCheckSettled: () => void = () => {};
  const backups = createBackupService({
    dir: o.backupDir,
    dataDir: o.dataDir,
    clock: o.clock,
    db: () => db,
    openOptions: o.openOptions,
    onError: (err) => o.onError?.('backup', err),
    // No backup of a file before it passed its check (and none before the first screen).
    firstTickAfter: () => startChecked,
  });

  function stopTimers(): void {
    if (graceTimer) clearTimeout(graceTimer);
    if (optimizeTimer) clearInterval(optimizeTimer);
    graceTimer = optimizeTimer = null;
  }

  function close(): void {
    generation++;
    stopTimers();
    startCheck?.run.cancel();
    startCheck = null;
    unchecked = false;
    startCheckSettled();
    if (!db) return;
    o.onClose();
    optimizeDb(db, 'close');
    db.close();
    db = null;
  }

  function open(): void {
    close();
    problem = null;
    startChecked = new Promise((settle) => (startCheckSettled = settle));
    let d: Db | undefined;
    let checkLater = false;
    try {
      probeWritable(o.dataDir);
      removePartialBackups(o.backupDir);
      problem = fileProblem(o.dbPath);
      if (problem) return;
      if (existsSync(o.dbPath)) {
        // Inspected read-only first: switching to WAL would write into a file that is not ours.
        const inspect = openDb(o.dbPath, { ...o.openOptions, readonly: true });
        try {
          // Before a migration writes into it, the file is checked in full at once; otherwise later.
          checkLater = !migrationPending(inspect);
          problem = healthProblem(inspect, o.dbPath, { quickCheck: !checkLater });
        } finally {
          inspect.close();
        }
        if (problem) return;
      }
      d = openDb(o.dbPath, o.openOptions);
      const opened = d;
      migrate(opened, { backup: (from) => writeBackupSync(opened, o.backupDir, o.clock.now(), `before-v${from + 1}`, o.openOptions) });
      db = opened;
      o.onOpen(opened);
      foldWal(opened);
      optimizeTimer = setInterval(() => optimizeDb(opened, 'periodic'), OPTIMIZE_EVERY_MS);
      optimizeTimer.unref();
      if (checkLater) {
        unchecked = true;
        graceTimer = setTimeout(() => void checkOpened(), START_CHECK_GRACE_MS);
        graceTimer.unref();
      }
    } catch (err) {
      if (db) o.onClose();
      db = null;
      if (d?.open) d.close();
      problem = describeOpenFailure(err, o.dataDir);
    } finally {
      if (!unchecked) startCheckSettled();
    }
  }

  function checkFound(m: QuickCheckOutcome): CollectionProblem | null {
    if ('lines' in m) return quickCheckProblem(m.lines, o.dbPath);
    if ('unreadable' in m) return damagedBy(new Error(m.unreadable), o.dbPath);
    // The thread could not run: that says nothing about the file, which stays open.
    o.onError?.('quick_check', new Error(m.error));
    return null;
  }

  /**
   * Run the start check now, if the open collection still waits for it; resolves with the status
   * after it (unavailable, with the backups offered, when the file is damaged).
   */
  function checkOpened(): Promise<AppStatus> {
    if (!db || !unchecked) return Promise.resolve(status());
    if (startCheck) return startCheck.status;
    if (graceTimer) clearTimeout(graceTimer);
    graceTimer = null;
    const gen = generation;
    const run = quickCheckInWorker(o.dbPath, o.openOptions);
    const after = run.outcome.then((m) => {
      // Closed or reopened meanwhile: this answer is about a connection that is gone.
      if (gen !== generation) return status();
      startCheck = null;
      unchecked = false;
      const found = checkFound(m);
      if (found) {
        close();
        problem = found;
        o.onUnavailable?.();
      }
      startCheckSettled();
      return status();
    });
    startCheck = { run, status: after };
    return after;
  }

  /** The newest backup that passes its check; each file is checked once per run. */
  function recommended(): string | null {
    for (const b of listBackups(o.backupDir)) {
      if (!verified.has(b.name)) verified.set(b.name, backupProblem(join(o.backupDir, b.name), o.openOptions) === null);
      if (verified.get(b.name)) return b.name;
    }
    return null;
  }

  function status(): AppStatus {
    const now = o.clock.now();
    if (db && !problem) return { state: 'ok', version: o.version, dataDir: o.dataDir, databasePath: o.dbPath, now, lastRestore };
    const p = problem ?? { reason: 'unreadable' as const, message: 'the collection is not open' };
    return {
      state: 'unavailable',
      version: o.version,
      databasePath: o.dbPath,
      reason: p.reason,
      message: p.message,
      advice: adviceFor(p.reason),
      backups: listBackups(o.backupDir),
      recommended: recommended(),
      lastRestore,
      now,
    };
  }

  async function exclusive<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (busy) throw new AppError('conflict', `${busy} is in progress; try again when it has finished`);
    busy = what;
    try {
      await backups.idle();
      return await run();
    } finally {
      busy = null;
    }
  }

  async function restore(name: string): Promise<AppStatus> {
    if (!isBackupName(name) || !existsSync(join(o.backupDir, name))) throw new AppError('not_found', `backup "${name}" not found`);
    const bad = await verifyBackupInWorker(join(o.backupDir, name), o.openOptions);
    if (bad) throw new AppError('conflict', `The backup ${name} cannot be used (${bad}); choose another one.`);
    return exclusive('A restore', async () => {
      // The current collection is backed up first, so the restore can be undone.
      const undo = db ? (await backups.create('before-restore')).name : null;
      if (db) foldWal(db);
      close();
      const now = o.clock.now();
      const setAside = setAsideCollection(o.dbPath, o.backupDir, now);
      try {
        installBackup(o.dbPath, o.backupDir, name);
      } catch (err) {
        // Put the collection back as it was: its files were only moved.
        if (setAside) for (const ext of ['', '-wal', '-shm']) moveBack(setAside, ext);
        open();
        throw err;
      }
      backups.reset();
      open();
      lastRestore = { restored: name, undoBackup: undo, setAside, at: now };
      return status();
    });
  }

  function moveBack(folder: string, ext: string): void {
    const from = join(folder, `${basename(o.dbPath)}${ext}`);
    if (existsSync(from) && !existsSync(`${o.dbPath}${ext}`)) renameSync(from, `${o.dbPath}${ext}`);
  }

  return {
    backups,
    open,
    close() {
      backups.stop();
      close();
    },
    status,
    db: () => db,
    checkOpened,
    /** The first screen was answered: the start check runs now, beside the app. */
    afterFirstScreen(): void {
      if (unchecked && !startCheck) setImmediate(() => void checkOpened());
    },
    /** What blocks other calls right now (a restore or a check), or null. */
    busy: () => busy,
    retry(): AppStatus {
      if (!db) open();
      return status();
    },
    restore,
    /** Move an unusable collection's files aside (never deleted) and start an empty one. */
    startFresh(): Promise<AppStatus> {
      if (db) return Promise.reject(new AppError('conflict', 'the collection is open; a new one is started only when it cannot be used'));
      if (problem?.reason === 'read_only' || problem?.reason === 'disk_full') {
        return Promise.reject(new AppError('conflict', `${problem.message} A new collection would meet the same problem.`));
      }
      return exclusive('Starting a new collection', async () => {
        const setAside = setAsideCollection(o.dbPath, o.backupDir, o.clock.now());
        backups.reset();
        open();
        lastRestore = { restored: null, undoBackup: null, setAside, at: o.clock.now() };
        return status();
      });
    },
    checkDatabase() {
      return exclusive('A database check', () =>
        runDatabaseCheck({ ...o, db: () => db, problem: () => problem, backups, reopen: open, closeLive: close, status }),
      );
    },
  };
}
export type CollectionService = ReturnType<typeof createCollectionService>;
