/**
 * The renderer's one view of sync: the last status from the main process, the progress it pushes,
 * and the calls that change it. The nav's small status and the Sync page read the same store, so
 * there is one event subscription and one status request, whatever is on screen.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { SyncConnectResult, SyncProgress, SyncStatus } from '../../../../shared/api/sync-contract';
import { errorMessage } from '../../api/error-message';
import { call, onEvent } from '../../api/transport';

export interface SyncView {
  status: SyncStatus | null;
  /** Progress of the running sync (pushed by the main process). */
  progress: SyncProgress | null;
  /** A call that failed outright (the main process was not reachable, or refused the input). */
  callError: string | null;
}

let view: SyncView = { status: null, progress: null, callError: null };
const listeners = new Set<() => void>();
let stopEvents: (() => void) | null = null;
let watchers = 0;
let inFlight: Promise<SyncStatus> | null = null;

function update(next: Partial<SyncView>): void {
  view = { ...view, ...next };
  for (const l of [...listeners]) l();
}

/**
 * Listen to pushed progress while someone needs it (the Sync page is open, or a sync this window
 * started runs): an open event stream would otherwise stay open for nothing. Returns the stop.
 */
function watchProgress(): () => void {
  watchers += 1;
  stopEvents ??= onEvent((e) => {
    if (e.type !== 'sync.progress') return;
    update({ progress: e.progress });
    // A sync started elsewhere (another window) has finished: fetch its result.
    if ((e.progress.phase === 'done' || e.progress.phase === 'failed') && !inFlight) void refreshSync();
  });
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    watchers -= 1;
    if (watchers === 0) {
      stopEvents?.();
      stopEvents = null;
    }
  };
}

/** Follow sync progress while the calling component is mounted. */
export function useSyncProgress(): void {
  useEffect(() => watchProgress(), []);
}

export function subscribeSync(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function getSyncView(): SyncView {
  return view;
}

export function useSyncView(): SyncView {
  return useSyncExternalStore(subscribeSync, getSyncView);
}

/** Ask the main process for the status again. */
export async function refreshSync(): Promise<SyncStatus | null> {
  try {
    const status = await call('sync.status', {});
    update({ status, callError: null, progress: status.running ? view.progress : null });
    return status;
  } catch (err) {
    update({ callError: errorMessage(err) });
    return null;
  }
}

/** Sync now (or wait for the sync already running); the result is in the status. */
export function syncNow(): Promise<SyncStatus> {
  if (inFlight) return inFlight;
  const unwatch = watchProgress();
  update({ progress: { phase: 'preparing', done: 0, total: 0 }, status: view.status ? { ...view.status, running: true } : null });
  inFlight = call('sync.now', {})
    .then((status) => {
      update({ status, progress: null, callError: null });
      return status;
    })
    .catch((err: unknown) => {
      update({ progress: null, callError: errorMessage(err) });
      throw err;
    })
    .finally(() => {
      inFlight = null;
      unwatch();
    });
  return inFlight;
}

/** Keep the status a connect, disconnect or sync answered with. */
export function acceptStatus(status: SyncStatus): void {
  update({ status, callError: null });
}

export function acceptConnect(result: SyncConnectResult): void {
  if (result.connected) acceptStatus(result.status);
}
