/**
 * Reading the other devices' folders: per device, the files after what was merged before, in seq
 * order (a snapshot when it covers what is missing), each merged in batches and the device's
 * position moved on with the last batch. A file that does not verify is skipped this time and
 * the device's later files wait for it (they are read again at the next sync).
 */
import { DEVICES_DIR, decodeSyncFile, isDeviceFolder, parseSyncFileName, type SyncFileName } from '../../core/sync/sync-files';
import type { SyncEvent } from '../../core/sync/sync-events';
import { readPeerName } from './device-names';
import { mergeEvents } from './merge-events';
import type { SyncRun } from './sync-run-types';
import { joinPath } from './targets/sync-target';

const BATCH = 2_000;

/** The files to try next after `pos`, best first: one that continues from it and reaches furthest (a run of events before a snapshot). */
function nextCandidates(files: readonly SyncFileName[], pos: number): SyncFileName[] {
  return files
    .filter((f) => f.firstSeq <= pos + 1 && f.lastSeq > pos)
    .sort((a, b) => (a.kind === b.kind ? b.lastSeq - a.lastSeq : a.kind === 'events' ? -1 : 1));
}

function mergeFile(run: SyncRun, device: string, file: SyncFileName, events: readonly SyncEvent[]): { events: number; answers: number } {
  const { repos, journal } = run.deps;
  let received = 0;
  let answers = 0;
  const mergeBatch = (batch: readonly SyncEvent[]): void => {
    const r = mergeEvents(repos, journal, run.appliers, batch);
    received += r.received;
    answers += r.answers;
  };
  for (let i = 0; i + BATCH < events.length; i += BATCH) {
    mergeBatch(events.slice(i, i + BATCH));
    run.progress('merging', i + BATCH, events.length);
  }
  const lastStart = events.length === 0 ? 0 : Math.floor((events.length - 1) / BATCH) * BATCH;
  // The last batch and the device's new position commit together: a crash before it merges the file again.
  repos.db.transaction(() => {
    mergeBatch(events.slice(lastStart));
    const lastId = events.reduce((m, e) => (e.id > m ? e.id : m), repos.sync.peer(device)?.lastId ?? '');
    repos.sync.setPeer({ device, mergedSeq: file.lastSeq, lastId, mergedAt: run.deps.clock.now() });
  }).immediate();
  return { events: received, answers };
}

export async function mergePeers(run: SyncRun): Promise<void> {
  const own = run.deps.journal.device;
  const devices = (await run.target.list(DEVICES_DIR)).filter((e) => e.folder && isDeviceFolder(e.name) && e.name !== own).map((e) => e.name);
  for (const [d, device] of devices.entries()) {
    run.progress('receiving', d, devices.length);
    const folder = joinPath(DEVICES_DIR, device);
    const files = (await run.target.list(folder)).filter((e) => !e.folder).map((e) => parseSyncFileName(e.name)).filter((f): f is SyncFileName => f !== null);
    let pos = run.deps.repos.sync.peer(device)?.mergedSeq ?? 0;
    const tally = { id: device, name: await readPeerName(run, device), events: 0, answers: 0 };
    for (;;) {
      let merged = false;
      for (const file of nextCandidates(files, pos)) {
        const data = await run.target.read(joinPath(folder, file.name));
        const decoded = data ? decodeSyncFile(device, file, data) : ({ ok: false, reason: 'not_ready', message: `${file.name}: gone before it could be read` } as const);
        if (!decoded.ok) {
          run.report.skippedFiles += 1;
          run.unreadable.push({ file: `${device}/${file.name}`, reason: decoded.reason, message: decoded.message });
          continue;
        }
        const r = mergeFile(run, device, file, decoded.content.events);
        tally.events += r.events;
        tally.answers += r.answers;
        pos = file.lastSeq;
        merged = true;
        run.progress('merging', pos, Math.max(pos, ...files.map((f) => f.lastSeq)));
        break;
      }
      if (!merged) break;
    }
    if (tally.events > 0) {
      run.report.received.devices.push(tally);
      run.report.received.events += tally.events;
      run.report.received.answers += tally.answers;
    }
  }
  run.progress('receiving', devices.length, devices.length);
}
