/** Shared steps of the recovery tests: answer cards through the dispatch and read back what the file holds. */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type RetainApp } from '../../src/main/app';
import { manualClock, type ManualClock } from '../../src/main/core/clock';
import { DECKS_DIR } from './temp-app';

export const RECOVERY_START = Date.UTC(2026, 2, 10, 9, 0);

/** Apps on temp folders with the built-in decks and a test clock, all closed and removed by `cleanup`. */
export function recoveryScratch(prefix: string) {
  const dirs: string[] = [];
  const apps: RetainApp[] = [];
  return {
    dir(): string {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    open(dataDir: string, clock: ManualClock = manualClock(RECOVERY_START)): RetainApp {
      const app = createApp({ dataDir, decksDir: DECKS_DIR, clock, timeZone: 'UTC' });
      apps.push(app);
      return app;
    },
    cleanup(): void {
      for (const a of apps.splice(0)) a.close();
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export async function call<T = unknown>(app: RetainApp, method: string, input: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Card ids of the collection (the built-in decks), read through the app's own connection. */
export function cardIds(app: RetainApp): number[] {
  return (app.services.repos.db.prepare('SELECT id FROM cards ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
}

/** Answer `n` cards round-robin; returns how many answers each card got (only acknowledged ones). */
export async function answerCards(app: RetainApp, n: number, acked = new Map<number, number>()): Promise<Map<number, number>> {
  const ids = cardIds(app);
  for (let i = 0; i < n; i++) {
    const cardId = ids[(i * 7) % ids.length]!;
    await call(app, 'review.answer', { cardId, rating: ((i % 4) + 1) as 1 | 2 | 3 | 4, durationMs: 1000 });
    acked.set(cardId, (acked.get(cardId) ?? 0) + 1);
  }
  return acked;
}

/** Review-log rows per card in the file at `dbPath` (opened on its own, as after a restart). */
export function loggedAnswers(dbPath: string): Map<number, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT card_id AS id, count(*) AS n FROM review_log GROUP BY card_id').all() as Array<{ id: number; n: number }>;
    return new Map(rows.map((r) => [r.id, r.n]));
  } finally {
    db.close();
  }
}

/** Acknowledged answers missing from the file: one line per card short of its acknowledged count. */
export function missingAnswers(acked: Map<number, number>, dbPath: string): string[] {
  const logged = loggedAnswers(dbPath);
  const missing: string[] = [];
  for (const [cardId, n] of acked) if ((logged.get(cardId) ?? 0) < n) missing.push(`card ${cardId}: ${n} acknowledged, ${logged.get(cardId) ?? 0} in the log`);
  return missing;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
