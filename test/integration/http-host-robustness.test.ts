/**
 * No request may end the local HTTP host: malformed URLs and percent-encoding get 400, bodies over
 * the limit 413, a dispatch that throws 500, and after each the same process still answers a
 * valid page load and API call. The host runs in a child process so an uncaught error shows as
 * the process exiting, not as a hidden error inside the test runner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAX_BODY = 64 * 1024;
let child: ChildProcess;
let port = 0;
let token = '';
let exited: string | null = null;
let stderr = '';
const tmp = mkdtempSync(join(tmpdir(), 'retain-host-'));

beforeAll(async () => {
  const rendererDir = join(tmp, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Retain</title><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir);
  const tsx = resolve('node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  child = spawn(tsx, [resolve('test/support/http-host-child.ts'), dataDir, rendererDir, String(MAX_BODY)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.on('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  await new Promise<void>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`the host did not start: ${stderr}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+) (\w+)/.exec(out);
      if (m?.[1] && m[2]) {
        port = Number(m[1]);
        token = m[2];
        clearTimeout(timer);
        res();
      }
    });
    child.on('exit', () => rej(new Error(`the host exited while starting: ${stderr}`)));
  });
});

afterAll(async () => {
  if (!exited) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** Send raw bytes; resolve with the status code of the first response (0 if the socket closed without one). */
function raw(request: string | Buffer, body?: AsyncIterable<Buffer>): Promise<number> {
  return new Promise((res, rej) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      socket.destroy();
      res(status);
    };
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (m?.[1] && text.includes('\r\n\r\n')) finish(Number(m[1]));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? finish(0) : rej(err)));
    socket.on('close', () => finish(0));
    socket.write(request);
    if (body) {
      void (async () => {
        for await (const chunk of body) {
          if (done || socket.destroyed) return;
          socket.write(chunk);
        }
      })().catch(() => undefined);
    }
  });
}

const hostHeader = () => `Host: 127.0.0.1:${port}\r\n`;
const get = (target: string) => raw(`GET ${target} HTTP/1.1\r\n${hostHeader()}Connection: close\r\n\r\n`);
const post = (target: string, body: string, extra = '') =>
  raw(
    `POST ${target} HTTP/1.1\r\n${hostHeader()}Content-Type: application/json\r\nX-Retain-Token: ${token}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`,
  );

/** The host still serves: the app shell loads and an API call returns its value. */
async function expectServing(): Promise<void> {
  expect(exited, `the host process ended: ${stderr}`).toBeNull();
  expect(await get('/')).toBe(200);
  const res = await fetch(`http://127.0.0.1:${port}/api/app.status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-retain-token': token },
    body: '{}',
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

describe('the HTTP host survives hostile requests', () => {
  it.each([
    ['//', 400],
    ['///', 400],
    ['//%c0', 400],
    ['/%c0', 400],
    ['/%', 400],
    ['/%zz', 400],
    ['/assets/%E0%A4%A', 400],
    ['/%00', 400],
    ['/assets/%00.js', 400],
    ['/..%2f..%2f..%2fetc%2fpasswd', 404],
    ['/assets/..%5c..%5cindex.html', 404],
    ['http://evil.example/x', 400],
    ['*', 400],
  ])('GET %s answers %i and the host keeps serving', async (target, status) => {
    expect(await get(target)).toBe(status);
    await expectServing();
  });

  it.each(['/api/%c0', '/api/%', '/api/app.status%', '/__test__/clock%'])('POST %s answers 400 and the host keeps serving', async (target) => {
    expect(await post(target, '{}')).toBe(400);
    await expectServing();
  });

  it('answers 400 to bytes that are not HTTP', async () => {
    expect(await raw('GARBAGE\r\n\r\n')).toBe(400);
    expect(await raw(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]))).toBe(400);
    expect(await raw(`GET /\x00 HTTP/1.1\r\n${hostHeader()}\r\n`)).toBe(400);
    await expectServing();
  });

  it('refuses a declared body over the limit with 413 before reading it', async () => {
    const status = await raw(
      `POST /api/app.status HTTP/1.1\r\n${hostHeader()}Content-Type: application/json\r\nX-Retain-Token: ${token}\r\n` +
        `Content-Length: ${MAX_BODY * 1000}\r\n\r\n{"a":"`,
    );
    expect(status).toBe(413);
    await expectServing();
  });

  it('stops a chunked body when it passes the limit with 413', async () => {
    async function* chunks(): AsyncIterable<Buffer> {
      const piece = Buffer.alloc(16 * 1024, 0x61);
      for (let i = 0; i < 64; i++) yield Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
      yield Buffer.from('0\r\n\r\n');
    }
    const status = await raw(
      `POST /api/app.status HTTP/1.1\r\n${hostHeader()}Content-Type: application/json\r\nX-Retain-Token: ${token}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      chunks(),
    );
    expect(status).toBe(413);
    await expectServing();
  });

  it('survives a client that goes away in the middle of a body', async () => {
    await new Promise<void>((res) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/app.status HTTP/1.1\r\n${hostHeader()}Content-Type: application/json\r\nX-Retain-Token: ${token}\r\nContent-Length: 1000\r\n\r\n{"x":`,
        );
        setTimeout(() => {
          socket.destroy();
          res();
        }, 50);
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    await expectServing();
  });

  it('answers 400 to a body that is not JSON, and to a test-clock body that is not an object', async () => {
    expect(await post('/api/app.status', '{"unterminated')).toBe(400);
    expect(await post('/api/app.status', '\u00ff\u00fe')).toBe(400);
    await expectServing();
  });

  it.each(['test.throw', 'test.reject', 'test.bigint'])('answers 500 when the dispatch fails (%s) and keeps serving', async (method) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retain-token': token },
      body: '{}',
    });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { ok: boolean; error: { code: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'internal' } });
    await expectServing();
  });

  it('keeps serving after 200 hostile requests in a row', async () => {
    const targets = ['//', '/%c0', '/%', '/%00', '//%ff', '/%%%'];
    const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => get(targets[i % targets.length] ?? '/')));
    expect(new Set(statuses)).toEqual(new Set([400]));
    await expectServing();
  });
});
