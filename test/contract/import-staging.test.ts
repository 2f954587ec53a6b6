/**
 * A file crosses once: `import.stage` (a raw streamed body in the browser host, an ArrayBuffer
 * through the dispatch) keeps it in <dataDir>/staging under an id; preview and commit go by id;
 * the door is guarded (token, size, id); progress is pushed as Server-Sent Events; staged files
 * are removed when committed, discarded, or left by a process that is gone.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../src/shared/api/app-events';
import type { ImportPreview, ImportResult, StagedImport } from '../../src/shared/api/import-contract';
import { startHttpHost, TOKEN_HEADER, type HttpHost } from '../../src/main/http/http-host';
import { tempApp, type TempApp } from '../support/temp-app';
import { stageFile } from '../support/staged-import';

const START = Date.UTC(2026, 2, 10, 9, 0);
const rows = (n: number, first = 'question'): string => Array.from({ length: n }, (_, i) => `${first} ${i}\tanswer ${i}`).join('\n') + '\n';
const stagedFiles = (t: TempApp): string[] => (existsSync(join(t.dataDir, 'staging')) ? readdirSync(join(t.dataDir, 'staging')) : []);

describe('staging through the dispatch', () => {
  let t: TempApp;
  beforeAll(() => {
    t = tempApp({ start: START });
  });
  afterAll(() => t.dispose());

  it('preview, another deck, commit: the file is read once; another delimiter reads it again', async () => {
    const stageId = await stageFile(t.app.dispatch, 'words.tsv', rows(50));
    const imports = t.app.services.imports;
    expect(imports.stagedReads(stageId)).toBe(0);
    const first = await t.call<ImportPreview>('import.preview', { stageId });
    expect(first.counts.new).toBe(50);
    const renamed = await t.call<ImportPreview>('import.preview', { stageId, options: { deckName: 'Elsewhere' } });
    expect(renamed.decks).toEqual(['Elsewhere']);
    expect(imports.stagedReads(stageId)).toBe(1);
    // The delimiter decides how the file is read: that needs a new read (the counter can fail).
    const comma = await t.call<ImportPreview>('import.preview', { stageId, options: { csv: { delimiter: ',' } } });
    expect(comma.csv?.delimiter).toBe(',');
    expect(imports.stagedReads(stageId)).toBe(2);
    await t.call<ImportPreview>('import.preview', { stageId, options: { deckName: 'Elsewhere' } });
    expect(imports.stagedReads(stageId)).toBe(3);
    const result = await t.call<ImportResult>('import.commit', { stageId, options: { deckName: 'Elsewhere' } });
    expect(result.notes).toBe(50);
    expect(result.deckIds.map((d) => d.path)).toEqual(['Elsewhere']);
    // Committed: the file and its id are gone.
    expect(stagedFiles(t)).toEqual([]);
    expect(await t.app.dispatch('import.preview', { stageId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a malformed id, an unknown id, and a file over the limit', async () => {
    const bad = await t.app.dispatch('import.preview', { stageId: '../retain.db' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!bad.ok && bad.error.message).toMatch(/^stageId: /);
    const unknown = await t.app.dispatch('import.commit', { stageId: 'no-such-file' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!unknown.ok && unknown.error.message).toContain('"no-such-file"');
    const big = await t.app.dispatch('import.stage', { fileName: 'huge.csv', data: new ArrayBuffer(100 * 1024 * 1024 + 1) });
    expect(big).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'data: the file is larger than the 100 MiB import limit' } });
    const text = await t.app.dispatch('import.stage', { fileName: 'a.csv', data: 'front,back' });
    expect(text).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(stagedFiles(t)).toEqual([]);
  });

  it('discard removes the file; a failed commit keeps it for another try', async () => {
    const stageId = await stageFile(t.app.dispatch, 'a.tsv', rows(3));
    expect(stagedFiles(t)).toEqual([stageId]);
    expect(await t.call('import.discard', { stageId })).toEqual({ removed: true });
    expect(stagedFiles(t)).toEqual([]);
    expect(await t.call('import.discard', { stageId })).toEqual({ removed: false });

    const broken = await stageFile(t.app.dispatch, 'broken.csv', 'front,back\n"open,quote\n');
    expect(await t.app.dispatch('import.commit', { stageId: broken })).toMatchObject({ ok: false, error: { code: 'import_failed' } });
    expect(stagedFiles(t)).toEqual([broken]);
    await t.call('import.discard', { stageId: broken });
  });

  it('at start-up, files left by a process that is gone are removed', () => {
    const dir = join(t.dataDir, 'staging');
    mkdirSync(dir, { recursive: true });
    // pid 2^22+1 is above Linux's pid limit: no such process.
    writeFileSync(join(dir, '4194305-leftover'), 'x');
    writeFileSync(join(dir, '4194305-cut.part'), 'x');
    t.reopen();
    expect(stagedFiles(t)).toEqual([]);
  });
});

describe('the browser host', () => {
  let t: TempApp;
  let host: HttpHost;
  beforeAll(async () => {
    t = tempApp({ start: START });
    host = await startHttpHost({ dispatch: t.app.dispatch, rendererDir: 'out/renderer', port: 0, uploads: t.app.uploads, events: t.app.events, maxUploadBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await host.close();
    t.dispose();
  });
  const base = (): string => `http://127.0.0.1:${host.port}`;
  const upload = (name: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${base()}/api/import.stage?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: host.token, ...headers },
      body,
      // Node's fetch needs this for a streamed body.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  const api = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`${base()}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
      body: JSON.stringify(input),
    });
    const r = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!r.ok) throw new Error(r.error?.message);
    return r.value;
  };

  it('takes the raw file once and previews it by id', async () => {
    const res = await upload('words.tsv', rows(4));
    expect(res.status).toBe(200);
    const r = (await res.json()) as { ok: true; value: StagedImport };
    expect(r).toMatchObject({ ok: true, value: { fileName: 'words.tsv', bytes: Buffer.byteLength(rows(4)) } });
    const preview = await api<ImportPreview>('import.preview', { stageId: r.value.stageId });
    expect(preview.counts.new).toBe(4);
    await api('import.discard', { stageId: r.value.stageId });
  });

  it('refuses a wrong token, a missing name and a body over the limit, keeping nothing', async () => {
    expect((await upload('a.tsv', rows(2), { [TOKEN_HEADER]: 'wrong' })).status).toBe(401);
    const noName = await fetch(`${base()}/api/import.stage`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: host.token },
      body: 'x',
    });
    expect(noName.status).toBe(400);
    const declared = await upload('big.tsv', new Uint8Array(256 * 1024 + 1));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'big.tsv: the file is larger than the 256 KiB import limit' } });
    // No declared length: refused while it streams.
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new Uint8Array(8 * 1024));
        c.close();
      },
    });
    expect((await upload('streamed.tsv', chunks)).status).toBe(413);
    expect(stagedFiles(t)).toEqual([]);
  });

  it('pushes the commit’s progress as Server-Sent Events, to a stream with the token only', async () => {
    expect((await fetch(`${base()}/api/events?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base()}/api/events`)).status).toBe(401);
    const controller = new AbortController();
    const stream = await fetch(`${base()}/api/events?token=${host.token}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events: AppEvent[] = [];
    const reading = (async () => {
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as AppEvent);
        }
        if (events.some((e) => e.type === 'import.progress' && e.progress.state === 'done')) return void (await reader.cancel());
      }
    })();
    const staged = (await (await upload('many.tsv', rows(4500))).json()) as { value: StagedImport };
    const result = await api<ImportResult>('import.commit', { stageId: staged.value.stageId, jobId: 'sse-job' });
    expect(result.notes).toBe(4500);
    await reading;
    controller.abort();
    const mine = events.flatMap((e) => (e.type === 'import.progress' && e.progress.jobId === 'sse-job' ? [e.progress] : []));
    const writing = mine.filter((p) => p.state === 'writing');
    // 4,500 notes are written in chunks of 2,000: progress after each, then done (the total counts the import record too).
    expect(writing.map((p) => p.done)).toEqual([0, 2000, 4000, 4500]);
    expect(mine.at(-1)).toMatchObject({ state: 'done', done: 4501, total: 4501 });
  });
});
