/**
 * One sync, step by step (docs/sync.md): record what has no event yet → check this device's folder
 * (a restored backup or a copied folder takes a new device id) → upload media → write this device's
 * new events → merge the other devices' files → fetch the media they list → compact this device's
 * old files. Every step can stop on a target error; what was done before it stays done, and the
 * next sync goes on from there.
 */
import { FORMAT_FILE, DEVICES_DIR, SYNC_FORMAT, SYNC_ROOT } from '../../core/sync/sync-files';
import { publishDeviceName } from './device-names';
import { downloadMedia, uploadMedia } from './sync-media';
import { checkOwnFolder, compactOwnFiles, exportLocal } from './sync-own-files';
import { mergePeers } from './sync-peers';
import type { SyncRun } from './sync-run-types';
import { SyncTargetError, type SyncTarget } from './targets/sync-target';

export { emptyReport, thisComputerName, type SyncRun, type SyncRunDeps } from './sync-run-types';

/** The format marker at the top of the sync folder: written once; a newer format is refused. */
async function checkFormat(target: SyncTarget): Promise<void> {
  const existing = await target.read(FORMAT_FILE);
  if (existing) {
    let format: unknown = null;
    try {
      format = (JSON.parse(Buffer.from(existing).toString('utf8')) as { format?: unknown }).format;
    } catch {
      // A damaged marker: ours has the same content, write it again below.
    }
    if (typeof format === 'number' && format > SYNC_FORMAT)
      throw new SyncTargetError('other', `${target.label} holds sync files of a newer Retain (format ${format}): update Retain on this computer first.`);
    if (format === SYNC_FORMAT) return;
  }
  await target.makeFolder(SYNC_ROOT);
  await target.write(FORMAT_FILE, new TextEncoder().encode(JSON.stringify({ format: SYNC_FORMAT })));
}

export async function runSync(run: SyncRun): Promise<void> {
  const { deps } = run;
  run.progress('preparing', 0, 0);
  run.genesis(deps);
  await checkFormat(run.target);
  await run.target.makeFolder(DEVICES_DIR);
  await checkOwnFolder(run);
  await uploadMedia(run);
  await exportLocal(run);
  const device = deps.journal.device;
  if (device) await publishDeviceName(run, device, run.computerName);
  await mergePeers(run);
  await downloadMedia(run);
  await compactOwnFiles(run);
}
