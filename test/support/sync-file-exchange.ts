/**
 * Exchanging events through the real file layer: each device syncs (its sync service, a folder
 * target) with a folder of its own, and a simulated folder-sync service copies the files between
 * the folders in random order: sometimes a file arrives cut short first (a copy still being
 * written) and whole later, sometimes with a "conflicted copy" beside it, sometimes twice.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomIndex, shuffle } from '../../src/main/core/quiz/rng';
import { DEVICES_DIR } from '../../src/main/core/sync/sync-files';
import type { SyncDevice } from './sync-devices';
import type { Exchange, ExchangeFigures } from './sync-exchange';

interface FileCopy {
  /** Path under the folder: "retain-sync/devices/<id>/<name>". */
  path: string;
  from: string;
}

function filesOf(folder: string): string[] {
  const devices = join(folder, DEVICES_DIR);
  if (!existsSync(devices)) return [];
  return readdirSync(devices).flatMap((device) => readdirSync(join(devices, device)).map((name) => `${DEVICES_DIR}/${device}/${name}`));
}

export async function fileExchange(devices: readonly SyncDevice[], root: string): Promise<Exchange> {
  const folders = devices.map((_, k) => join(root, `folder-${k}`));
  for (const f of folders) {
    rmSync(f, { recursive: true, force: true });
    mkdirSync(f, { recursive: true });
  }
  for (const [k, d] of devices.entries()) {
    const r = await d.app.services.sync.connect({ kind: 'folder', path: folders[k] as string });
    if (!r.connected) throw new Error(`${d.name} could not connect to its folder: ${JSON.stringify(r)}`);
  }
  const figures: ExchangeFigures = { delivered: 0, merges: 0 };

  const sync = async (d: SyncDevice): Promise<void> => {
    const status = await d.app.services.sync.syncNow();
    figures.merges += 1;
    if (status.lastError && status.lastError.code !== 'damaged_files') throw new Error(`${d.name} sync failed: ${JSON.stringify(status.lastError)}`);
  };
  /** Files in folder `a` that folder `b` lacks or holds cut short (b's own files are b's to write). */
  const missing = (a: number, b: number): FileCopy[] => {
    const own = `${DEVICES_DIR}/${devices[b]?.app.services.journal.device ?? ''}/`;
    const from = folders[a] as string;
    const to = folders[b] as string;
    return filesOf(from)
      .filter((p) => !p.startsWith(own) && !p.includes('conflicted copy') && !p.endsWith('.tmp'))
      .filter((p) => !existsSync(join(to, p)) || statSync(join(to, p)).size !== statSync(join(from, p)).size)
      .map((path) => ({ path, from }));
  };
  const put = (c: FileCopy, to: string, how: 'whole' | 'cut' | 'conflict'): void => {
    const target = join(to, c.path);
    mkdirSync(join(target, '..'), { recursive: true });
    if (how === 'whole') copyFileSync(join(c.from, c.path), target);
    else if (how === 'cut') {
      const bytes = readFileSync(join(c.from, c.path));
      writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
    } else copyFileSync(join(c.from, c.path), target.replace(/\.events\.gz$/, ' (conflicted copy).events.gz'));
    figures.delivered += 1;
  };

  return {
    figures,
    async randomStep(rng) {
      const log: string[] = [];
      for (const d of shuffle(devices, rng)) {
        if (rng() < 0.6) {
          await sync(d);
          log.push(`${d.name} syncs`);
        }
      }
      for (let a = 0; a < devices.length; a++) {
        for (let b = 0; b < devices.length; b++) {
          if (a === b || rng() < 0.4) continue;
          const files = shuffle(missing(a, b), rng).slice(0, 1 + randomIndex(3, rng));
          for (const f of files) {
            const roll = rng();
            const how = roll < 0.25 ? 'cut' : roll < 0.35 ? 'conflict' : 'whole';
            put(f, folders[b] as string, how);
            log.push(`copy ${f.path.split('/').slice(-2).join('/')} ${a}>${b}${how === 'whole' ? '' : ` (${how === 'cut' ? 'cut short' : 'as a conflicted copy'})`}`);
          }
        }
      }
      return log;
    },
    async completeAll(rng) {
      const count = () => devices.reduce((n, d) => n + (d.rows<{ n: number }>('SELECT count(*) AS n FROM sync_log')[0]?.n ?? 0), 0);
      const before = count();
      for (const d of shuffle(devices, rng)) await sync(d);
      for (let pass = 0; pass < 2; pass++) {
        for (let a = 0; a < devices.length; a++) for (let b = 0; b < devices.length; b++) if (a !== b) for (const f of missing(a, b)) put(f, folders[b] as string, 'whole');
      }
      for (const d of shuffle(devices, rng)) await sync(d);
      return count() - before;
    },
  };
}
