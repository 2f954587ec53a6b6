/**
 * Imports by staged file: the file is staged once (upload-staging.ts) and previewed and committed
 * by its id; the reader thread reads the staged file itself. For a small file (up to
 * KEEP_READ_MAX_BYTES) what the worker read is kept for the id with the options that decide the
 * reading (a delimited file's delimiter, header and columns), so choosing another deck, or
 * committing what was previewed, plans again against the collection without reading the file
 * again. A larger file is read again for each preview and for the commit, a batch at a time, so
 * its notes are never all in memory. A committed file is removed; after a failed commit the file
 * stays (the preview still holds, so Import can be tried again) until the renderer discards it,
 * it expires, or the app starts again.
 */
import type { ImportOptions, ImportPreview, ImportResult, StagedImport } from '../../../shared/api/import-contract';
import type { CommitOptions, ImportService, ImportSource, ReadImport } from './import-service';
import type { UploadStaging } from './upload-staging';

/** Largest staged file whose read is kept between previews and the commit: 8 MiB. */
export const KEEP_READ_MAX_BYTES = 8 * 1024 * 1024;

interface KeptRead {
  key: string;
  read: Promise<ReadImport>;
}

/** The part of the options the reading depends on (only delimited text has any). */
function readKey(options: ImportOptions): string {
  return JSON.stringify(options.csv ?? {});
}

export function withUploadStaging(imports: ImportService, staging: UploadStaging) {
  const kept = new Map<string, KeptRead>();

  /** A small file's kept read (read now unless kept with the same options), or a larger file's staged source. */
  function readFor(stageId: string, options: ImportOptions): Promise<ReadImport> | ImportSource {
    const key = readKey(options);
    const hit = kept.get(stageId);
    if (hit && hit.key === key) return hit.read;
    const source = staging.source(stageId);
    if (source.size > KEEP_READ_MAX_BYTES) return source;
    const read = Promise.resolve().then(() => imports.readSource(source, options));
    const entry = { key, read };
    kept.set(stageId, entry);
    // A failed read is not kept: the next preview tries again (with the options it then has).
    read.catch(() => {
      if (kept.get(stageId) === entry) kept.delete(stageId);
    });
    return read;
  }

  function discard(stageId: string): boolean {
    kept.delete(stageId);
    return staging.discard(stageId);
  }

  async function commitStagedWithIssues(stageId: string, options: ImportOptions = {}, commitOptions: CommitOptions = {}) {
    const hit = kept.get(stageId);
    // Nothing here keeps a kept read alive while it is written.
    kept.delete(stageId);
    const read = hit && hit.key === readKey(options) ? await hit.read : staging.source(stageId);
    const outcome = await imports.commitWithIssues(read, options, commitOptions);
    discard(stageId);
    return outcome;
  }

  function ready(staged: StagedImport): StagedImport {
    imports.prepareReader();
    return staged;
  }

  return {
    ...imports,
    // A file staged is read next: its reader thread starts while the answer goes back.
    stageBytes: (fileName: string, data: Uint8Array): StagedImport => ready(staging.stageBytes(fileName, data)),
    stageStream: async (fileName: string, body: AsyncIterable<Uint8Array>): Promise<StagedImport> => ready(await staging.stageStream(fileName, body)),
    stagePath: async (fileName: string, path: string): Promise<StagedImport> => ready(await staging.stagePath(fileName, path)),
    /** How many times a staged file's bytes were read (each read parses the file once). */
    stagedReads: (stageId: string): number => staging.reads(stageId),
    async previewStaged(stageId: string, options: ImportOptions = {}): Promise<ImportPreview> {
      return imports.preview(await readFor(stageId, options), options);
    },
    /** Commit a staged file, also returning every skipped row and warning (the command line lists them). */
    commitStagedWithIssues,
    async commitStaged(stageId: string, options: ImportOptions = {}, commitOptions: CommitOptions = {}): Promise<ImportResult> {
      return (await commitStagedWithIssues(stageId, options, commitOptions)).result;
    },
    discard,
    /** Remove every staged file (the collection is closing). */
    clearStaged(): void {
      kept.clear();
      staging.clear();
    },
  };
}
export type StagedImportService = ReturnType<typeof withUploadStaging>;
