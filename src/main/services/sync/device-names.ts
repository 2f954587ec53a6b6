/**
 * Computer names: each device keeps its name (the computer's host name) in a small `device.json`
 * in its own folder, and the others show it instead of the device id ("Received 12 answers from
 * Laptop"). The file is untrusted like any other: read only while small, checked, and cleaned of
 * control characters; a device without a readable name is shown by its id.
 */
import { z } from 'zod';
import { DEVICES_DIR } from '../../core/sync/sync-files';
import type { SyncRepo } from '../../db/repos/sync-repo';
import type { SyncRun } from './sync-run-types';
import { joinPath } from './targets/sync-target';

export const DEVICE_NAME_FILE = 'device.json';
const MAX_BYTES = 4096;
const MAX_NAME = 80;
const nameFile = z.object({ name: z.string() });
const peerKey = (device: string): string => `peer_name:${device}`;

/** A name as shown: control and format characters gone, spaces collapsed, at most MAX_NAME characters; null when nothing is left. */
export function cleanDeviceName(raw: string): string | null {
  const name = raw.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return name === '' ? null : [...name].slice(0, MAX_NAME).join('');
}

/** Write this device's name into its folder when the file there does not already say it. */
export async function publishDeviceName(run: SyncRun, device: string, name: string): Promise<void> {
  const path = joinPath(DEVICES_DIR, device, DEVICE_NAME_FILE);
  const want = JSON.stringify({ name });
  const have = await run.target.read(path);
  if (have && Buffer.from(have).toString('utf8') === want) return;
  await run.target.write(path, new TextEncoder().encode(want));
}

/** The name another device gives itself (kept for the Sync page), or the one kept before when its file cannot be read now. */
export async function readPeerName(run: SyncRun, device: string): Promise<string | null> {
  const data = await run.target.read(joinPath(DEVICES_DIR, device, DEVICE_NAME_FILE));
  let name: string | null = null;
  if (data && data.byteLength <= MAX_BYTES) {
    try {
      const parsed = nameFile.safeParse(JSON.parse(Buffer.from(data).toString('utf8')));
      if (parsed.success) name = cleanDeviceName(parsed.data.name);
    } catch {
      // Not JSON: shown by its id.
    }
  }
  const sync = run.deps.repos.sync;
  if (name === null) return storedPeerName(sync, device);
  if (name !== storedPeerName(sync, device)) run.deps.repos.db.transaction(() => sync.setState(peerKey(device), name)).immediate();
  return name;
}

/** The name kept for another device (null: none known). */
export function storedPeerName(sync: SyncRepo, device: string): string | null {
  return sync.state(peerKey(device)) ?? null;
}
