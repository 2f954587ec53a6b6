/**
 * Files sent for import, kept once in <dataDir>/staging/<id> and referred to by that id: the
 * renderer sends a file once (a raw-body upload in the browser host, an ArrayBuffer over IPC in
 * Electron, a path on the command line), then previews and commits it by id.
 *
 * An upload is written to `<id>.part` while it streams and renamed when complete, so a cut-off
 * upload never looks staged. A staged file is removed when its import is committed or fails, when
 * the renderer discards it, after STAGE_IDLE_MS without use, and at start-up (files of a process
 * that is gone). Ids start with the process id, so a second process on the same data folder (the
 * command line) leaves the running app's files alone.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { IMPORT_MAX_BYTES, type StagedImport } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import { uploadLimitText } from '../../../shared/api/upload-limit';
import type { Clock } from '../../core/clock';
import { processAlive } from '../../services/media-store';

/** A staged file unused for this long is removed: 1 hour. */
export const STAGE_IDLE_MS = 60 * 60_000;
export const STAGING_FOLDER = 'staging';

interface Entry extends StagedImport {
  path: string;
  usedAt: number;
  /** How many times the file's bytes were read back (tests count them). */
  reads: number;
}

function tooLarge(fileName: string, max: number): AppError {
  return new AppError('invalid_input', `${fileName}: the file is larger than the ${uploadLimitText(max)} import limit`);
}

/** Remove staged files whose process is gone (this process has staged nothing yet when it calls this). */
export function removeAbandonedUploads(dataDir: string): string[] {
  const dir = join(dataDir, STAGING_FOLDER);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export function createUploadStaging(dataDir: string, clock: Clock, maxBytes = IMPORT_MAX_BYTES) {
  const dir = join(dataDir, STAGING_FOLDER);
  const entries = new Map<string, Entry>();

  const newId = (): string => `${process.pid}-${randomBytes(12).toString('base64url')}`;

  function expire(): void {
    const now = clock.now();
    for (const [id, e] of entries) if (now - e.usedAt > STAGE_IDLE_MS) discard(id);
  }

  function add(id: string, fileName: string, bytes: number): StagedImport {
    const entry: Entry = { stageId: id, fileName, bytes, path: join(dir, id), usedAt: clock.now(), reads: 0 };
    entries.set(id, entry);
    return { stageId: id, fileName, bytes };
  }

  function entry(stageId: string): Entry {
    const e = entries.get(stageId);
    if (!e || !existsSync(e.path)) {
      entries.delete(stageId);
      throw new AppError('not_found', `no file is staged as "${stageId}" (it was imported, discarded or expired); choose the file again`);
    }
    e.usedAt = clock.now();
    return e;
  }

  function discard(stageId: string): boolean {
    const e = entries.get(stageId);
    if (!e) return false;
    entries.delete(stageId);
    rmSync(e.path, { force: true });
    return true;
  }

  /** Stream a body to disk, refusing it as soon as it passes the limit (nothing is kept then). */
  async function stageStream(fileName: string, body: AsyncIterable<Uint8Array>): Promise<StagedImport> {
    expire();
    mkdirSync(dir, { recursive: true });
    const id = newId();
    const part = join(dir, `${id}.part`);
    let size = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge(fileName, maxBytes);
        yield chunk;
      }
    }
    try {
      await pipeline(counted, createWriteStream(part));
      renameSync(part, join(dir, id));
    } catch (err) {
      rmSync(part, { force: true });
      throw err;
    }
    return add(id, fileName, size);
  }

  return {
    dir,
    /** Keep bytes already in memory (the Electron host's ArrayBuffer). */
    stageBytes(fileName: string, data: Uint8Array): StagedImport {
      expire();
      if (data.length > maxBytes) throw tooLarge(fileName, maxBytes);
      mkdirSync(dir, { recursive: true });
      const id = newId();
      const part = join(dir, `${id}.part`);
      try {
        writeFileSync(part, data);
        renameSync(part, join(dir, id));
      } catch (err) {
        rmSync(part, { force: true });
        throw err;
      }
      return add(id, fileName, data.length);
    },
    stageStream,
    /** Stage a file from a path (the command line); the original is copied, never moved. */
    stagePath(fileName: string, path: string): Promise<StagedImport> {
      return stageStream(fileName, createReadStream(path));
    },
    describe(stageId: string): StagedImport {
      const e = entry(stageId);
      return { stageId: e.stageId, fileName: e.fileName, bytes: e.bytes };
    },
    /** The staged file as the reader thread reads it, by path (each call counts as one read). */
    source(stageId: string): { fileName: string; path: string; size: number } {
      const e = entry(stageId);
      e.reads++;
      return { fileName: e.fileName, path: e.path, size: e.bytes };
    },
    reads(stageId: string): number {
      return entries.get(stageId)?.reads ?? 0;
    },
    discard,
    /** Remove every file this store staged (closing the app). */
    clear(): void {
      for (const id of [...entries.keys()]) discard(id);
    },
  };
}
export type UploadStaging = ReturnType<typeof createUploadStaging>;
