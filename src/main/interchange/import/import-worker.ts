/**
 * Entry of the import worker thread: reads each import file it is sent (see read-messages) and
 * posts what it read back to the thread that started it as a stream of messages (head, batches of
 * notes, end), or the reader's error as plain data. It posts a batch only when the other side has
 * taken enough of the earlier ones (`credit`), so a large file never piles up between the
 * threads. Media file contents and the batches' number columns are transferred, not copied. The
 * starting side (import-worker-runner) gives the thread a heap limit and stops it when it runs
 * too long.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError, MarkdownDeckError } from '../formats/bundle';
import { useSqliteBinding } from '../anki/read-anki-package';
import type { ImportSource } from './import-read';
import { batchTransferables } from './note-batch';
import { readImportMessages, type ReadMessage } from './read-messages';
import type { ImportOptions } from '../../../shared/api/import-contract';

export interface ImportWorkerRequest {
  id: number;
  source: ImportSource;
  options: ImportOptions;
  /** One Int32: how many more messages the reader may post; the other side adds one per message it takes. */
  credit: SharedArrayBuffer;
}

export type ImportWorkerError =
  | { kind: 'import'; file: string; location: string; rule: string }
  | { kind: 'markdown'; file: string; line: number; rule: string }
  | { kind: 'other'; message: string };

/**
 * One message of a read: `read` carries what was read; `done` ends a read that succeeded, `failed`
 * one that did not. `retained`: bytes the thread's heap and buffers hold after answering (decides
 * whether it is kept for the next file).
 */
export type ImportWorkerReply =
  | { id: number; kind: 'read'; message: ReadMessage }
  | { id: number; kind: 'done'; retained: number }
  | { id: number; kind: 'failed'; retained: number; error: ImportWorkerError };

function describe(err: unknown): ImportWorkerError {
  if (err instanceof ImportError) return { kind: 'import', file: err.file, location: err.location, rule: err.rule };
  if (err instanceof MarkdownDeckError) return { kind: 'markdown', file: err.file, line: err.line, rule: err.rule };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { kind: 'other', message: 'the file is nested too deeply to read' };
  }
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

/** The buffers a message moves rather than copies: media files' contents, a batch's number columns. */
function transferables(message: ReadMessage): ArrayBuffer[] {
  if (message.kind === 'notes') return batchTransferables(message.batch);
  if (message.kind !== 'head') return [];
  const out = new Set<ArrayBuffer>();
  for (const m of message.media) if (m.data.buffer instanceof ArrayBuffer) out.add(m.data.buffer);
  return [...out];
}

/** Wait until the other side allows one more message, and take that allowance. */
function takeCredit(credit: Int32Array): void {
  for (;;) {
    const n = Atomics.load(credit, 0);
    if (n > 0) {
      if (Atomics.compareExchange(credit, 0, n, n - 1) === n) return;
      continue;
    }
    Atomics.wait(credit, 0, n, 1000);
  }
}

function retainedBytes(): number {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

const port = parentPort;
if (port) {
  const data = workerData as { nativeBinding?: string } | undefined;
  useSqliteBinding(data?.nativeBinding);
  port.on('message', async (request: ImportWorkerRequest) => {
    const credit = new Int32Array(request.credit);
    try {
      for await (const message of readImportMessages(request.source, request.options)) {
        takeCredit(credit);
        const reply: ImportWorkerReply = { id: request.id, kind: 'read', message };
        port.postMessage(reply, transferables(message));
      }
    } catch (err) {
      const failed: ImportWorkerReply = { id: request.id, kind: 'failed', retained: 0, error: describe(err) };
      failed.retained = retainedBytes();
      port.postMessage(failed);
      return;
    }
    const done: ImportWorkerReply = { id: request.id, kind: 'done', retained: retainedBytes() };
    port.postMessage(done);
  });
}
