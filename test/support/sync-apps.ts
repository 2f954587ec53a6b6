/** Two or more Retain apps syncing through one target: answering cards, and what each has. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import type { SyncStatus } from '../../src/shared/api/sync-contract';
import { coldStartsDeck } from './cold-starts-deck';
import { tempApp, type TempApp } from './temp-app';

/** Apps and folders made by a test file, removed after each test. */
export function syncFixtures() {
  const apps: TempApp[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const t of apps.splice(0)) t.dispose();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    app(dataDir?: string): TempApp {
      const t = tempApp(dataDir ? { dataDir } : {});
      apps.push(t);
      return t;
    },
    folder(): string {
      const d = mkdtempSync(join(tmpdir(), 'retain-sync-target-'));
      dirs.push(d);
      return d;
    },
  };
}

/** Answer `n` cards of the cold-start deck (Good), a minute apart; returns their card ids. */
export async function answerCards(t: TempApp, n: number, rating = 3): Promise<number[]> {
  const deck = await coldStartsDeck(t);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    if (!s.card) break;
    t.clock.advance(60_000);
    await t.call('review.answer', { cardId: s.card.cardId, rating, durationMs: 3000 });
    ids.push(s.card.cardId);
  }
  return ids;
}

export async function syncNow(t: TempApp): Promise<SyncStatus> {
  const s = await t.call<SyncStatus>('sync.now');
  if (s.lastError) throw new Error(`sync failed: ${s.lastError.code}: ${s.lastError.message}`);
  return s;
}

const rows = (t: TempApp, sql: string): Array<Record<string, unknown>> => t.app.services.repos.db.prepare(sql).all() as Array<Record<string, unknown>>;

/** Every answer an app has, by its shared id, with what it was (the card by note guid and ord). */
export function answersOf(t: TempApp): string[] {
  return rows(
    t,
    `SELECT r.uid, n.guid, c.ord, r.rating, r.reviewed_at FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id ORDER BY r.uid`,
  ).map((r) => `${String(r.uid)} ${String(r.guid)}/${String(r.ord)} ${String(r.rating)} ${String(r.reviewed_at)}`);
}

/** Every card's FSRS state, by note guid and ord. */
export function cardStatesOf(t: TempApp): string[] {
  return rows(
    t,
    `SELECT n.guid, c.ord, c.due, c.stability, c.difficulty, c.reps, c.lapses, c.state FROM cards c JOIN notes n ON n.id = c.note_id ORDER BY n.guid, c.ord`,
  ).map((r) => Object.values(r).map(String).join(' '));
}
