/**
 * A sync after a review session (when it finishes or the user leaves the review screen), a few
 * seconds later so the last answers have reached the main process, and at most once a minute. It
 * runs only when a target is set up (and, for WebDAV, its password is known), never blocks anything,
 * and reports only on the Sync page and in the nav. (The main process syncs by itself at start,
 * some seconds after the last change, and now and then: see sync-service.ts.)
 */
import { autoSyncDelay, canSyncUnattended } from './auto-sync-policy';
import { refreshSync, syncNow } from './sync-store';

let lastAt: number | null = null;
let timer: number | null = null;

async function runAutoSync(): Promise<void> {
  lastAt = Date.now();
  const status = await refreshSync();
  if (!status || status.running || !canSyncUnattended(status)) return;
  // A failure is kept in the status (shown on the Sync page and in the nav); nothing else to do.
  await syncNow().catch(() => undefined);
}

/** A review session ended: sync soon (coalesced with any sync already waiting). */
export function requestSyncAfterReview(): void {
  if (timer !== null) return;
  timer = window.setTimeout(() => {
    timer = null;
    void runAutoSync();
  }, autoSyncDelay(lastAt, Date.now()));
}
