/**
 * Host 2: a local HTTP server over the same dispatch as the Electron host. It serves the built
 * renderer and `POST /api/<method>`, bound to 127.0.0.1 only. Like Jupyter, each launch has a
 * random token: API calls without it get 401. A Host header other than 127.0.0.1/localhost gets
 * 403 (DNS rebinding), as does a foreign Origin; API bodies must be JSON. No CORS headers are sent.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../api/dispatch';
import type { ManualClock } from '../core/clock';

export const TOKEN_HEADER = 'x-retain-token';
/** Largest API request body (imports travel as base64 inside JSON). */
export const MAX_BODY_BYTES = 200 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface HttpHostOptions {
  dispatch: Dispatch;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  port?: number;
  token?: string;
  /** When set, `POST /__test__/clock` moves this clock (end-to-end tests only). */
  testClock?: ManualClock;
}

export interface HttpHost {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too_large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererRoot = resolve(options.rendererDir);
  let port = options.port ?? 0;

  const allowedHost = (host: string | undefined): boolean =>
    host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined): boolean =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'use POST' }));
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !sameToken(given, token)) return send(res, 401, JSON.stringify({ error: 'missing or wrong token' }));
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return send(res, 415, JSON.stringify({ error: 'the body must be application/json' }));
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      return send(res, 413, JSON.stringify({ error: `the body is larger than ${MAX_BODY_BYTES} bytes` }));
    }
    let input: unknown;
    try {
      input = text.length ? JSON.parse(text) : {};
    } catch {
      return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'the body is not valid JSON' } }));
    }
    if (path === '/__test__/clock' && options.testClock) {
      const body = input as { set?: number; advance?: number };
      if (typeof body.set === 'number') options.testClock.set(body.set);
      if (typeof body.advance === 'number') options.testClock.advance(body.advance);
      return send(res, 200, JSON.stringify({ ok: true, value: { now: options.testClock.now() } }));
    }
    const method = decodeURIComponent(path.slice('/api/'.length));
    const result = await options.dispatch(method, input);
    send(res, 200, JSON.stringify(result));
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed', 'text/plain');
    const rel = path === '/' ? 'index.html' : decodeURIComponent(path).replace(/^\/+/, '');
    const file = resolve(rendererRoot, normalize(rel));
    if (file !== rendererRoot && !file.startsWith(rendererRoot + sep)) return send(res, 404, 'not found', 'text/plain');
    let target = file;
    if (!existsSync(target) || !statSync(target).isFile()) {
      // Client-side routes fall back to the app shell; missing assets are 404.
      if (extname(rel)) return send(res, 404, 'not found', 'text/plain');
      target = join(rendererRoot, 'index.html');
      if (!existsSync(target)) return send(res, 500, 'the renderer is not built: run `npm run build`', 'text/plain');
    }
    res.writeHead(200, {
      'content-type': MIME[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': extname(target) === '.html' ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  }

  const server = createServer((req, res) => {
    if (!allowedHost(req.headers.host)) return send(res, 403, JSON.stringify({ error: 'forbidden host' }));
    if (!allowedOrigin(req.headers.origin)) return send(res, 403, JSON.stringify({ error: 'forbidden origin' }));
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/api/') || path === '/__test__/clock') {
      handleApi(req, res, path).catch((err: unknown) => {
        send(res, 500, JSON.stringify({ ok: false, error: { code: 'internal', message: String(err) } }));
      });
      return;
    }
    handleStatic(req, res, path);
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
