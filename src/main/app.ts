/**
 * The composition root both hosts and the tests use: check and open the database → migrate →
 * repos → services → handlers → dispatch. When the collection cannot be used (empty, foreign,
 * damaged, newer, read-only folder, full disk) the app still starts: only the recovery methods
 * answer, everything else gets `database_unavailable`, and the UI offers the backups.
 */
import { join } from 'node:path';
import type { Method } from '../shared/api/contract';
import { AppError } from '../shared/api/errors';
import { systemClock, type Clock } from './core/clock';
import { systemTimeZone } from './core/day';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import type { CollectionControl, Handlers, LiveServices, Services } from './api/handler-types';
import { recoveryHandlers } from './api/handlers/recovery-handlers';
import type { Db } from './db/open-db';
import { createRepos } from './db/repos';
import { storageAppError } from './db/storage-errors';
import { createBrowseService } from './services/browse-service';
import { createBuiltinDeckService } from './services/builtin-deck-service';
import { createDeckService } from './services/deck-service';
import { createExportService } from './interchange/export/export-service';
import { createImportService } from './interchange/import/import-service';
import { withUploadStaging } from './interchange/import/staged-imports';
import { createUploadStaging, removeAbandonedUploads, type UploadStaging } from './interchange/import/upload-staging';
import { createAppEvents, type AppEvents } from './api/app-events';
import { createCardActionsService } from './services/card-actions-service';
import { createCollectionService } from './services/collection-service';
import { createDeleteService } from './services/delete-service';
import { applyCardsOfNote } from './services/sync/apply-cards';
import { createCardEvents } from './services/sync/card-events';
import { createMediaStore, removeAbandonedStaging } from './services/media-store';
import { createNoteEditorService } from './services/note-editor-service';
import { createOptimizerService } from './services/optimizer-service';
import { createQueueService } from './services/queue-service';
import { createQuizService } from './services/quiz-service';
import { createReviewService } from './services/review-service';
import { createSettingsService } from './services/settings-service';
import { createPresetService } from './services/preset-service';
import { createStatsService } from './services/stats-service';
import { createPlanScope } from './services/plan-scope';
import { createPlanService } from './services/plan-service';
import { createReadinessService } from './services/readiness-service';
import { createSimulateService } from './services/simulate-service';
import { createSyncJournal } from './services/sync/sync-journal';
import { createSyncService } from './services/sync/sync-service';
import { createMemorySecretStore } from './services/sync/memory-secret-store';
import type { SecretStore } from './services/sync/sync-service-types';

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
  /** The import reader thread's script to run instead of the one found beside the code (the bench runs the built one). */
  importWorkerFile?: string;
  /** Log internal errors (hosts pass console.error). */
  onInternalError?: (method: string, err: unknown) => void;
  /** Check every minute whether a periodic backup is due (the hosts turn this on). */
  scheduleBackups?: boolean;
  /** Deliberate faults, for tests that must prove they can fail. Never set by the hosts' users. */
  faults?: { ackBeforeCommit?: boolean };
  /** Where the WebDAV password is kept (Electron: the system keychain); this run's memory unless set. */
  secretStore?: SecretStore;
  /** Sync on its own: at start, after changes, now and then (the hosts turn this on). */
  autoSync?: boolean;
}

/** What outlives a reopened collection: the event bus the hosts listen to and the staged import files. */
interface AppWide {
  events: AppEvents;
  uploads: UploadStaging;
  secrets: SecretStore;
}

function createLiveServices(db: Db, options: AppOptions, clock: Clock, wide: AppWide): LiveServices {
  const repos = createRepos(db);
  const journal = createSyncJournal(repos.sync, clock);
  const timeZone = options.timeZone ?? systemTimeZone();
  const settings = createSettingsService(repos, timeZone, journal);
  const queue = createQueueService(repos, settings, clock, timeZone);
  const decks = createDeckService(repos, queue, clock, journal);
  const builtinDecks = createBuiltinDeckService(repos, clock, journal);
  const review = createReviewService(repos, settings, queue, decks, clock, journal);
  const cardActions = createCardActionsService(repos, settings, queue, decks, clock, Math.random, journal);
  const deletes = createDeleteService(repos, cardActions, decks, journal, (guid) => applyCardsOfNote({ repos, settings, journal, clock, timeZone }, guid, false));
  const quiz = createQuizService(repos, settings, decks, review, queue, clock, journal);
  const media = createMediaStore(options.dataDir);
  // The import worker opens untrusted collections with the same better-sqlite3 build as the host.
  const readerOptions = {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.importWorkerFile ? { workerFile: options.importWorkerFile } : {}),
  };
  // Sync: an Anki schedule imported onto cards the journal recorded is recorded as their new state.
  const importedStates = createCardEvents(repos, journal);
  const imports = withUploadStaging(
    createImportService(repos, settings, decks, media, clock, timeZone, readerOptions, (ids) => importedStates.states(ids)),
    wide.uploads,
  );
  const exports = createExportService(repos, decks, media, clock);
  const noteEditor = createNoteEditorService(repos, decks, clock, journal);
  const presets = createPresetService(repos, settings, decks, clock, journal);
  const browse = createBrowseService(repos, settings, clock);
  const stats = createStatsService(repos, settings, decks, clock);
  const planScope = createPlanScope(repos, settings, decks);
  const plans = createPlanService(repos, settings, decks, planScope, queue.plan, clock, journal);
  const readiness = createReadinessService(repos, planScope, clock);
  const simulator = createSimulateService(repos, settings, decks, planScope, clock);
  const optimizer = createOptimizerService(repos, settings);
  const sync = createSyncService({ repos, settings, journal, clock, timeZone, invalidateDecks: () => decks.invalidate(), media, events: wide.events, secrets: wide.secrets }, { auto: options.autoSync === true });
  return { repos, settings, queue, decks, builtinDecks, review, cardActions, deletes, browse, quiz, noteEditor, presets, stats, plans, readiness, simulator, optimizer, media, imports, exports, events: wide.events, journal, sync };
}

export type { CollectionControl, Services } from './api/handler-types';

export interface RetainApp {
  dispatch: Dispatch;
  /** The services on the open collection; reading it while the collection is unavailable throws `database_unavailable`. */
  readonly services: Services;
  /** Status, recovery and backups: these work whether or not the collection could be opened. */
  collection: CollectionControl;
  clock: Clock;
  dbPath: string;
  close(): void;
  /** Events for the hosts to push to the renderer (import progress). */
  events: AppEvents;
  /** The import staging area (the browser host streams uploads into it). */
  uploads: UploadStaging;
  /** Run the collection's start check now (else it runs after the first screen); resolves with the status after it. */
  startCheck(): Promise<ReturnType<CollectionControl['status']>>;
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
  /** The services and handler table on the open collection; null while it is closed or unavailable. */
  let current: { services: Services; handlers: Handlers } | null = null;
  const wide: AppWide = { events: createAppEvents(), uploads: createUploadStaging(options.dataDir, clock), secrets: options.secretStore ?? createMemorySecretStore() };
  try {
    removeAbandonedStaging(options.dataDir);
    removeAbandonedUploads(options.dataDir);
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
      const services: Services = { ...createLiveServices(db, options, clock, wide), ...control };
      if (options.decksDir) {
        try {
          services.builtinDecks.sync(options.decksDir);
        } catch (err) {
          // The collection itself is fine; the built-in decks are installed at the next start.
          options.onInternalError?.('builtinDecks.sync', err);
        }
      }
      services.decks.invalidate();
      current = { services, handlers: withSafeguards(createHandlers(services), db) };
    },
    onClose: () => {
      current?.services.sync.stop();
      current = null;
    },
    onError: (what, err) => options.onInternalError?.(what, err),
    onUnavailable: () => wide.events.publish({ type: 'collection.unavailable' }),
  });
  const control: CollectionControl = {
    status: collection.status,
    retry: collection.retry,
    restoreBackup: collection.restore,
    checkDatabase: collection.checkDatabase,
    startFresh: collection.startFresh,
    backups: collection.backups,
  };
  // What answers while the collection cannot be opened.
  const recovery = recoveryHandlers(control);

  /** A backup before a risky change; the change is refused when the backup cannot be made. */
  const backupBefore = async (reason: string): Promise<void> => {
    try {
      await collection.backups.create(reason);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new AppError(err instanceof AppError && err.code === 'disk_full' ? 'disk_full' : 'conflict', `No backup could be made first, so nothing was changed: ${why}`);
    }
  };
  function withSafeguards(handlers: Handlers, db: Db): Handlers {
    // The collection's start check (quick_check) waits until the first screen has its deck list.
    const listDecks = handlers['decks.list'];
    handlers['decks.list'] = (input) => {
      try {
        return listDecks(input);
      } finally {
        collection.afterFirstScreen();
      }
    };
    const commitImport = handlers['import.commit'];
    handlers['import.commit'] = async (input) => {
      await backupBefore('before-import');
      return commitImport(input);
    };
    const deleteNotes = handlers['notes.delete'];
    handlers['notes.delete'] = async (input) => {
      await backupBefore('before-delete');
      return deleteNotes(input);
    };
    // An edit that deletes cards (a cloze number or a reverse side removed, confirmed by the user)
    // takes their review history and quiz answers with them: a backup keeps them.
    const updateNote = handlers['notes.update'];
    handlers['notes.update'] = async (input) => {
      if (input.confirmDelete && input.confirmDelete.length > 0) await backupBefore('before-delete');
      return updateNote(input);
    };
    const deleteDeck = handlers['decks.delete'];
    handlers['decks.delete'] = async (input) => {
      await backupBefore('before-delete');
      return deleteDeck(input);
    };
    if (options.faults?.ackBeforeCommit) {
      const holdCommit = ackBeforeCommit(db);
      const answer = handlers['review.answer'];
      handlers['review.answer'] = (input) => {
        holdCommit();
        return answer(input);
      };
    }
    return handlers;
  }

  collection.open();
  if (options.scheduleBackups) collection.backups.start();

  const unavailable = (): AppError => {
    const s = collection.status();
    return new AppError('database_unavailable', s.state === 'unavailable' ? s.message : 'the collection is not open');
  };
  // While an import is being written (one transaction, in chunks), only its progress and the status answer.
  const gate = (method: Method): AppError | null => {
    const busy = collection.busy();
    if (busy && method !== 'app.status') return new AppError('conflict', `${busy} is in progress; try again when it has finished.`);
    if (!current) return Object.hasOwn(recovery, method) ? null : unavailable();
    return current.services.imports.busy() && method !== 'import.progress' && method !== 'app.status'
      ? new AppError('conflict', 'An import is being written; try again when it has finished.')
      : null;
  };
  const dispatch = createDispatch(() => current?.handlers ?? recovery, {
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    gate,
    describeError: (err) => storageAppError(err, options.dataDir),
  });

  return {
    dispatch,
    get services(): Services {
      if (!current) throw unavailable();
      return current.services;
    },
    collection: control,
    clock,
    dbPath,
    close() {
      collection.close();
      wide.uploads.clear();
    },
    events: wide.events,
    uploads: wide.uploads,
    startCheck: collection.checkOpened,
  };
}
