/**
 * Import of deck files into the collection: detect the format, read it with the matching reader
 * (Retain deck JSON, delimited text, Markdown through the deck generator, Anki .apkg, bare Anki
 * collection), compare it with the collection, and write it.
 *
 * Rules:
 * - A note whose GUID is already in the collection is updated in place (content, tags, section;
 *   its cards stay in their decks and keep their review history). Identical content → unchanged.
 *   Cards the file has and the note lacks are added.
 * - A new note whose front equals the front of another note in the same deck (in the file or in
 *   the collection) is imported anyway and reported as a warning "duplicate front of note …":
 *   real Anki decks hold such pairs on purpose (the same word in two lessons). Rows a reader
 *   rejects, and a GUID repeated inside one file, are skipped with their reason and location.
 * - `deckName` in the options sends every card to that deck; otherwise cards go to the decks the
 *   file names.
 * - Anki cards keep their schedule (type, due date, interval) when they are new in Retain or have
 *   no history there; their FSRS memory state is the replay of the answers that count by Anki's
 *   rule (written as review-log rows of kind 3: imported, no undo snapshot), or, for a history
 *   cut short or missing, Anki's stored state or SM-2 data; see anki-schedule-import.ts. Anki's
 *   suspended flag is kept.
 * - Imported HTML loses all active content before it is stored (scripts, event handlers,
 *   javascript: URLs, frames, forms, meta/base, CSS that loads anything: interchange/import/clean-html.ts);
 *   the renderer sanitizes again when a card is shown.
 * - Media files go to <dataDir>/media. A name already used by a different file gets a
 *   "-<hash>" suffix, and the imported notes are rewritten to refer to the new name.
 * - The file is read in a worker thread (import-worker-runner.ts) with a heap and a time limit, so
 *   other calls are answered while it is read and a runaway file cannot take the app down. The
 *   reader hands the notes over in batches as it goes (read-messages.ts, note-batch.ts).
 * - The write is one transaction, written batch by batch as the reader delivers them, yielding
 *   to the event loop between batches so progress can be reported (other calls wait meanwhile).
 *   Any failure, of the reading included, rolls everything back, media files included.
 *
 * The steps live beside this file: read-messages.ts (read, in the worker), plan-import.ts and
 * plan-media.ts (compare with the collection), clean-notes.ts (HTML cleaning, media renames),
 * import-preview.ts, import-jobs.ts (progress), write-import.ts (write, with history replay).
 */
import { randomUUID } from 'node:crypto';
import type { ImportOptions, ImportPreview, ImportProgress, ImportResult } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import type { Clock } from '../../core/clock';
import { systemTimeZone } from '../../core/day';
import type { Repos } from '../../db/repos';
import type { DeckService } from '../../services/deck-service';
import type { MediaStore } from '../../services/media-store';
import type { SettingsService } from '../../services/settings-service';
import { checkImportSize, toImportFailed } from './import-failure';
import { createImportJobs } from './import-jobs';
import type { ReadImport } from './import-plan-types';
import { previewOf } from './import-preview';
import { sourceSize, type ImportSource } from './import-read';
import { prepareImportWorker, readImportFileInWorker, streamImportFileInWorker, type ImportWorkerOptions } from './import-worker-runner';
import { createImportPlanner, type ImportPlanner } from './plan-import';
import { writeImport, type ReadMessages, type WriteDeps, type WriteOutcome } from './write-import';
import { ImportError } from '../formats/bundle';

export { detectImportFormat, type ImportSource } from './import-read';
export { stripActiveHtml } from './clean-notes';
export type { ReadImport } from './import-plan-types';

export interface CommitOptions {
  jobId?: string;
  /** Called after each chunk (the CLI prints a progress line). */
  onProgress?: (p: ImportProgress) => void;
}

export function createImportService(
  repos: Repos,
  settings: SettingsService,
  decks: DeckService,
  mediaStore: MediaStore,
  clock: Clock,
  timeZone: string = systemTimeZone(),
  workerOptions: ImportWorkerOptions = {},
  recordStates?: WriteDeps['recordStates'],
) {
  const jobs = createImportJobs(clock);
  const writeDeps: WriteDeps = { repos, settings, decks, mediaStore, clock, timeZone, jobs, ...(recordStates ? { recordStates } : {}) };

  /** What the reader thread sends for a file (see read-messages), or what an earlier read kept. */
  function messagesOf(given: ImportSource | ReadImport, options: ImportOptions): ReadMessages {
    if ('messages' in given) return given.messages;
    checkImportSize(given.fileName, sourceSize(given));
    return streamImportFileInWorker(given, options, workerOptions);
  }

  /** Read a file whole in the worker thread and keep what it sent (see ReadImport); a failure names the file. */
  async function readSource(src: ImportSource, options: ImportOptions): Promise<ReadImport> {
    checkImportSize(src.fileName, sourceSize(src));
    try {
      return { fileName: src.fileName, size: sourceSize(src), messages: await readImportFileInWorker(src, options, workerOptions) };
    } catch (err) {
      throw toImportFailed(src.fileName, err);
    }
  }

  /** Read the file (unless given already read) and compare it with the collection, writing nothing. */
  async function preview(given: ImportSource | ReadImport, options: ImportOptions = {}): Promise<ImportPreview> {
    const src = { fileName: given.fileName, size: 'messages' in given ? given.size : sourceSize(given) };
    try {
      let planner: ImportPlanner | undefined;
      for await (const m of messagesOf(given, options)) {
        if (m.kind === 'head') planner = createImportPlanner(src, m, options, repos, mediaStore);
        else if (!planner) break;
        else if (m.kind === 'notes') planner.plan(m.batch);
        else return previewOf(planner.summary(m.skipped));
      }
      throw new ImportError(src.fileName, '', 'the file was not read to its end');
    } catch (err) {
      throw toImportFailed(src.fileName, err);
    }
  }

  /** `commit`, also returning every skipped row and warning (the command line lists them). */
  async function commitWithIssues(given: ImportSource | ReadImport, options: ImportOptions = {}, commitOptions: CommitOptions = {}): Promise<WriteOutcome> {
    if (jobs.active !== null) throw new AppError('conflict', 'another import is being written; wait for it to finish');
    const jobId = commitOptions.jobId ?? randomUUID();
    if (jobs.running(jobId)) throw new AppError('conflict', `import job ${jobId} is already running`);
    jobs.active = jobId;
    jobs.start(jobId);
    const src = { fileName: given.fileName, size: 'messages' in given ? given.size : sourceSize(given) };
    try {
      return await writeImport(src, messagesOf(given, options), options, writeDeps, jobId, commitOptions.onProgress);
    } catch (err) {
      const failure = toImportFailed(given.fileName, err);
      jobs.set(jobId, { state: 'failed', message: failure.message }, commitOptions.onProgress);
      throw failure;
    } finally {
      jobs.active = null;
    }
  }

  return {
    /** True while an import is being written (other calls wait for it to finish). */
    busy(): boolean {
      return jobs.writing;
    },
    /** Read the file and compare it with the collection; writes nothing. */
    preview,
    /** Read and write the file in one transaction; a failure writes nothing. */
    async commit(src: ImportSource | ReadImport, options: ImportOptions = {}, commitOptions: CommitOptions = {}): Promise<ImportResult> {
      return (await commitWithIssues(src, options, commitOptions)).result;
    },
    commitWithIssues,
    readSource,
    /** Get a reader thread ready for a file about to be read (see prepareImportWorker). */
    prepareReader(): void {
      prepareImportWorker(workerOptions);
    },
    progress(jobId: string): ImportProgress {
      return jobs.progress(jobId);
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
