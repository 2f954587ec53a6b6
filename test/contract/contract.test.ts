/**
 * The contract: every method has a handler; malformed input is refused with `invalid_input`
 * naming the field and writes nothing; the HTTP host gives the same results as the dispatch and
 * guards its door (token, Host, Origin, content type).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, METHODS } from '../../src/shared/api/contract';
import { createHandlers } from '../../src/main/api/handlers';
import { CONTENT_SECURITY_POLICY, startHttpHost, type HttpHost } from '../../src/main/http/http-host';
import { tempApp, type TempApp } from '../support/temp-app';

const START = Date.UTC(2026, 2, 10, 9, 0);
const SHELL = '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>\n';

describe('handler table', () => {
  it('has exactly one handler per contract method', () => {
    const t = tempApp({ start: START });
    try {
      const handlers = createHandlers(t.app.services);
      expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
      for (const m of METHODS) expect(typeof handlers[m]).toBe('function');
    } finally {
      t.dispose();
    }
  });
});

/** Inputs that no method accepts, plus one wrong-typed value per field of the method's input object. */
function malformedInputs(method: (typeof METHODS)[number]): unknown[] {
  const out: unknown[] = [null, 42, 'text', [1, 2], true];
  const schema = contract[method].input as z.ZodType;
  if (schema instanceof z.ZodObject) {
    for (const key of Object.keys(schema.shape)) out.push({ [key]: { not: 'valid' } });
  }
  return out;
}

describe('malformed input', () => {
  let t: TempApp;
  beforeAll(() => {
    t = tempApp({ start: START });
  });
  afterAll(() => t.dispose());

  it.each(METHODS.map((m) => [m]))('%s returns invalid_input naming the field, and writes nothing', async (method) => {
    const db = t.app.services.repos.db;
    const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    for (const input of malformedInputs(method)) {
      const before = changes();
      const r = await t.app.dispatch(method, input);
      expect(r, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!r.ok && input && typeof input === 'object' && !Array.isArray(input)) {
        const field = Object.keys(input)[0] ?? '';
        expect(r.error.message).toContain(field);
      }
      expect(changes()).toBe(before);
    }
  });

  it('an unknown method is refused', async () => {
    expect(await t.app.dispatch('cards.deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});

describe('HTTP host', () => {
  let a: TempApp;
  let b: TempApp;
  let host: HttpHost;
  let site: string;
  beforeAll(async () => {
    a = tempApp({ start: START });
    b = tempApp({ start: START });
    // A renderer folder of its own (the built one may be absent), with a file beside it that must stay out of reach.
    site = mkdtempSync(join(tmpdir(), 'retain-contract-site-'));
    mkdirSync(join(site, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(site, 'renderer', 'index.html'), SHELL);
    writeFileSync(join(site, 'renderer', 'assets', 'app.js'), 'export const loaded = true;\n');
    writeFileSync(join(site, 'secret.txt'), 'outside the renderer folder');
    host = await startHttpHost({ dispatch: b.app.dispatch, rendererDir: join(site, 'renderer'), port: 0 });
  });
  afterAll(async () => {
    await host.close();
    a.dispose();
    b.dispose();
    rmSync(site, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${host.port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retain-token': host.token, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('gives the same results as the dispatch for the same calls', async () => {
    const calls: Array<[string, unknown]> = [
      ['decks.list', {}],
      ['settings.update', { newPerDay: 3 }],
      ['review.next', { deckId: 2 }],
      ['review.answer', { cardId: 1, rating: 3, durationMs: 900 }],
      ['review.next', { deckId: 2 }],
      ['review.undo', { deckId: 2 }],
      ['review.answer', { cardId: 99999, rating: 3, durationMs: 1 }],
      ['review.next', { deckId: 'two' }],
      ['settings.get', {}],
      ['display.get', {}],
      ['display.update', { loadRemoteImages: true }],
      ['display.update', { loadRemoteImages: 'yes' }],
      ['display.get', {}],
    ];
    for (const [method, input] of calls) {
      const direct = await a.app.dispatch(method, input);
      const viaHttp = await (await post(`/api/${method}`, input)).json();
      expect(viaHttp, method).toEqual(JSON.parse(JSON.stringify(direct)));
    }
  });

  it('refuses calls without the token (401), with a foreign Host or Origin (403), and non-JSON bodies (415)', async () => {
    expect((await post('/api/decks.list', {}, { 'x-retain-token': '' })).status).toBe(401);
    expect((await post('/api/decks.list', {}, { 'x-retain-token': 'wrong' })).status).toBe(401);
    expect((await post('/api/decks.list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('/api/decks.list', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/decks.list', method: 'POST', headers: { host: `evil.example:${host.port}`, 'content-type': 'application/json', 'x-retain-token': host.token } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
    expect((await post('/api/decks.list', {}, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('sends no CORS headers and serves static files with a CSP, without leaving the renderer folder', async () => {
    const res = await post('/api/decks.list', {});
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = (path: string) => fetch(`http://127.0.0.1:${host.port}${path}`);
    for (const path of ['/', '/assets/app.js', '/review/2']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(page.headers.get('access-control-allow-origin'), path).toBeNull();
      // A client-side route answers with the app shell.
      expect(await page.text(), path).toBe(path === '/assets/app.js' ? 'export const loaded = true;\n' : SHELL);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    for (const escape of ['/..%2fsecret.txt', '/..%2f..%2fpackage.json', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const r = await get(escape);
      expect(r.status, escape).toBe(404);
      expect(await r.text(), escape).not.toContain('outside the renderer folder');
    }
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('answers malformed JSON with invalid_input', async () => {
    const r = await post('/api/decks.list', '{not json');
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
