/**
 * Checking a new backup (`quick_check` and the Retain tables) in a worker thread, so the app
 * keeps answering meanwhile: on a 1,000,000-card collection the check reads ~300 MiB. The
 * thread's code is a few lines of plain JavaScript given to the Worker as text, so it needs no
 * build step; it loads the same better-sqlite3 as the app.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { OpenOptions } from './open-db';

const CORE_TABLES = ['decks', 'notes', 'cards', 'review_log'];

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const check = db.pragma('quick_check', { simple: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
  parentPort.postMessage({ check: String(check), tables });
} catch (err) {
  parentPort.postMessage({ error: err && err.message ? err.message : String(err) });
} finally {
  if (db) db.close();
}
`;

/** Null when the file is a whole Retain collection, else what is wrong with it. */
export function verifyBackupInWorker(path: string, openOptions: OpenOptions = {}): Promise<string | null> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { path, driver, nativeBinding: openOptions.nativeBinding } });
    let answered = false;
    worker.once('message', (m: { check?: string; tables?: string[]; error?: string }) => {
      answered = true;
      if (m.error) resolve(m.error);
      else if (m.check !== 'ok') resolve(`quick_check: ${m.check}`);
      else if (!CORE_TABLES.every((t) => m.tables?.includes(t))) resolve('not a Retain collection');
      else resolve(null);
    });
    worker.once('error', (err) => {
      if (!answered) resolve(`the check could not run: ${err.message}`);
    });
    worker.once('exit', (code) => {
      if (!answered) resolve(`the check stopped (exit code ${code})`);
    });
  });
}
