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
 *   other calls are answered while it is read and a runaway file cannot take the app down.
 * - The write is one transaction, done in chunks that yield to the event loop so `progress` can be
 *   polled (other calls wait meanwhile). Any failure rolls everything back, media files included.
 *
 * The steps live beside this file: import-read.ts (read, in the worker), plan-import.ts and
 * plan-media.ts (compare with the collection), clean-notes.ts (HTML cleaning, media renames),
 * import-preview.ts, import-jobs.ts (progress), write-import.ts (write, with history replay).
 */
import { randomUUID } from 'node:crypto';
import type { ImportOptions, ImportPreview, ImportProgress, ImportResult, ImportIssue } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import type { Clock } from '../../core/clock';
import { systemTimeZone } from '../../core/day';
import type { Repos } from '../../db/repos';
import type { DeckService } from '../../services/deck-service';
import type { MediaStore } from '../../services/media-store';
import type { SettingsService } from '../../services/settings-service';
import { checkImportSize, toImportFailed } from './import-failure';
import { createImportJobs } from './import-jobs';
import type { ImportPlan, ReadImport } from './import-plan-types';
import { previewOf } from './import-preview';
import type { ImportSource } from './import-read';
import { prepareImportWorker, readImportFileInWorker, type ImportWorkerOptions } from './import-worker-runner';
import { planImport } from './plan-import';
import { writeImport, type WriteDeps } from './write-import';

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
) {
  const jobs = createImportJobs(clock);
  const writeDeps: WriteDeps = { repos, settings, decks, mediaStore, clock, timeZone, jobs };

  /** Read a file in the worker thread (see ReadImport); a failure names the file. */
  async function readSource(src: ImportSource, options: ImportOptions): Promise<ReadImport> {
    checkImportSize(src.fileName, src.bytes.length);
    try {
      return { fileName: src.fileName, size: src.bytes.length, outcome: await readImportFileInWorker(src, options, workerOptions) };
    } catch (err) {
      throw toImportFailed(src.fileName, err);
    }
  }

  /** Read the file (unless given already read) and compare it with the collection. */
  async function plan(given: ImportSource | ReadImport, options: ImportOptions): Promise<ImportPlan> {
    const src = 'outcome' in given ? given : await readSource(given, options);
    return planImport(src, options, repos, mediaStore);
  }

  /** `commit`, also returning every skipped row and warning (the command line lists them). */
  async function commitWithIssues(
    src: ImportSource | ReadImport,
    options: ImportOptions = {},
    commitOptions: CommitOptions = {},
  ): Promise<{ result: ImportResult; skipped: ImportIssue[]; warnings: ImportIssue[] }> {
    if (jobs.active !== null) throw new AppError('conflict', 'another import is being written; wait for it to finish');
    const jobId = commitOptions.jobId ?? randomUUID();
    if (jobs.running(jobId)) throw new AppError('conflict', `import job ${jobId} is already running`);
    jobs.active = jobId;
    jobs.start(jobId);
    try {
      const p = await plan(src, options);
      const result = await writeImport(p, writeDeps, jobId, commitOptions.onProgress);
      return { result, skipped: p.skipped, warnings: p.warnings };
    } catch (err) {
      const failure = toImportFailed(src.fileName, err);
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
    async preview(src: ImportSource | ReadImport, options: ImportOptions = {}): Promise<ImportPreview> {
      return previewOf(await plan(src, options));
    },
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
