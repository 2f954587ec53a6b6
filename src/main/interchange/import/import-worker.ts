/**
 * Entry of the import worker thread: reads each import file it is sent (see import-read) and
 * posts the outcome, or the reader's error as plain data, back to the thread that started it. Media file
 * contents are transferred, not copied. The starting side (import-worker-runner) gives the
 * thread a heap limit and stops it when it runs too long.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from '../formats/bundle';
import { MarkdownDeckError } from '../formats/markdown-deck';
import { useSqliteBinding } from '../anki/read-anki-package';
import { readImportFile, type ImportSource, type ReadOutcome } from './import-read';
import type { ImportOptions } from '../../../shared/api/import-contract';

export interface ImportWorkerRequest {
  id: number;
  source: ImportSource;
  options: ImportOptions;
}

export type ImportWorkerError =
  | { kind: 'import'; file: string; location: string; rule: string }
  | { kind: 'markdown'; file: string; line: number; rule: string }
  | { kind: 'other'; message: string };

/** `retained`: bytes the thread's heap and buffers hold after answering (decides whether it is kept for the next file). */
export type ImportWorkerReply = { id: number; retained: number } & ({ ok: true; outcome: ReadOutcome } | { ok: false; error: ImportWorkerError });

function describe(err: unknown): ImportWorkerError {
  if (err instanceof ImportError) return { kind: 'import', file: err.file, location: err.location, rule: err.rule };
  if (err instanceof MarkdownDeckError) return { kind: 'markdown', file: err.file, line: err.line, rule: err.rule };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { kind: 'other', message: 'the file is nested too deeply to read' };
  }
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

/** The distinct buffers behind the bundle's media files, to be moved rather than copied. */
function transferables(outcome: ReadOutcome): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const m of outcome.bundle.media) if (m.data.buffer instanceof ArrayBuffer) out.add(m.data.buffer);
  return [...out];
}

const port = parentPort;
if (port) {
  const data = workerData as { nativeBinding?: string } | undefined;
  useSqliteBinding(data?.nativeBinding);
  port.on('message', (request: ImportWorkerRequest) => {
    let reply: ImportWorkerReply;
    try {
      reply = { id: request.id, retained: 0, ok: true, outcome: readImportFile(request.source, request.options) };
    } catch (err) {
      reply = { id: request.id, retained: 0, ok: false, error: describe(err) };
    }
    const heap = getHeapStatistics();
    reply.retained = heap.used_heap_size + heap.external_memory;
    port.postMessage(reply, reply.ok ? transferables(reply.outcome) : []);
  });
}
