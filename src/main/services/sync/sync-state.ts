/**
 * What the sync keeps in sync_state besides the device id: the target (never its password), how far
 * this device's events have been written out, the files it wrote, the last report and problem.
 */
import type { SyncProblem, SyncReport } from '../../../shared/api/sync-contract';
import type { SyncRepo } from '../../db/repos/sync-repo';

export type StoredTarget = { kind: 'folder'; path: string } | { kind: 'webdav'; url: string; username: string };

const TARGET = 'target';
const EXPORTED = 'exported_seq';
const OWN_FILES = 'own_files';
const LAST_REPORT = 'last_report';
const LAST_ERROR = 'last_error';

function json<T>(sync: SyncRepo, key: string): T | null {
  const raw = sync.state(key);
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function syncState(sync: SyncRepo) {
  return {
    target: (): StoredTarget | null => json<StoredTarget>(sync, TARGET),
    setTarget(t: StoredTarget | null): void {
      if (t) sync.setState(TARGET, JSON.stringify(t));
      else sync.deleteState(TARGET);
    },
    /** The last seq of this device written to the target (its files cover 1…this). */
    exportedSeq: (): number => Number(sync.state(EXPORTED) ?? 0) || 0,
    setExportedSeq: (seq: number): void => sync.setState(EXPORTED, String(seq)),
    /** The names of the files this device wrote in its folder and has not deleted. */
    ownFiles: (): string[] => json<string[]>(sync, OWN_FILES) ?? [],
    setOwnFiles: (names: readonly string[]): void => sync.setState(OWN_FILES, JSON.stringify([...names].sort())),
    lastReport: (): SyncReport | null => json<SyncReport>(sync, LAST_REPORT),
    setLastReport: (r: SyncReport): void => sync.setState(LAST_REPORT, JSON.stringify(r)),
    lastError: (): (SyncProblem & { at: number }) | null => json<SyncProblem & { at: number }>(sync, LAST_ERROR),
    setLastError(p: (SyncProblem & { at: number }) | null): void {
      if (p) sync.setState(LAST_ERROR, JSON.stringify(p));
      else sync.deleteState(LAST_ERROR);
    },
  };
}
export type SyncStateStore = ReturnType<typeof syncState>;
