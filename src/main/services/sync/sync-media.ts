/**
 * Media files travel by content: retain-sync/media/<sha-256>. A file of this collection the target
 * lacks is uploaded before the events that list it are written; a file another device listed
 * (its `media.add` merged into the media table) that this device lacks is downloaded, checked
 * against its hash and moved into the media folder. A file not uploaded yet is fetched next time.
 */
import { createHash } from 'node:crypto';
import { MEDIA_DIR, isMediaFileName } from '../../core/sync/sync-files';
import type { SyncRun } from './sync-run-types';
import { joinPath } from './targets/sync-target';

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function targetMedia(run: SyncRun): Promise<Set<string>> {
  const entries = await run.target.list(MEDIA_DIR);
  return new Set(entries.filter((e) => !e.folder && isMediaFileName(e.name)).map((e) => e.name));
}

export async function uploadMedia(run: SyncRun): Promise<void> {
  const rows = run.deps.repos.media.all();
  if (rows.length === 0) return;
  const there = await targetMedia(run);
  const missing = rows.filter((r) => !there.has(r.sha256));
  if (missing.length === 0) return;
  await run.target.makeFolder(MEDIA_DIR);
  for (const [i, row] of missing.entries()) {
    if (there.has(row.sha256)) continue;
    run.progress('sending', i, missing.length);
    const data = run.media.read(row.name);
    // A file missing or changed on disk is not sent under a hash it does not have.
    if (!data || sha256(data) !== row.sha256) continue;
    await run.target.write(joinPath(MEDIA_DIR, row.sha256), data);
    there.add(row.sha256);
    run.report.sent.media += 1;
  }
}

export async function downloadMedia(run: SyncRun): Promise<void> {
  const wanted = run.deps.repos.media.all().filter((r) => !run.media.exists(r.name));
  if (wanted.length === 0) return;
  const there = await targetMedia(run);
  const staging = run.media.staging();
  try {
    for (const [i, row] of wanted.entries()) {
      if (!there.has(row.sha256)) continue;
      run.progress('receiving', i, wanted.length);
      const data = await run.target.read(joinPath(MEDIA_DIR, row.sha256));
      if (!data || sha256(data) !== row.sha256) continue;
      staging.put(row.name, data);
    }
    run.report.received.media += staging.publish().length;
  } finally {
    staging.discard();
  }
}
