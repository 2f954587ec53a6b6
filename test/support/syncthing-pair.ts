/**
 * Two Syncthing instances on loopback sharing one folder (Debian's `syncthing`): no discovery, no
 * relays, each dialling the other at 127.0.0.1. Each gets its own home, folder and ports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveCommand, stopChild } from './have-command';
import { freePort } from './rclone-webdav';

export interface SyncthingNode {
  folder: string;
  /** Ask Syncthing to look at the folder now (instead of waiting for its watcher). */
  scan(): Promise<void>;
}

export const haveSyncthing = (): boolean => haveCommand('syncthing', '--version', 'the Syncthing end-to-end test');

interface Instance {
  child: ChildProcess;
  id: string;
  api: string;
  key: string;
  listen: number;
  folder: string;
  log: () => string;
}

async function launch(root: string, name: string): Promise<Instance> {
  const home = join(root, `${name}-home`);
  const folder = join(root, `${name}-folder`);
  mkdirSync(folder, { recursive: true });
  const gen = spawnSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { encoding: 'utf8' });
  const id = /Device ID:\s*(\S+)/.exec(`${gen.stdout}${gen.stderr}`)?.[1];
  if (!id) throw new Error(`syncthing generate failed: ${gen.stderr}`);
  const [gui, listen] = [await freePort(), await freePort()];
  const configPath = join(home, 'config.xml');
  const config = readFileSync(configPath, 'utf8')
    .replace(/<address>127\.0\.0\.1:\d+<\/address>/, `<address>127.0.0.1:${gui}</address>`)
    .replace(/<listenAddress>default<\/listenAddress>/, `<listenAddress>tcp://127.0.0.1:${listen}</listenAddress>`)
    .replace(/<globalAnnounceEnabled>true/, '<globalAnnounceEnabled>false')
    .replace(/<localAnnounceEnabled>true/, '<localAnnounceEnabled>false')
    .replace(/<relaysEnabled>true/, '<relaysEnabled>false')
    .replace(/<natEnabled>true/, '<natEnabled>false')
    .replace(/<urAccepted>0/, '<urAccepted>-1')
    .replace(/<crashReportingEnabled>true/, '<crashReportingEnabled>false');
  writeFileSync(configPath, config);
  const key = /<apikey>([^<]+)<\/apikey>/.exec(config)?.[1] ?? '';
  let log = '';
  const child = spawn('syncthing', ['serve', `--home=${home}`, '--no-browser', '--no-restart', '--no-upgrade'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STNOUPGRADE: '1', STNODEFAULTFOLDER: '1' },
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const api = `http://127.0.0.1:${gui}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`syncthing exited: ${log}`);
    try {
      const r = await fetch(`${api}/rest/system/ping`, { headers: { 'X-API-Key': key } });
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`syncthing did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, id, api, key, listen, folder, log: () => log };
}

async function rest(i: Instance, method: string, path: string, body?: unknown): Promise<void> {
  const r = await fetch(`${i.api}${path}`, { method, headers: { 'X-API-Key': i.key, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!r.ok) throw new Error(`syncthing ${method} ${path}: ${r.status} ${await r.text()}`);
  await r.body?.cancel();
}

export async function startSyncthingPair(): Promise<{ a: SyncthingNode; b: SyncthingNode; stop(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'retain-syncthing-'));
  const nodes = [await launch(root, 'a'), await launch(root, 'b')];
  for (const [self, other] of [nodes, [...nodes].reverse()] as Array<[Instance, Instance]>) {
    await rest(self, 'POST', '/rest/config/devices', { deviceID: other.id, name: other === nodes[0] ? 'a' : 'b', addresses: [`tcp://127.0.0.1:${other.listen}`], autoAcceptFolders: false });
    await rest(self, 'POST', '/rest/config/folders', {
      id: 'retain',
      label: 'retain',
      path: self.folder,
      type: 'sendreceive',
      devices: [{ deviceID: self.id }, { deviceID: other.id }],
      rescanIntervalS: 2,
      fsWatcherEnabled: true,
      fsWatcherDelayS: 1,
    });
  }
  const node = (i: Instance): SyncthingNode => ({ folder: i.folder, scan: () => rest(i, 'POST', '/rest/db/scan?folder=retain') });
  return {
    a: node(nodes[0]!),
    b: node(nodes[1]!),
    async stop() {
      await Promise.all(nodes.map((n) => stopChild(n.child)));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
