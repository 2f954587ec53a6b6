/** What one sync works with, and what it reports (sync-run.ts runs the steps). */
import { hostname } from 'node:os';
import type { SyncProgress, SyncReport } from '../../../shared/api/sync-contract';
import type { MediaStore } from '../media-store';
import type { ApplierDeps } from './applier-deps';
import type { EntityAppliers } from './merge-events';
import type { SyncStateStore } from './sync-state';
import type { SyncTarget } from './targets/sync-target';

export interface SyncRunDeps {
  deps: ApplierDeps;
  appliers: EntityAppliers;
  /** Records what has no event yet and turns the journal on (sync-genesis.ts). */
  genesis: (deps: ApplierDeps) => { events: number };
  media: MediaStore;
  state: SyncStateStore;
  target: SyncTarget;
  /** Events per file written (default 20,000). */
  fileCap?: number;
  /** Compact when this device has more files than this (default 32). */
  compactAfter?: number;
  /** This computer's name, as the other devices show it. */
  computerName: string;
}

export interface SyncRun extends SyncRunDeps {
  progress(phase: SyncProgress['phase'], done: number, total: number): void;
  report: SyncReport;
  /** Files found unreadable this time, by name, with why. */
  unreadable: Array<{ file: string; reason: 'not_ready' | 'damaged'; message: string }>;
}

export function emptyReport(at: number): SyncReport {
  return { at, durationMs: 0, sent: { events: 0, answers: 0, media: 0 }, received: { events: 0, answers: 0, media: 0, devices: [] }, skippedFiles: 0 };
}

export const thisComputerName = (): string => {
  try {
    return hostname() || 'this computer';
  } catch {
    return 'this computer';
  }
};
