/**
 * Host 2: a local HTTP server over the same dispatch as the Electron host. It serves the built
 * renderer and `POST /api/<method>`, bound to 127.0.0.1 only. Like Jupyter, each launch has a
 * random token: API calls without it get 401. A Host header other than 127.0.0.1/localhost gets
 * 403 (DNS rebinding), as does a foreign Origin; API bodies must be JSON, except an import file
 * streamed to `POST /api/import.stage?name=…` (upload.ts). `GET /api/events?token=…` pushes events
 * as Server-Sent Events (event-stream.ts). No CORS headers are sent.
 *
 * No request can end the process: a target that is not an origin-form path or does not decode
 * gets 400, a body over the limit 413 (checked while it streams), and any error in a handler 500.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../api/dispatch';
import type { ManualClock } from '../core/clock';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { streamEvents, type EventFeed } from './event-stream';
import { receiveUpload, UPLOAD_PATH, UPLOAD_TYPE, type UploadTarget } from './upload';
import { EVENT_STREAM_PATH } from '../../shared/api/app-events';

export { CONTENT_SECURITY_POLICY } from './content-security-policy';

export const TOKEN_HEADER = 'x-retain-token';
/** Largest JSON API request body (import files are streamed apart, see upload.ts). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

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

export interface HttpHostOptions {
  dispatch: Dispatch;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  port?: number;
  token?: string;
  /** When set, `POST /__test__/clock` moves this clock (end-to-end tests only). */
  testClock?: ManualClock;
  /** The policy sent with each page, asked per response so it follows the settings. */
  contentSecurityPolicy?: () => string;
  /** Largest API body; MAX_BODY_BYTES unless set. */
  maxBodyBytes?: number;
  /** Where import files sent to `POST /api/import.stage` are streamed; without it that path takes JSON only. */
  uploads?: UploadTarget;
  /** Largest import file streamed in; IMPORT_MAX_BYTES unless set. */
  maxUploadBytes?: number;
  /** What `GET /api/events` pushes; without it that path is 404. */
  events?: EventFeed;
  /** Told about unexpected errors (answered with 500); console.error unless set. */
  onError?: (err: unknown) => void;
}

export interface HttpHost {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
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

const apiError = (code: string, message: string): string => JSON.stringify({ ok: false, error: { code, message } });

/** The client went away before its request body ended: nothing to answer, nothing to report. */
class ClientGone extends Error {}

/** The body, or 'too_large' as soon as more than `max` bytes have arrived (the rest is then discarded). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > max) {
        settled = true;
        chunks.length = 0;
        resolveBody('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!settled) {
        settled = true;
        resolveBody(Buffer.concat(chunks));
      }
    });
    const gone = (): void => {
      if (!settled) {
        settled = true;
        reject(new ClientGone('the client closed the connection before the body ended'));
      }
    };
    req.on('error', gone);
    req.on('close', gone);
  });
}

/** The decoded path of an origin-form request target (`/a/b?x`), or null when the target is malformed. */
export function requestPath(target: string | undefined): string | null {
  if (!target || target[0] !== '/' || target.startsWith('//')) return null;
  let pathname: string;
  try {
    pathname = new URL(target, 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  return decoded.includes('\0') ? null : decoded;
}

export function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererRoot = resolve(options.rendererDir);
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const csp = options.contentSecurityPolicy ?? (() => CONTENT_SECURITY_POLICY);
  const onError = options.onError ?? ((err: unknown) => console.error('[http]', err));
  let port = options.port ?? 0;

  const allowedHost = (host: string | undefined): boolean =>
    host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined): boolean =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, JSON.stringify({ error: 'use GET' }));
    const given = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? '';
    if (!sameToken(given, token)) return send(res, 401, JSON.stringify({ error: 'missing or wrong token' }));
    if (!options.events) return send(res, 404, JSON.stringify({ error: 'no events here' }));
    streamEvents(req, res, options.events);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, uploads: UploadTarget): Promise<void> {
    const outcome = await receiveUpload(req, uploads, options.maxUploadBytes);
    if (outcome === 'client_gone') return void res.destroy();
    if (outcome.status === 413) {
      res.setHeader('connection', 'close');
      setTimeout(() => req.destroy(), 1000).unref();
    }
    send(res, outcome.status, JSON.stringify(outcome.result));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === EVENT_STREAM_PATH) return handleEvents(req, res);
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'use POST' }));
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !sameToken(given, token)) return send(res, 401, JSON.stringify({ error: 'missing or wrong token' }));
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (path === UPLOAD_PATH && type === UPLOAD_TYPE && options.uploads) return handleUpload(req, res, options.uploads);
    if (type !== 'application/json') return send(res, 415, JSON.stringify({ error: 'the body must be application/json' }));
    const tooLarge = (): void => {
      res.setHeader('connection', 'close');
      send(res, 413, apiError('invalid_input', `the body is larger than ${maxBody} bytes`));
      // Let the answer reach the client, then stop reading what is left of the body.
      setTimeout(() => req.destroy(), 1000).unref();
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) return tooLarge();
    const body = await readBody(req, maxBody);
    if (body === 'too_large') return tooLarge();
    let input: unknown;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      input = text.length ? JSON.parse(text) : {};
    } catch {
      return send(res, 400, apiError('invalid_input', 'the body is not valid UTF-8 JSON'));
    }
    if (path === '/__test__/clock' && options.testClock) {
      if (typeof input !== 'object' || input === null) return send(res, 400, apiError('invalid_input', 'the body must be an object'));
      const clock = input as { set?: unknown; advance?: unknown };
      if (typeof clock.set === 'number') options.testClock.set(clock.set);
      if (typeof clock.advance === 'number') options.testClock.advance(clock.advance);
      return send(res, 200, JSON.stringify({ ok: true, value: { now: options.testClock.now() } }));
    }
    const result = await options.dispatch(path.slice('/api/'.length), input);
    send(res, 200, JSON.stringify(result));
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed', 'text/plain');
    const rel = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
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
      'content-security-policy': csp(),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': extname(target) === '.html' ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target)
      .on('error', (err) => {
        onError(err);
        res.destroy();
      })
      .pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req.headers.host)) return send(res, 403, JSON.stringify({ error: 'forbidden host' }));
    if (!allowedOrigin(req.headers.origin)) return send(res, 403, JSON.stringify({ error: 'forbidden origin' }));
    const path = requestPath(req.url);
    if (path === null) return send(res, 400, apiError('invalid_input', 'the request target is not a valid, percent-encoded path'));
    if (path.startsWith('/api/') || path === '/__test__/clock') return handleApi(req, res, path);
    handleStatic(req, res, path);
  }

  const server = createServer((req, res) => {
    // Every request goes through one guard: whatever a handler throws becomes a 500.
    handle(req, res).catch((err: unknown) => {
      if (err instanceof ClientGone) return void res.destroy();
      onError(err);
      send(res, 500, apiError('internal', 'the server could not answer this request'));
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
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
