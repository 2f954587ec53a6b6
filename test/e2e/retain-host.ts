/**
 * Starts the real local HTTP host (the built `out/main/serve.js`) on a free port with a fresh data
 * folder and a test clock, for one spec. The clock moves both the server (POST /__test__/clock)
 * and, when a page is given, the page's own clock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

export interface RetainHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  now: number;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  setClock(epochMs: number, page?: Page): Promise<void>;
  advanceClock(ms: number, page?: Page): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = resolve(process.cwd());

export async function startRetainHost(options: { start?: number; dataDir?: string; timeZone?: string } = {}): Promise<RetainHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'retain-e2e-'));
  let now = options.start ?? Date.UTC(2026, 2, 10, 9, 0, 0);
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'out', 'main', 'serve.js'), '--port', '0', '--data-dir', dataDir, '--test-clock', String(now), '--time-zone', options.timeZone ?? 'UTC'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`host did not start: ${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.on('exit', (code) => rej(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const origin = parsed.origin;

  async function post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(origin + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retain-token': token },
      body: JSON.stringify(body ?? {}),
    });
    return res.json();
  }

  const host: RetainHost = {
    url,
    origin,
    token,
    dataDir,
    get now() {
      return now;
    },
    async call<T>(method: string, input?: unknown): Promise<T> {
      const r = (await post(`/api/${method}`, input ?? {})) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!r.ok) throw new Error(`${method}: ${r.error?.code}: ${r.error?.message}`);
      return r.value as T;
    },
    async setClock(epochMs, page) {
      now = epochMs;
      await post('/__test__/clock', { set: epochMs });
      if (page) await page.clock.setSystemTime(epochMs);
    },
    async advanceClock(ms, page) {
      now += ms;
      await post('/__test__/clock', { set: now });
      if (page) await page.clock.setSystemTime(now);
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return host;
}
