/**
 * Runs the reading of an import file in its own worker thread (import-worker), so that a file
 * that would take too long or too much memory is stopped without touching the rest of the app:
 * the thread gets a heap limit (IMPORT_WORKER_HEAP_MB), is terminated after
 * IMPORT_WORKER_TIMEOUT_MS or when its caller aborts, and a thread that runs out of memory or
 * dies is reported as an ImportError for the file. The calling thread stays free meanwhile.
 *
 * A thread that has read a small file (up to REUSE_MAX_BYTES) and answered is kept, idle, for
 * the next file (starting one costs far more than reading a small file); any other thread is
 * ended as soon as its file has been read, so nothing a large or failed import allocated
 * outlives it.
 *
 * Where the worker code is: next to this module in the sources (run through tsx, for tests and
 * the command line without a build), and `out/main/import-worker.js` in the build (a separate
 * entry of the main build, see electron.vite.config.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportOptions } from '../../../shared/api/import-contract';
import { ImportError, MarkdownDeckError } from '../formats/bundle';
import { sourceSize, type ImportSource } from './import-read';
import type { ReadMessage } from './read-messages';
import type { ImportWorkerError, ImportWorkerReply, ImportWorkerRequest } from './import-worker';

/** Heap limit of the thread reading one import file: 768 MiB (decompressed bytes are bounded apart, see interchange/formats/limits). */
export const IMPORT_WORKER_HEAP_MB = 768;
/** Longest the reading of one import file may take: 10 minutes. */
export const IMPORT_WORKER_TIMEOUT_MS = 10 * 60_000;
/** Largest file after which the thread that read it is kept for the next one: 8 MiB. */
const REUSE_MAX_BYTES = 8 * 1024 * 1024;
/** Most memory a thread may still hold after answering to be kept for the next file: 64 MiB. */
const REUSE_MAX_RETAINED = 64 * 1024 * 1024;
/** Messages the reader may post ahead of the ones taken: two batches in flight keep both threads busy. */
const READ_AHEAD = 2;

/** An idle thread kept for the next file, with the settings it was started with. */
let idle: { worker: Worker; key: string; onExit: () => void } | undefined;
let nextId = 1;

export interface ImportWorkerOptions {
  maxHeapMb?: number;
  timeoutMs?: number;
  /** better_sqlite3.node built for the running runtime (the Electron host's copy). */
  nativeBinding?: string;
  signal?: AbortSignal;
  /** The worker script to run instead of the one found next to this module (tests of the build). */
  workerFile?: string;
}

/** A new worker thread; an error while it sits idle only ends it (its 'exit' clears the idle slot). */
function startWorker(options: ImportWorkerOptions, maxHeapMb: number): Worker {
  const worker = createWorker(options, maxHeapMb);
  worker.on('error', () => undefined);
  return worker;
}

function createWorker(options: ImportWorkerOptions, maxHeapMb: number): Worker {
  const workerData = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  const here = fileURLToPath(import.meta.url);
  if (!options.workerFile && here.endsWith('.ts')) {
    // Running from the sources: compile the worker's TypeScript on the fly with tsx.
    const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
    const module = (name: string): string => JSON.stringify(join(dirname(here), name));
    const code =
      `require(${JSON.stringify(tsx)}).register(); ` +
      `require(${module('read-messages.ts')}).loadWholeFileReaderWith(async () => require(${module('read-whole-file.ts')})); ` +
      `require(${module('import-worker.ts')});`;
    return new Worker(code, { eval: true, workerData, resourceLimits });
  }
  const file = options.workerFile ?? builtWorkerFile(here);
  // A built worker is plain JavaScript: it starts without the process's own flags, such as a
  // TypeScript loader the process was started with (which would load every module through it).
  return new Worker(file, { workerData, resourceLimits, execArgv: [] });
}

/** The built worker beside this module, which sits in out/main or in out/main/chunks. */
function builtWorkerFile(here: string): string {
  const candidates = [join(dirname(here), 'import-worker.js'), join(dirname(here), '..', 'import-worker.js')];
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new Error(`the import worker is missing (looked for ${candidates.join(', ')}); rebuild with npm run build`);
  return file;
}

function rebuildError(e: ImportWorkerError, fileName: string): Error {
  if (e.kind === 'import') return new ImportError(e.file, e.location, e.rule);
  if (e.kind === 'markdown') return new MarkdownDeckError(e.file, e.line, e.rule);
  return new ImportError(fileName, '', e.message);
}

/** Which started threads can serve a read: those with the same heap limit, binding and script. */
function workerKey(options: ImportWorkerOptions, maxHeapMb: number): string {
  return JSON.stringify([maxHeapMb, options.nativeBinding ?? '', options.workerFile ?? '']);
}

/**
 * Start a thread for the next file now (one was just staged), so its code is loaded by the time
 * the file is read. It waits idle, like a thread kept after a small file, and keeps nothing alive.
 */
export function prepareImportWorker(workerOptions: ImportWorkerOptions = {}): void {
  if (idle) return;
  const maxHeapMb = workerOptions.maxHeapMb ?? IMPORT_WORKER_HEAP_MB;
  const worker = startWorker(workerOptions, maxHeapMb);
  worker.unref();
  const kept = {
    worker,
    key: workerKey(workerOptions, maxHeapMb),
    onExit: (): void => {
      if (idle === kept) idle = undefined;
    },
  };
  idle = kept;
  worker.once('exit', kept.onExit);
}

/**
 * Read `source` in a worker thread, yielding what it read as it comes (see read-messages); the
 * reader runs ahead by READ_AHEAD messages at most. Throws an ImportError (or MarkdownDeckError)
 * naming the file. Leaving the loop early stops the reader.
 */
export async function* streamImportFileInWorker(
  source: ImportSource,
  options: ImportOptions,
  workerOptions: ImportWorkerOptions = {},
): AsyncGenerator<ReadMessage> {
  const maxHeapMb = workerOptions.maxHeapMb ?? IMPORT_WORKER_HEAP_MB;
  const timeoutMs = workerOptions.timeoutMs ?? IMPORT_WORKER_TIMEOUT_MS;
  const file = source.fileName;
  if (workerOptions.signal?.aborted) throw new ImportError(file, '', 'the import was stopped');
  const key = workerKey(workerOptions, maxHeapMb);
  let worker: Worker;
  if (idle && idle.key === key) {
    worker = idle.worker;
    worker.removeListener('exit', idle.onExit);
    idle = undefined;
  } else worker = startWorker(workerOptions, maxHeapMb);
  worker.ref();
  const id = nextId++;
  const credit = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(credit, 0, READ_AHEAD);

  const queue: ReadMessage[] = [];
  /** Set once the read is over: undefined while it runs, null when it succeeded, else its error. */
  let ended: Error | null | undefined;
  let retained = Infinity;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const end = (err: Error | null, kept = Infinity): void => {
    if (ended !== undefined) return;
    ended = err;
    retained = kept;
    notify();
  };
  const onAbort = (): void => end(new ImportError(file, '', 'the import was stopped'));
  const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  const timer = setTimeout(() => end(new ImportError(file, '', `reading the file took longer than ${limit}, so it was stopped`)), timeoutMs);
  workerOptions.signal?.addEventListener('abort', onAbort, { once: true });
  const onMessage = (reply: ImportWorkerReply): void => {
    if (reply.id !== id) return;
    if (reply.kind === 'read') {
      queue.push(reply.message);
      notify();
    } else if (reply.kind === 'done') end(null, reply.retained);
    else end(rebuildError(reply.error, file), reply.retained);
  };
  const onMessageError = (err: Error): void => end(new ImportError(file, '', `the file's contents could not be passed on (${err.message})`));
  const onError = (err: Error & { code?: string }): void => {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      end(new ImportError(file, '', `reading the file needs more than ${maxHeapMb} MiB of memory, so it was stopped`));
    } else end(new ImportError(file, '', `the file could not be read (${err.message})`));
  };
  const onExit = (code: number): void => end(new ImportError(file, '', `the import reader stopped unexpectedly (exit code ${code})`));
  worker.on('message', onMessage);
  worker.on('messageerror', onMessageError);
  worker.on('error', onError);
  worker.on('exit', onExit);
  let completed = false;
  try {
    const request: ImportWorkerRequest = { id, source, options, credit: credit.buffer as SharedArrayBuffer };
    try {
      worker.postMessage(request);
    } catch (err) {
      throw new ImportError(file, '', `the file could not be passed to the reader (${(err as Error).message})`);
    }
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        Atomics.add(credit, 0, 1);
        Atomics.notify(credit, 0);
        yield next;
        continue;
      }
      if (ended === null) break;
      if (ended) throw ended;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    completed = true;
  } finally {
    clearTimeout(timer);
    workerOptions.signal?.removeEventListener('abort', onAbort);
    worker.removeListener('message', onMessage);
    worker.removeListener('messageerror', onMessageError);
    worker.removeListener('error', onError);
    worker.removeListener('exit', onExit);
    if (completed || ended) await keepOrEnd(worker, key, retained, sourceSize(source));
    else await worker.terminate();
  }
}

/** Keep a thread that answered after a small file for the next one; end any other, and wait until it is gone. */
async function keepOrEnd(worker: Worker, key: string, retained: number, size: number): Promise<void> {
  if (retained <= REUSE_MAX_RETAINED && !idle && size <= REUSE_MAX_BYTES) {
    // Kept for the next file; it does not keep the process alive.
    worker.unref();
    const kept = {
      worker,
      key,
      onExit: (): void => {
        if (idle === kept) idle = undefined;
      },
    };
    idle = kept;
    worker.once('exit', kept.onExit);
    return;
  }
  // Answer once the thread is gone, so that its memory is free before the next import starts.
  await worker.terminate();
}

/** Read `source` in a worker thread and keep every message (small files, and tests). */
export async function readImportFileInWorker(source: ImportSource, options: ImportOptions, workerOptions: ImportWorkerOptions = {}): Promise<ReadMessage[]> {
  const out: ReadMessage[] = [];
  for await (const m of streamImportFileInWorker(source, options, workerOptions)) out.push(m);
  return out;
}
