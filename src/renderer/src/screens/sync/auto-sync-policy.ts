/** When automatic syncs run (pure; auto-sync.ts runs them). */
import type { SyncStatus } from '../../../../shared/api/sync-contract';

export const AUTO_SYNC_SETTLE_MS = 3_000;
export const AUTO_SYNC_MIN_GAP_MS = 60_000;

/** How long to wait before the next automatic sync, asked at `now`, when the last one started at `lastAt`. */
export function autoSyncDelay(lastAt: number | null, now: number): number {
  const earliest = lastAt === null ? now : lastAt + AUTO_SYNC_MIN_GAP_MS;
  return Math.max(AUTO_SYNC_SETTLE_MS, earliest - now);
}

/** A sync can run without asking the user: a target is set and nothing needs typing in again. */
export function canSyncUnattended(status: SyncStatus): boolean {
  const t = status.target;
  return t !== null && (t.kind === 'folder' || t.hasPassword);
}
