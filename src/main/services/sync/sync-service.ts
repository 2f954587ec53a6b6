/**
 * The sync service: where this collection syncs, "Sync now" (one sync at a time; a second call joins
 * the running one), the last report and problem, and automatic syncs (at start, some seconds after
 * the last change, and now and then to receive). A sync never blocks studying: it writes in short
 * transactions between file transfers, and its errors are only reported.
 */
import { randomBytes } from 'node:crypto';
import type { SyncConnectResult, SyncProgress, SyncStatus } from '../../../shared/api/sync-contract';
import type { AppEvents } from '../../api/app-events';
import { SYNC_ROOT } from '../../core/sync/sync-files';
import type { MediaStore } from '../media-store';
import type { ApplierDeps } from './applier-deps';
import { createAppliers } from './appliers';
import { recordUnjournaled } from './sync-genesis';
import { emptyReport, runSync, thisComputerName, type SyncRun, type SyncRunDeps } from './sync-run';
import type { SecretStore, SyncControl } from './sync-service-types';
import { cleanDeviceName, storedPeerName } from './device-names';
import { syncState, type StoredTarget } from './sync-state';
import { openTarget, webdavSecretKey } from './targets/open-target';
import { joinPath, syncProblemOf, type SyncTarget } from './targets/sync-target';

export interface SyncServiceDeps extends ApplierDeps {
  media: MediaStore;
  events: AppEvents;
  secrets: SecretStore;
}

export interface SyncServiceOptions {
  /** Sync on its own (the hosts turn this on; tests call syncNow). */
  auto?: boolean;
  /** A change is sent this long after the last one (default 30 s). */
  quietMs?: number;
  /** Receive at least this often while the app runs (default 10 min). */
  periodMs?: number;
  /** For tests: instead of the real genesis and appliers, the file size cap and the compaction point. */
  genesis?: SyncRunDeps['genesis'];
  appliers?: SyncRunDeps['appliers'];
  fileCap?: number;
  compactAfter?: number;
  /** This computer's name as the other devices show it (default: its host name). */
  computerName?: string;
}

export type SyncService = SyncControl;

export function createSyncService(deps: SyncServiceDeps, options: SyncServiceOptions = {}): SyncService {
  const state = syncState(deps.repos.sync);
  const computerName = cleanDeviceName(options.computerName ?? thisComputerName()) ?? 'this computer';
  let running: Promise<SyncStatus> | null = null;
  let progress: SyncProgress | null = null;
  let stopped = false;

  const status = (): SyncStatus => {
    const t = state.target();
    const report = state.lastReport();
    return {
      target: t ? (t.kind === 'folder' ? t : { ...t, hasPassword: deps.secrets.get(webdavSecretKey(t)) !== null }) : null,
      running: running !== null,
      progress: running ? progress : null,
      lastSyncAt: report?.at ?? null,
      lastReport: report,
      lastError: state.lastError(),
      device: { id: deps.journal.device, name: computerName },
      peers: deps.repos.sync.peers().map((p) => ({ id: p.device, name: storedPeerName(deps.repos.sync, p.device), mergedAt: p.mergedAt })),
      passwordStorage: deps.secrets.kind,
    };
  };

  const once = async (onProgress: ((p: SyncProgress) => void) | undefined): Promise<void> => {
    const emit = onProgress ?? ((p: SyncProgress) => deps.events.publish({ type: 'sync.progress', progress: p }));
    const started = performance.now();
    const stored = state.target();
    const run: SyncRun = {
      deps,
      appliers: options.appliers ?? createAppliers(deps),
      genesis: options.genesis ?? recordUnjournaled,
      media: deps.media,
      state,
      target: null as unknown as SyncTarget,
      fileCap: options.fileCap,
      compactAfter: options.compactAfter,
      computerName,
      report: emptyReport(deps.clock.now()),
      unreadable: [],
      progress(phase, done, total) {
        progress = { phase, done, total };
        emit(progress);
      },
    };
    try {
      if (!stored) throw new Error('No sync target is set: choose a folder or a WebDAV server on the Sync page.');
      run.target = openTarget(stored, deps.secrets);
      await runSync(run);
      run.report.durationMs = Math.round(performance.now() - started);
      const damaged = run.unreadable.filter((u) => u.reason === 'damaged');
      deps.repos.db.transaction(() => {
        state.setLastReport(run.report);
        state.setLastError(damaged.length > 0 ? { code: 'damaged_files', message: `${damaged.length} file(s) in the sync folder are damaged and were left out: ${damaged.map((d) => d.message).join('; ').slice(0, 500)}`, at: run.report.at } : null);
      }).immediate();
      run.progress('done', 1, 1);
    } catch (err) {
      try {
        state.setLastError({ ...syncProblemOf(err), at: deps.clock.now() });
      } catch {
        // The collection was closed under the sync: nothing to report to.
      }
      run.progress('failed', 0, 0);
    }
  };

  const syncNow = (onProgress?: (p: SyncProgress) => void): Promise<SyncStatus> => {
    if (running) return running;
    const finished = once(onProgress)
      .finally(() => {
        running = null;
        progress = null;
      })
      .then(() => status());
    running = finished;
    return finished;
  };

  /** Check the target answers, can be written and read back, and the password is right. */
  const probe = async (target: SyncTarget): Promise<void> => {
    await target.makeFolder(SYNC_ROOT);
    const path = joinPath(SYNC_ROOT, `.connection-test-${randomBytes(6).toString('hex')}.tmp`);
    const sent = randomBytes(32);
    await target.write(path, sent);
    const back = await target.read(path);
    await target.remove(path);
    if (!back || Buffer.compare(Buffer.from(back), sent) !== 0) throw new Error(`${target.label} did not give back what was written to it.`);
  };

  const connect: SyncControl['connect'] = async (input): Promise<SyncConnectResult> => {
    const stored: StoredTarget = input.kind === 'folder' ? { kind: 'folder', path: input.path } : { kind: 'webdav', url: input.url, username: input.username };
    try {
      await probe(openTarget(stored, deps.secrets, input.kind === 'webdav' ? input.password : undefined));
    } catch (err) {
      return { connected: false, problem: syncProblemOf(err) };
    }
    const previous = state.target();
    if (previous?.kind === 'webdav') deps.secrets.delete(webdavSecretKey(previous));
    if (input.kind === 'webdav') deps.secrets.set(webdavSecretKey(input), input.password);
    deps.repos.db.transaction(() => {
      // Another place holds none of this device's files: everything is written there again.
      if (JSON.stringify(previous) !== JSON.stringify(stored)) {
        state.setExportedSeq(0);
        state.setOwnFiles([]);
      }
      state.setTarget(stored);
      state.setLastError(null);
    }).immediate();
    if (options.auto) setTimeout(() => void syncNow(), 0).unref();
    return { connected: true, status: status() };
  };

  const disconnect = (): SyncStatus => {
    const previous = state.target();
    if (previous?.kind === 'webdav') deps.secrets.delete(webdavSecretKey(previous));
    deps.repos.db.transaction(() => {
      state.setTarget(null);
      state.setLastError(null);
    }).immediate();
    return status();
  };

  const timers: NodeJS.Timeout[] = [];
  if (options.auto) {
    const quietMs = options.quietMs ?? 30_000;
    const periodMs = options.periodMs ?? 600_000;
    let lastSeen = -1;
    let lastChange = Date.now();
    let lastRun = Date.now();
    const auto = (): void => {
      lastRun = Date.now();
      void syncNow();
    };
    const tick = (): void => {
      if (stopped || running || !state.target()) return;
      const seq = deps.repos.sync.maxSeq();
      if (seq !== lastSeen) {
        lastSeen = seq;
        lastChange = Date.now();
        return;
      }
      const unsent = seq > state.exportedSeq();
      if ((unsent && Date.now() - lastChange >= quietMs) || Date.now() - lastRun >= periodMs) auto();
    };
    const guarded = (fn: () => void) => () => {
      try {
        fn();
      } catch {
        // The collection closed between two ticks.
      }
    };
    timers.push(setTimeout(guarded(() => state.target() && auto()), 2_000).unref());
    timers.push(setInterval(guarded(tick), Math.max(1_000, Math.min(quietMs, 5_000))).unref());
  }

  return {
    status,
    connect,
    syncNow,
    disconnect,
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}
