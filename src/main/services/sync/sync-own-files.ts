/**
 * This device's own folder: its new events written out, its old files compacted into a snapshot,
 * and the check that no other copy of this collection writes there too (docs/sync.md, "Files").
 */
import { DEVICES_DIR, encodeSyncFile, parseSyncFileName, type SyncFileName } from '../../core/sync/sync-files';
import type { SyncEvent } from '../../core/sync/sync-events';
import type { SyncRun } from './sync-run-types';
import { joinPath } from './targets/sync-target';

const DEFAULT_CAP = 20_000;
const DEFAULT_COMPACT_AFTER = 32;
/**
 * A snapshot is built and read whole, so it is made only while it stays this small (about 40 MB of
 * JSON); a larger journal keeps its files as they are (each at most the file cap), which is as
 * correct and only slower to list.
 */
const SNAPSHOT_MAX_EVENTS = 200_000;

const folderOf = (device: string): string => joinPath(DEVICES_DIR, device);

/** This device's events with seqs first…last, in seq order. */
function localRange(run: SyncRun, first: number, last: number): SyncEvent[] {
  return run.deps.repos.sync
    .localAfter(first - 1, last - first + 1)
    .filter((e) => e.seq <= last)
    .map((e) => ({ id: e.id, entity: e.entity, type: e.type, body: e.body }));
}

function encodeLocal(run: SyncRun, device: string, f: Pick<SyncFileName, 'kind' | 'firstSeq' | 'lastSeq'>) {
  return encodeSyncFile({ device, firstSeq: f.firstSeq, lastSeq: f.lastSeq, events: localRange(run, f.firstSeq, f.lastSeq) }, f.kind);
}

async function ownFileNames(run: SyncRun, device: string): Promise<SyncFileName[]> {
  const entries = await run.target.list(folderOf(device));
  return entries
    .filter((e) => !e.folder)
    .map((e) => parseSyncFileName(e.name))
    .filter((f): f is SyncFileName => f !== null)
    .sort((a, b) => a.firstSeq - b.firstSeq || a.lastSeq - b.lastSeq);
}

/**
 * Files in this device's folder that it does not remember writing are its own only when its
 * journal gives exactly their content (a crash between writing a file and remembering it). Any
 * other file means another copy of this collection (a restored backup, a copied data folder) wrote
 * as this device: this copy takes a new device id, merges the old id's files like any other
 * device's, and writes all of its events again under the new id.
 */
export async function checkOwnFolder(run: SyncRun): Promise<void> {
  const { repos, journal } = run.deps;
  const device = journal.device;
  if (!device) return;
  const present = await ownFileNames(run, device);
  const known = new Set(run.state.ownFiles());
  let exported = run.state.exportedSeq();
  const names = new Set(present.map((f) => f.name));
  if ([...known].some((n) => !names.has(n))) {
    // Files it wrote were deleted from the target (by hand, or the folder was emptied): write again
    // whatever the remaining files no longer cover from seq 1 on.
    let covered = 0;
    for (const f of present) if (known.has(f.name) && f.firstSeq <= covered + 1 && f.lastSeq > covered) covered = f.lastSeq;
    for (const n of known) if (!names.has(n)) known.delete(n);
    exported = Math.min(exported, covered);
    repos.db.transaction(() => {
      run.state.setOwnFiles([...known]);
      run.state.setExportedSeq(exported);
    }).immediate();
  }
  const adopted: string[] = [];
  let foreign = false;
  for (const f of present) {
    if (known.has(f.name)) continue;
    if (f.lastSeq <= repos.sync.maxSeq() && encodeLocal(run, device, f).name === f.name) {
      adopted.push(f.name);
      if (f.kind === 'events' && f.firstSeq <= exported + 1 && f.lastSeq > exported) exported = f.lastSeq;
      continue;
    }
    foreign = true;
  }
  repos.db.transaction(() => {
    if (!foreign) {
      if (adopted.length === 0) return;
      run.state.setOwnFiles([...known, ...adopted]);
      run.state.setExportedSeq(exported);
      return;
    }
    // What this copy wrote out before is in the old folder too: merging resumes after it.
    const confirmed = run.state.exportedSeq();
    journal.renew();
    repos.sync.setPeer({ device, mergedSeq: confirmed, lastId: '', mergedAt: run.deps.clock.now() });
    run.state.setOwnFiles([]);
    run.state.setExportedSeq(0);
  }).immediate();
}

/** Write this device's events after the exported seq, in files of at most `fileCap` events. */
export async function exportLocal(run: SyncRun): Promise<void> {
  const { repos, journal } = run.deps;
  const device = journal.device;
  if (!device) return;
  const cap = run.fileCap ?? DEFAULT_CAP;
  const total = repos.sync.maxSeq() - run.state.exportedSeq();
  let done = 0;
  await run.target.makeFolder(folderOf(device));
  for (;;) {
    const exported = run.state.exportedSeq();
    const batch = repos.sync.localAfter(exported, cap);
    if (batch.length === 0) break;
    const last = batch[batch.length - 1]!.seq;
    const file = encodeSyncFile({ device, firstSeq: exported + 1, lastSeq: last, events: batch.map((e) => ({ id: e.id, entity: e.entity, type: e.type, body: e.body })) });
    run.progress('sending', done, total);
    await run.target.write(joinPath(folderOf(device), file.name), file.data);
    repos.db.transaction(() => {
      run.state.setOwnFiles([...run.state.ownFiles(), file.name]);
      run.state.setExportedSeq(last);
    }).immediate();
    done += batch.length;
    run.report.sent.events += batch.length;
    run.report.sent.answers += batch.filter((e) => e.type === 'review').length;
  }
  run.progress('sending', done, done);
}

/**
 * When this device has more than `compactAfter` files, write one snapshot of all it has written out
 * and delete the files it covers. Files a snapshot covers are deleted at every sync, so a crash
 * between the snapshot and the deletes only leaves them for the next sync.
 */
export async function compactOwnFiles(run: SyncRun): Promise<void> {
  const { repos, journal } = run.deps;
  const device = journal.device;
  if (!device) return;
  const exported = run.state.exportedSeq();
  let files = run.state.ownFiles().map(parseSyncFileName).filter((f): f is SyncFileName => f !== null);
  if (files.length > (run.compactAfter ?? DEFAULT_COMPACT_AFTER) && exported > 0 && repos.sync.countLocal() <= SNAPSHOT_MAX_EVENTS) {
    run.progress('tidying', 0, files.length);
    const snapshot = encodeLocal(run, device, { kind: 'snapshot', firstSeq: 1, lastSeq: exported });
    await run.target.write(joinPath(folderOf(device), snapshot.name), snapshot.data);
    repos.db.transaction(() => run.state.setOwnFiles([...run.state.ownFiles(), snapshot.name])).immediate();
    files = [...files, parseSyncFileName(snapshot.name)!];
  }
  const newest = files.filter((f) => f.kind === 'snapshot').sort((a, b) => b.lastSeq - a.lastSeq)[0];
  if (!newest) return;
  const covered = files.filter((f) => f !== newest && f.name !== newest.name && f.lastSeq <= newest.lastSeq);
  for (const [i, f] of covered.entries()) {
    run.progress('tidying', i, covered.length);
    await run.target.remove(joinPath(folderOf(device), f.name));
    repos.db.transaction(() => run.state.setOwnFiles(run.state.ownFiles().filter((n) => n !== f.name))).immediate();
  }
}
