/**
 * Import files are read in a worker thread: the host keeps answering while one is read, a read
 * that needs too much memory or time is stopped without harm to the process, and the built app
 * finds its worker (out/main/import-worker.js) as the sources find theirs.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImportError } from '../../src/main/interchange/formats/bundle';
import { readImportFileInWorker } from '../../src/main/interchange/import/import-worker-runner';
import type { ReadMessage } from '../../src/main/interchange/import/read-messages';
import { tempApp } from '../support/temp-app';
import { stageFile } from '../support/staged-import';

const enc = new TextEncoder();
const tsv = (rows: number): Uint8Array => enc.encode(Array.from({ length: rows }, (_, i) => `question ${i}\tanswer ${i}`).join('\n'));

/** The GUIDs of the notes a read sent, in order. */
const guids = (messages: ReadMessage[]): string[] => messages.flatMap((m) => (m.kind === 'notes' ? m.batch.guid : []));
const formatOf = (messages: ReadMessage[]): string | undefined => messages.find((m) => m.kind === 'head')?.format;

async function rejection(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }
  throw new Error('expected the read to fail');
}

describe('reading in a worker thread', () => {
  const t = tempApp();
  afterAll(() => t.dispose());

  it('the host answers other calls while a file is being read', async () => {
    // A million nested brackets: slow to read, and all of the work is the reader's.
    const deep = `{"format":"retain-deck","formatVersion":1,"deck":{"id":"d","title":"D","version":1},"notes":${'['.repeat(1e6)}${']'.repeat(1e6)}}`;
    const stageId = await stageFile(t.app.dispatch, 'deep.json', deep);
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    let previewDone = false;
    const preview = t.app.dispatch('import.preview', { stageId }).finally(() => (previewDone = true));
    const list = await t.app.dispatch('decks.list', {});
    const listDoneWhilePreviewRan = !previewDone;
    const r = await preview;
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(list.ok).toBe(true);
    expect(listDoneWhilePreviewRan).toBe(true);
    expect(r).toMatchObject({ ok: false, error: { code: 'import_failed' } });
    // The main thread never stalled for long while the reader worked.
    expect(took).toBeGreaterThan(300);
    expect(longestGap).toBeLessThan(Math.max(150, took / 3));
  }, 60_000);

  it('a read that needs more memory than the heap limit is stopped; the process carries on', async () => {
    const err = await rejection(readImportFileInWorker({ fileName: 'many.tsv', bytes: tsv(400_000) }, {}, { maxHeapMb: 32 }));
    expect(err.file).toBe('many.tsv');
    expect(err.rule).toMatch(/needs more than 32 MiB of memory, so it was stopped/);
    const ok = await readImportFileInWorker({ fileName: 'few.tsv', bytes: tsv(3) }, {});
    expect(guids(ok)).toHaveLength(3);
    expect(await t.call('decks.list', {})).toBeTruthy();
  }, 60_000);

  it('a read that runs too long is stopped, and so is one whose caller gives up', async () => {
    const slow = await rejection(readImportFileInWorker({ fileName: 'slow.tsv', bytes: tsv(300_000) }, {}, { timeoutMs: 20 }));
    expect(slow.rule).toMatch(/took longer than 20 ms, so it was stopped/);
    const stop = new AbortController();
    const pending = readImportFileInWorker({ fileName: 'stopped.tsv', bytes: tsv(300_000) }, {}, { signal: stop.signal });
    setTimeout(() => stop.abort(), 10);
    expect((await rejection(pending)).rule).toBe('the import was stopped');
    expect(guids(await readImportFileInWorker({ fileName: 'after.tsv', bytes: tsv(2) }, {}))).toHaveLength(2);
  }, 60_000);

  it('the built worker (out/main/import-worker.js) reads files too', async (ctx) => {
    const built = resolve(process.cwd(), 'out', 'main', 'import-worker.js');
    if (!existsSync(built) || !existsSync(join(process.cwd(), 'out', 'main', 'serve.js'))) {
      console.warn('skipping the built import worker test: out/main/import-worker.js not found (run npm run build)');
      ctx.skip();
      return;
    }
    const outcome = await readImportFileInWorker({ fileName: 'built.tsv', bytes: tsv(5) }, {}, { workerFile: built });
    expect(formatOf(outcome)).toBe('csv');
    expect(guids(outcome)).toHaveLength(5);
    const err = await rejection(readImportFileInWorker({ fileName: 'bad.apkg', bytes: enc.encode('not a zip') }, {}, { workerFile: built }));
    expect(err.rule).toBe('not a zip archive');
  }, 60_000);
});
