/**
 * `PRAGMA quick_check` of a database file in a worker thread, on its own read-only connection,
 * so the app keeps answering meanwhile (on a 1,000,000-card collection the check reads ~300 MiB
 * and takes seconds). The thread's code is a few lines of plain JavaScript given to the Worker as
 * text, so it needs no build step; it loads the same better-sqlite3 as the app.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { OpenOptions } from './open-db';

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const lines = db.pragma('quick_check').map((r) => String(r.quick_check));
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
  parentPort.postMessage({ lines, tables });
} catch (err) {
  parentPort.postMessage({ unreadable: err && err.message ? err.message : String(err) });
} finally {
  if (db) db.close();
}
`;

/**
 * What the check found: its lines ("ok" alone when whole) and the tables; or the error SQLite
 * gave when the file could not be read (`unreadable`); or why the thread itself could not run the
 * check (`error`: says nothing about the file).
 */
export type QuickCheckOutcome = { lines: string[]; tables: string[] } | { unreadable: string } | { error: string };

export interface RunningQuickCheck {
  outcome: Promise<QuickCheckOutcome>;
  /** Stop the thread; the outcome then says the check was cancelled. */
  cancel(): void;
}

export function quickCheckInWorker(path: string, openOptions: OpenOptions = {}): RunningQuickCheck {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { path, driver, nativeBinding: openOptions.nativeBinding } });
  let cancelled = false;
  const outcome = new Promise<QuickCheckOutcome>((resolve) => {
    worker.once('message', (m: QuickCheckOutcome) => resolve(m));
    worker.once('error', (err) => resolve({ error: `the check could not run: ${err.message}` }));
    worker.once('exit', (code) => resolve({ error: cancelled ? 'the check was cancelled' : `the check stopped (exit code ${code})` }));
  });
  return {
    outcome,
    cancel() {
      cancelled = true;
      void worker.terminate();
    },
  };
}
