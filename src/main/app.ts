/**
 * The composition root both hosts and the tests use: check and open the database → migrate →
 * repos → services → handlers → dispatch. When the collection cannot be used (empty, foreign,
 * damaged, newer, read-only folder, full disk) the app still starts: only the recovery methods
 * answer, everything else gets `database_unavailable`, and the UI offers the backups.
 */
import { join } from 'node:path';
import type { AppStatus, DatabaseCheck } from '../shared/api/app-contract';
import { AppError } from '../shared/api/errors';
import { systemClock, type Clock } from './core/clock';
import { systemTimeZone } from './core/day';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import type { Db } from './db/open-db';
import { createRepos, type Repos } from './db/repos';
import { storageAppError } from './db/storage-errors';
import type { BackupService } from './services/backup-service';
import { createBuiltinDeckService } from './services/builtin-deck-service';
import { createDeckService } from './services/deck-service';
import { createExportService } from './services/export-service';
import { createImportService } from './services/import-service';
import { createCollectionService } from './services/collection-service';
import { createMediaStore, removeAbandonedStaging } from './services/media-store';
import { createQueueService } from './services/queue-service';
import { createQuizService } from './services/quiz-service';
import { createReviewService } from './services/review-service';
import { createSettingsService } from './services/settings-service';

export const APP_VERSION = '0.1.0';
export const DB_FILE = 'retain.db';

export interface AppOptions {
  /** Folder holding retain.db, backups/ and media/. */
  dataDir: string;
  /** Built-in deck files to install or update at start. */
  decksDir?: string;
  clock?: Clock;
  timeZone?: string;
  /** Path of a better_sqlite3.node built for Electron. */
  nativeBinding?: string;
  /** Log internal errors (hosts pass console.error). */
  onInternalError?: (method: string, err: unknown) => void;
  /** Check every minute whether a periodic backup is due (the hosts turn this on). */
  scheduleBackups?: boolean;
  /** Deliberate faults, for tests that must prove they can fail. Never set by the hosts' users. */
  faults?: { ackBeforeCommit?: boolean };
}

function createLiveServices(db: Db, options: AppOptions, clock: Clock) {
  const repos: Repos = createRepos(db);
  const timeZone = options.timeZone ?? systemTimeZone();
  const settings = createSettingsService(repos, timeZone);
  const queue = createQueueService(repos, settings, clock, timeZone);
  const decks = createDeckService(repos, queue);
  const builtinDecks = createBuiltinDeckService(repos, clock);
  const review = createReviewService(repos, settings, queue, decks, clock);
  const quiz = createQuizService(repos, settings, decks, review, queue, clock);
  const media = createMediaStore(options.dataDir);
  // The import worker opens untrusted collections with the same better-sqlite3 build as the host.
  const readerOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const imports = createImportService(repos, settings, decks, media, clock, timeZone, readerOptions);
  const exports = createExportService(repos, decks, media, clock);
  return { repos, settings, queue, decks, builtinDecks, review, quiz, media, imports, exports, timeZone };
}
type LiveServices = ReturnType<typeof createLiveServices>;

export type Services = LiveServices & {
  status(): AppStatus;
  retry(): AppStatus;
  restoreBackup(name: string): Promise<AppStatus>;
  checkDatabase(): Promise<DatabaseCheck>;
  startFresh(): Promise<AppStatus>;
  backups: BackupService;
  clock: Clock;
  dataDir: string;
};

export interface RetainApp {
  dispatch: Dispatch;
  services: Services;
  clock: Clock;
  dbPath: string;
  close(): void;
}

/**
 * Test-only fault for the crash test's negative control: answers are acknowledged while their
 * transaction is still open and committed up to 200 ms later, as a broken "group commit" would.
 */
function ackBeforeCommit(db: Db): () => void {
  let timer: NodeJS.Timeout | null = null;
  return () => {
    if (db.inTransaction) return;
    db.exec('BEGIN IMMEDIATE');
    timer ??= setTimeout(() => {
      timer = null;
      if (db.open && db.inTransaction) db.exec('COMMIT');
    }, 200);
  };
}

export function createApp(options: AppOptions): RetainApp {
  const clock = options.clock ?? systemClock;
  const dbPath = join(options.dataDir, DB_FILE);
  let live: LiveServices | null = null;
  let holdCommit: (() => void) | null = null;
  try {
    removeAbandonedStaging(options.dataDir);
  } catch (err) {
    // A read-only folder is reported by the collection check below; leftovers wait for the next start.
    options.onInternalError?.('removeAbandonedStaging', err);
  }
  const collection = createCollectionService({
    dataDir: options.dataDir,
    dbPath,
    backupDir: join(options.dataDir, 'backups'),
    clock,
    version: APP_VERSION,
    openOptions: options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    onOpen: (db) => {
      live = createLiveServices(db, options, clock);
      holdCommit = options.faults?.ackBeforeCommit ? ackBeforeCommit(db) : null;
      if (options.decksDir) {
        try {
          live.builtinDecks.sync(options.decksDir);
        } catch (err) {
          // The collection itself is fine; the built-in decks are installed at the next start.
          options.onInternalError?.('builtinDecks.sync', err);
        }
      }
      live.decks.invalidate();
    },
    onClose: () => {
      live = null;
    },
    onError: (what, err) => options.onInternalError?.(what, err),
  });
  collection.open();
  if (options.scheduleBackups) collection.backups.start();

  const unavailable = (): AppError => {
    const s = collection.status();
    return new AppError('database_unavailable', s.state === 'unavailable' ? s.message : 'the collection is not open');
  };
  const need = (): LiveServices => {
    if (!live) throw unavailable();
    return live;
  };
  /** A backup before a risky change; the change is refused when the backup cannot be made. */
  const backupBefore = async (reason: string): Promise<void> => {
    try {
      await collection.backups.create(reason);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new AppError(err instanceof AppError && err.code === 'disk_full' ? 'disk_full' : 'conflict', `No backup could be made first, so nothing was changed: ${why}`);
    }
  };

  const services = {
    status: collection.status,
    retry: collection.retry,
    restoreBackup: collection.restore,
    checkDatabase: collection.checkDatabase,
    startFresh: collection.startFresh,
    backups: collection.backups,
    clock,
    dataDir: options.dataDir,
  } as Services;
  for (const key of ['repos', 'settings', 'queue', 'decks', 'builtinDecks', 'review', 'quiz', 'media', 'imports', 'exports', 'timeZone'] as const) {
    Object.defineProperty(services, key, { get: () => need()[key], enumerable: true });
  }

  const handlers = createHandlers(services);
  const commitImport = handlers['import.commit'];
  handlers['import.commit'] = async (input) => {
    await backupBefore('before-import');
    return commitImport(input);
  };
  if (options.faults?.ackBeforeCommit) {
    const answer = handlers['review.answer'];
    handlers['review.answer'] = (input) => {
      holdCommit?.();
      return answer(input);
    };
  }

  const ALWAYS = new Set(['app.status', 'app.retry', 'app.restoreBackup', 'app.checkDatabase', 'app.startFresh', 'backups.list']);
  // While an import is being written (one transaction, in chunks), only its progress and the status answer.
  const gate = (method: string): AppError | null => {
    const busy = collection.busy();
    if (busy && method !== 'app.status') return new AppError('conflict', `${busy} is in progress; try again when it has finished.`);
    if (!live) return ALWAYS.has(method) ? null : unavailable();
    return live.imports.busy() && method !== 'import.progress' && method !== 'app.status'
      ? new AppError('conflict', 'An import is being written; try again when it has finished.')
      : null;
  };
  const dispatch = createDispatch(handlers, {
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    gate,
    describeError: (err) => storageAppError(err, options.dataDir),
  });

  return {
    dispatch,
    services,
    clock,
    dbPath,
    close() {
      collection.close();
    },
  };
}
