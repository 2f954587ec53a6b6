/**
 * The composition root both hosts and the tests use: open the database → migrate → repos →
 * services → handlers → dispatch. When the collection cannot be opened (corrupt, unreadable, or
 * written by a newer Retain) the app still starts: every method but `app.status` and
 * `app.restoreBackup` answers `database_unavailable`, and the UI offers the backups.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppStatus } from '../shared/api/app-contract';
import { AppError } from '../shared/api/errors';
import { systemClock, type Clock } from './core/clock';
import { systemTimeZone } from './core/day';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { backupIfDue, listBackups, restoreBackup, writeBackup } from './db/backups';
import { migrate } from './db/migrate';
import { openDb, type Db } from './db/open-db';
import { createRepos, type Repos } from './db/repos';
import { createBuiltinDeckService } from './services/builtin-deck-service';
import { createDeckService } from './services/deck-service';
import { createExportService } from './services/export-service';
import { createImportService } from './services/import-service';
import { createMediaStore } from './services/media-store';
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
}

function createLiveServices(db: Db, options: AppOptions, clock: Clock) {
  const repos: Repos = createRepos(db);
  const timeZone = options.timeZone ?? systemTimeZone();
  const settings = createSettingsService(repos);
  const queue = createQueueService(repos, settings, clock, timeZone);
  const decks = createDeckService(repos, queue);
  const builtinDecks = createBuiltinDeckService(repos, clock);
  const review = createReviewService(repos, settings, queue, decks, clock);
  const quiz = createQuizService(repos, settings, decks, review, clock);
  const media = createMediaStore(options.dataDir);
  const imports = createImportService(repos, settings, decks, media, clock);
  const exports = createExportService(repos, decks, media, clock);
  return { repos, settings, queue, decks, builtinDecks, review, quiz, media, imports, exports, timeZone };
}
type LiveServices = ReturnType<typeof createLiveServices>;

export type Services = LiveServices & {
  status(): AppStatus;
  restoreBackup(name: string): AppStatus;
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

export function createApp(options: AppOptions): RetainApp {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true });
  const dbPath = join(options.dataDir, DB_FILE);
  const backupDir = join(options.dataDir, 'backups');
  let db: Db | null = null;
  let live: LiveServices | null = null;
  let failure = '';

  function open(): void {
    try {
      const d = openDb(dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      try {
        migrate(d, { backup: (from) => writeBackup(d, backupDir, clock.now(), `before-v${from + 1}`) });
        backupIfDue(d, backupDir, clock.now());
      } catch (err) {
        d.close();
        throw err;
      }
      db = d;
      live = createLiveServices(d, options, clock);
      if (options.decksDir) live.builtinDecks.sync(options.decksDir);
      live.decks.invalidate();
      failure = '';
    } catch (err) {
      db = null;
      live = null;
      failure = err instanceof Error ? err.message : String(err);
    }
  }

  function status(): AppStatus {
    if (live) return { state: 'ok', version: APP_VERSION, dataDir: options.dataDir, databasePath: dbPath, now: clock.now() };
    return {
      state: 'unavailable',
      version: APP_VERSION,
      databasePath: dbPath,
      message: failure,
      backups: listBackups(backupDir),
      now: clock.now(),
    };
  }

  open();

  const need = (): LiveServices => {
    if (!live) throw new AppError('database_unavailable', `The collection at ${dbPath} cannot be opened: ${failure}`);
    return live;
  };

  const services = {
    status,
    restoreBackup(name: string): AppStatus {
      if (live) throw new AppError('conflict', 'the collection is open; restoring is offered only when it cannot be read');
      try {
        restoreBackup(dbPath, backupDir, name, clock.now());
      } catch (err) {
        throw new AppError('not_found', (err as Error).message);
      }
      open();
      return status();
    },
    clock,
    dataDir: options.dataDir,
  } as Services;
  for (const key of ['repos', 'settings', 'queue', 'decks', 'builtinDecks', 'review', 'quiz', 'media', 'imports', 'exports', 'timeZone'] as const) {
    Object.defineProperty(services, key, { get: () => need()[key], enumerable: true });
  }

  // While an import is being written (one transaction, in chunks), only its progress and the status answer.
  const importGate = (method: string): AppError | null =>
    live?.imports.busy() && method !== 'import.progress' && method !== 'app.status'
      ? new AppError('conflict', 'An import is being written; try again when it has finished.')
      : null;
  const dispatch = createDispatch(createHandlers(services), {
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    gate: (method) =>
      live || method === 'app.status' || method === 'app.restoreBackup'
        ? importGate(method)
        : new AppError('database_unavailable', `The collection at ${dbPath} cannot be opened: ${failure}`),
  });

  return {
    dispatch,
    services,
    clock,
    dbPath,
    close() {
      db?.close();
      db = null;
      live = null;
    },
  };
}
