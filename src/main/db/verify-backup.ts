/**
 * Checking a new backup (`quick_check` and the Retain tables) in a worker thread, so the app
 * keeps answering meanwhile.
 */
import { CORE_TABLES, isWhole } from './collection-check';
import type { OpenOptions } from './open-db';
import { quickCheckInWorker } from './quick-check-worker';

/** Null when the file is a whole Retain collection, else what is wrong with it. */
export async function verifyBackupInWorker(path: string, openOptions: OpenOptions = {}): Promise<string | null> {
  const m = await quickCheckInWorker(path, openOptions).outcome;
  if ('error' in m) return m.error;
  if ('unreadable' in m) return m.unreadable;
  if (!isWhole(m.lines)) return `quick_check: ${m.lines[0] ?? 'no answer'}`;
  if (!CORE_TABLES.every((t) => m.tables.includes(t))) return 'not a Retain collection';
  return null;
}
