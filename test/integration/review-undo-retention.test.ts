/**
 * Undo data is kept only while undo can use it: today's daily answers (also across a restart) and
 * quiz misses that may still be taken back. The migration moves it out of review_log and rebuilds
 * the log compactly. Real SQLite files, manual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { REVIEW_KINDS } from '../../src/shared/enums';
import { migrate } from '../../src/main/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/db/migrations';
import { openDb, type Db } from '../../src/main/db/open-db';
import { coldStartsDeck } from '../support/cold-starts-deck';
import { cardAndReplay } from '../support/replay-log';
import { tempApp, type TempApp } from '../support/temp-app';

const DAY = 86_400_000;
let t: TempApp | undefined;
const dirs: string[] = [];
afterEach(() => {
  t?.dispose();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const count = (db: Db, sql: string): number => (db.prepare(sql).get() as { n: number }).n;
const undoRows = (app: TempApp): number => count(app.app.services.repos.db, 'SELECT count(*) AS n FROM review_undo');

async function answerNext(app: TempApp, deckId: number, rating: 1 | 2 | 3 | 4 = 3): Promise<number> {
  const s = await app.call<ReviewSession>('review.next', { deckId });
  if (!s.card) throw new Error('no card to answer');
  app.clock.advance(3000);
  await app.call('review.answer', { cardId: s.card.cardId, rating, durationMs: 1500 });
  return s.card.cardId;
}

describe('undo data retention', () => {
  it("keeps today's answers undoable across a restart and drops their undo data at the next day's first answer", async () => {
    t = tempApp();
    const deck = await coldStartsDeck(t);
    const answered = [await answerNext(t, deck.id), await answerNext(t, deck.id), await answerNext(t, deck.id)];
    expect(undoRows(t)).toBe(3);
    const columns = (t.app.services.repos.db.prepare('PRAGMA table_info(review_log)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).not.toContain('card_before');

    t.reopen();
    const undone = await t.call<ReviewSession>('review.undo', { deckId: deck.id });
    expect(undone.card?.cardId).toBe(answered[2]);
    expect(undoRows(t)).toBe(2);

    t.clock.advance(DAY);
    expect(await t.app.dispatch('review.undo', { deckId: deck.id })).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
    const today = await answerNext(t, deck.id);
    // Yesterday's two answers keep their log rows but no longer their undo data.
    expect(count(t.app.services.repos.db, 'SELECT count(*) AS n FROM review_log')).toBe(3);
    expect(undoRows(t)).toBe(1);
    const again = await t.call<ReviewSession>('review.undo', { deckId: deck.id });
    expect(again.card?.cardId).toBe(today);
    expect(await t.app.dispatch('review.undo', { deckId: deck.id })).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
    for (const id of new Set([...answered, today])) {
      const { card, replayed } = cardAndReplay(t, id);
      expect(card, `card ${id}`).toEqual(replayed);
    }
  });

  it('keeps a quiz miss undoable for days, and taking it back rebuilds the card through answers whose undo data is gone', async () => {
    t = tempApp();
    const deck = await coldStartsDeck(t);
    const cardId = await answerNext(t, deck.id, 3);
    t.clock.advance(60_000);
    const miss = t.app.services.review.answer(cardId, 1, 0, REVIEW_KINDS.quiz);
    // A week of daily answers on the same card.
    for (let day = 1; day <= 7; day++) {
      t.clock.advance(DAY);
      t.app.services.review.answer(cardId, 3, 1000);
    }
    const db = t.app.services.repos.db;
    expect(count(db, `SELECT count(*) AS n FROM review_undo WHERE log_id = ${miss.logId}`)).toBe(1);
    // Only the quiz miss and today's answer keep undo data.
    expect(undoRows(t)).toBe(2);
    t.app.services.review.undoQuizAnswer(miss.logId);
    expect(count(db, `SELECT count(*) AS n FROM review_log WHERE id = ${miss.logId}`)).toBe(0);
    expect(undoRows(t)).toBe(1);
    const { card, replayed } = cardAndReplay(t, cardId);
    expect(card).toEqual(replayed);
  });
});

describe('the undo-data migration', () => {
  it('moves the undo data still usable into review_undo, keeps every log row, and shrinks the log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'retain-undo-mig-'));
    dirs.push(dir);
    const db = openDb(join(dir, 'old.db'));
    const version = MIGRATIONS.find((m) => m.sql.includes('CREATE TABLE review_undo'))?.version;
    expect(version).toBeDefined();
    migrate(db, { migrations: MIGRATIONS.filter((m) => m.version < version!) });
    const now = Date.UTC(2026, 2, 10, 12, 0);
    db.prepare("INSERT INTO decks (id, name, created_at) VALUES (1, 'D', ?)").run(now);
    const note = db.prepare(
      "INSERT INTO notes (id, guid, deck_id, kind, content, source, content_hash, created_at, updated_at) VALUES (?, ?, 1, 0, '{}', 'test', 'h', ?, ?)",
    );
    const card = db.prepare('INSERT INTO cards (id, note_id, deck_id, ord, due, created_at) VALUES (?, ?, 1, 0, ?, ?)');
    const log = db.prepare(
      'INSERT INTO review_log (id, card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind, card_before) VALUES (?, ?, ?, 3, 2, 1, 2, 900, ?, ?)',
    );
    const before = JSON.stringify({ due: now, stability: 12.345678901234, difficulty: 5.4321098765, elapsedDays: 3, scheduledDays: 7, learningSteps: 0, reps: 5, lapses: 1, state: 2, lastReview: now - 3 * DAY });
    const ROWS = 4000;
    db.transaction(() => {
      for (let i = 1; i <= 100; i++) {
        note.run(i, `g${i}`, now, now);
        card.run(i, i, now, now);
      }
      for (let i = 1; i <= ROWS; i++) {
        // Mostly old daily answers; every 100th a quiz miss; the last 10 from today; every 7th imported (no undo data).
        const at = i > ROWS - 10 ? now - 1000 + i : now - 60 * DAY + i * 1000;
        const kind = i % 100 === 0 ? REVIEW_KINDS.quiz : i % 7 === 0 ? REVIEW_KINDS.imported : REVIEW_KINDS.review;
        log.run(i, 1 + (i % 100), at, kind, kind === REVIEW_KINDS.imported ? null : before);
      }
    })();
    const logBytes = () => count(db, "SELECT sum(pgsize) AS n FROM dbstat WHERE name IN ('review_log', 'review_undo')");
    const oldBytes = logBytes();
    const oldRows = db.prepare('SELECT id, card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind FROM review_log ORDER BY id').all();

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    // Every row as it was; columns later migrations add (the sync id) start empty.
    expect(db.prepare('SELECT id, card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind FROM review_log ORDER BY id').all()).toEqual(oldRows);
    expect(count(db, 'SELECT count(*) AS n FROM review_log WHERE uid IS NOT NULL')).toBe(0);
    const kept = db.prepare('SELECT log_id, card_before FROM review_undo ORDER BY log_id').all() as Array<{ log_id: number; card_before: string }>;
    const expected = [...Array.from({ length: ROWS / 100 }, (_, k) => (k + 1) * 100), ...Array.from({ length: 10 }, (_, k) => ROWS - 9 + k)]
      .filter((id, i, all) => all.indexOf(id) === i && (id % 100 === 0 || id % 7 !== 0))
      .sort((a, b) => a - b);
    expect(kept.map((r) => r.log_id)).toEqual(expected);
    expect(kept.every((r) => r.card_before === before)).toBe(true);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_log' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(indexes).toEqual(['review_log_card', 'review_log_time']);
    // Removing a log row removes its undo data.
    db.prepare(`DELETE FROM review_log WHERE id = ${ROWS}`).run();
    expect(count(db, `SELECT count(*) AS n FROM review_undo WHERE log_id = ${ROWS}`)).toBe(0);
    expect(logBytes()).toBeLessThan(oldBytes * 0.5);
    db.close();
  });
});
