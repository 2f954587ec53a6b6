/** A real WebDAV server for tests: `rclone serve webdav` on a free loopback port, with a user and password. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveCommand, stopChild } from './have-command';

export interface WebdavServer {
  url: string;
  user: string;
  pass: string;
  dir: string;
  stop(): Promise<void>;
}

export const haveRclone = (): boolean => haveCommand('rclone', 'version', 'the WebDAV end-to-end test');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startWebdav(): Promise<WebdavServer> {
  const dir = mkdtempSync(join(tmpdir(), 'retain-webdav-'));
  const port = await freePort();
  const user = 'retain';
  const pass = 'correct horse battery';
  const child: ChildProcess = spawn('rclone', ['serve', 'webdav', '--addr', `127.0.0.1:${port}`, '--user', user, '--pass', pass, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rclone serve webdav exited: ${log}`);
    try {
      const res = await fetch(url, { method: 'PROPFIND', headers: { Depth: '0' } });
      await res.body?.cancel();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`rclone serve webdav did not answer on ${url}: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    user,
    pass,
    dir,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
