/**
 * Import files are read in a worker thread: the host keeps answering while one is read, a read
 * that needs too much memory or time is stopped without harm to the process, and the built app
 * finds its worker (out/main/import-worker.js) as the sources find theirs.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/** The built worker, or undefined (the test skipped, saying why) when there is no build. */
function builtWorker(ctx: { skip: () => void }, test: string): string | undefined {
  const built = resolve(process.cwd(), 'out', 'main', 'import-worker.js');
  if (existsSync(built) && existsSync(join(process.cwd(), 'out', 'main', 'serve.js'))) return built;
  console.warn(`skipping ${test}: out/main/import-worker.js not found (run npm run build)`);
  ctx.skip();
  return undefined;
}

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
    const built = builtWorker(ctx, 'the built import worker test');
    if (!built) return;
    const outcome = await readImportFileInWorker({ fileName: 'built.tsv', bytes: tsv(5) }, {}, { workerFile: built });
    expect(formatOf(outcome)).toBe('csv');
    expect(guids(outcome)).toHaveLength(5);
    const err = await rejection(readImportFileInWorker({ fileName: 'bad.apkg', bytes: enc.encode('not a zip') }, {}, { workerFile: built }));
    expect(err.rule).toBe('not a zip archive');
  }, 60_000);

  it('the built worker starts without the deck schema and the Markdown parser, and loads them for a deck file', async (ctx) => {
    const built = builtWorker(ctx, 'the built worker start-up test');
    if (!built) return;
    // Every module the worker's entry imports statically, followed through the build's chunks.
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)) {
        const spec = (m[1] ?? m[2]) as string;
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
        else packages.add(spec);
      }
    };
    visit(built);
    expect(seen.size).toBeGreaterThan(1);
    expect([...packages]).toEqual(expect.arrayContaining(['better-sqlite3', 'papaparse']));
    expect([...packages].filter((p) => p === 'zod' || p === 'markdown-it')).toEqual([]);
    // …and a deck file still reads, through the reader loaded for it.
    const deck = JSON.stringify({ format: 'retain-deck', formatVersion: 1, deck: { id: 'd', title: 'D', version: 1 }, notes: [] });
    expect(formatOf(await readImportFileInWorker({ fileName: 'deck.json', bytes: enc.encode(deck) }, {}, { workerFile: built }))).toBe('retain-json');
    const markdown = '# Limits\n\n| Limit | Value |\n|---|---|\n| Timeout | 15 minutes |\n';
    expect(formatOf(await readImportFileInWorker({ fileName: 'limits.md', bytes: enc.encode(markdown) }, {}, { workerFile: built }))).toBe('markdown');
  }, 60_000);
});
