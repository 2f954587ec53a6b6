/**
 * `node scripts/run-ts.mjs bench/start-check-bench.ts`: what the recovery work costs on a
 * 1,000,000-card collection: `PRAGMA quick_check` (run after the first screen, in a worker
 * thread), a whole start of the app (open + built-in deck sync; the check is not on this path),
 * a backup through the online backup API (off the start path), and "Check database".
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { openDb } from '../src/main/db/open-db';
import { buildCollection } from './collection';

const NOW = Date.UTC(2026, 2, 10, 12, 0);
const dir = mkdtempSync(join(tmpdir(), 'retain-bench-start-'));
const time = async <T>(what: string, run: () => T | Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const out = await run();
  console.log(`${what}: ${Math.round(performance.now() - t0)} ms`);
  return out;
};
try {
  const clock = manualClock(NOW);
  const built = createApp({ dataDir: dir, clock, timeZone: 'UTC' });
  buildCollection(built.services.repos.db, 1_000_000, 100_000, NOW);
  built.close();
  console.log(`collection: 1,000,000 cards, ${(statSync(join(dir, 'retain.db')).size / 1024 / 1024).toFixed(0)} MiB`);
  for (let i = 1; i <= 3; i++) {
    const db = openDb(join(dir, 'retain.db'), { readonly: true });
    await time(`quick_check #${i}`, () => db.pragma('quick_check', { simple: true }));
    db.close();
  }
  const app = await time('whole start (createApp)', () => createApp({ dataDir: dir, clock, timeZone: 'UTC' }));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await time('online backup (verified in a worker, renamed into place)', () => app.collection.backups.create('bench'));
  loop.disable();
  console.log(`longest event-loop stall during the backup: ${Math.round(loop.max / 1e6)} ms`);
  await time('Check database', () => app.collection.checkDatabase());
  app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
