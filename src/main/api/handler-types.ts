/**
 * Handler typing: one function per contract entry, from parsed input to output, and the services
 * handlers may ask for. Each handler group is a function of the services it names
 * (`Needs<'decks' | 'quiz'>`), so the composition root cannot build the table without them.
 */
import type { SyncJournal } from '../services/sync/sync-journal';
import type { SyncService } from '../services/sync/sync-service';
import type { AppStatus, DatabaseCheck } from '../../shared/api/app-contract';
import type { Method, Output, ParsedInput } from '../../shared/api/contract';
import type { Repos } from '../db/repos';
import type { BackupService } from '../services/backup-service';
import type { BrowseService } from '../services/browse-service';
import type { BuiltinDeckService } from '../services/builtin-deck-service';
import type { CardActionsService } from '../services/card-actions-service';
import type { DeckService } from '../services/deck-service';
import type { DeleteService } from '../services/delete-service';
import type { ExportService } from '../interchange/export/export-service';
import type { StagedImportService } from '../interchange/import/staged-imports';
import type { AppEvents } from './app-events';
import type { MediaStore } from '../services/media-store';
import type { NoteEditorService } from '../services/note-editor-service';
import type { OptimizerService } from '../services/optimizer-service';
import type { PlanService } from '../services/plan-service';
import type { PresetService } from '../services/preset-service';
import type { QueueService } from '../services/queue-service';
import type { QuizService } from '../services/quiz-service';
import type { ReadinessService } from '../services/readiness-service';
import type { ReviewService } from '../services/review-service';
import type { SettingsService } from '../services/settings-service';
import type { SimulateService } from '../services/simulate-service';
import type { StatsService } from '../services/stats-service';

export type Handler<M extends Method> = (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;

/** A domain's handlers: exactly the methods named in K. */
export type HandlerGroup<K extends Method> = { [M in K]: Handler<M> };

export type Handlers = HandlerGroup<Method>;

/** The collection's life and its backups: these answer whether or not the collection could be opened. */
export interface CollectionControl {
  status(): AppStatus;
  retry(): AppStatus;
  restoreBackup(name: string): Promise<AppStatus>;
  checkDatabase(): Promise<DatabaseCheck>;
  startFresh(): Promise<AppStatus>;
  backups: BackupService;
}

/** The services built on an open collection; rebuilt each time it is opened again. */
export interface LiveServices {
  repos: Repos;
  settings: SettingsService;
  queue: QueueService;
  decks: DeckService;
  builtinDecks: BuiltinDeckService;
  review: ReviewService;
  cardActions: CardActionsService;
  deletes: DeleteService;
  browse: BrowseService;
  quiz: QuizService;
  noteEditor: NoteEditorService;
  presets: PresetService;
  stats: StatsService;
  /** The interview planner, readiness per topic and the workload simulator. */
  plans: PlanService;
  readiness: ReadinessService;
  simulator: SimulateService;
  /** FSRS parameters fitted to a preset's history. */
  optimizer: OptimizerService;
  media: MediaStore;
  imports: StagedImportService;
  exports: ExportService;
  /** Pushed to the renderer by the host (import progress). */
  events: AppEvents;
  /** What each change records for other devices (off until sync is set up). */
  journal: SyncJournal;
  /** Sync with the other computers: target, sync now, the last report. */
  sync: SyncService;
}

/** Everything a handler may ask for while the collection is open. */
export type Services = CollectionControl & LiveServices;

/** The services a handler group declares it needs. */
export type Needs<K extends keyof Services> = Pick<Services, K>;
