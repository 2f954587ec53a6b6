/** Build large synthetic collections for the benchmark, straight into a migrated database. */
import type { Database } from 'better-sqlite3';
import { NOTE_KIND_CODES } from '../src/shared/enums';

export interface BuiltCollection {
  deckId: number;
  /** Id of the first note and card written (ids run on from what the collection already holds). */
  firstId: number;
  cards: number;
  dueToday: number;
}

/**
 * `total` cards in one deck, one basic note each, with `dueToday` review cards due before `now`,
 * a third of the rest reviews due later, and the remainder new. Written as the app writes (no
 * hand-run `ANALYZE`: the planner sees only the statistics the app itself gathers).
 */
export function buildCollection(db: Database, total: number, dueToday: number, now: number, tags: string[] = ['bench']): BuiltCollection {
  const DAY = 86_400_000;
  const deckId = Number(db.prepare("INSERT INTO decks (name, created_at) VALUES ('Bench', ?)").run(now).lastInsertRowid);
  const note = db.prepare(
    "INSERT INTO notes (id, guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '§1', 'bench', 'h', ?, ?)",
  );
  const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  const card = db.prepare(
    `INSERT INTO cards (id, note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at)
     VALUES (?, ?, ?, 0, ?, ?, ?, 0, ?, 0, ?, 0, ?, ?, ?)`,
  );
  const laterReviews = Math.floor((total - dueToday) / 3);
  const kind = NOTE_KIND_CODES.basic;
  const tagsJson = JSON.stringify(tags);
  const maxId = (table: string) => (db.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}`).get() as { n: number }).n;
  const base = Math.max(maxId('notes'), maxId('cards'));
  db.transaction(() => {
    for (let n = 1; n <= total; n++) {
      const i = base + n;
      const content = `{"kind":"basic","front":"Question ${i}: what is the value of item ${i}?","back":"Answer ${i % 997} for item ${i}"}`;
      note.run(i, `bench-${i}`, deckId, kind, content, tagsJson, now, now);
      for (const t of tags) tag.run(i, t);
      if (n <= dueToday) {
        const ivl = 1 + (i % 30);
        card.run(i, i, deckId, now - (i % 1000) * 60_000, 5 + (i % 20), 5, ivl, 3, 2, now - ivl * DAY, now);
      } else if (n <= dueToday + laterReviews) {
        const ivl = 2 + (i % 60);
        card.run(i, i, deckId, now + (1 + (i % 50)) * DAY, 10 + (i % 30), 5, ivl, 4, 2, now - DAY, now);
      } else {
        card.run(i, i, deckId, now, 0, 0, 0, 0, 0, null, now);
      }
    }
  })();
  return { deckId, firstId: base + 1, cards: total, dueToday };
}

/**
 * A year of daily-review history on the first `answered` cards from `firstId`: `perDay` answers a
 * day for 366 days, mostly Good, some Again, Hard and Easy, 4 to 12 seconds each.
 */
export function addReviewHistory(db: Database, firstId: number, answered: number, now: number, perDay = 1_000): number {
  const DAY = 86_400_000;
  const insert = db.prepare(
    'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  );
  let n = 0;
  db.transaction(() => {
    for (let day = 365; day >= 0; day--) {
      const dayStart = now - day * DAY - 9 * 3_600_000;
      for (let i = 0; i < perDay; i++, n++) {
        const rating = n % 11 === 0 ? 1 : n % 13 === 0 ? 2 : n % 29 === 0 ? 4 : 3;
        insert.run(firstId + ((n * 7907) % answered), dayStart + i * 25_000, rating, n % 8 === 0 ? 0 : 2, 1 + (n % 30), 1 + (n % 45), 4_000 + (n % 9) * 1_000);
      }
    }
  })();
  return n;
}

/**
 * A year of study on the first `answered` cards from `firstId`, as the statistics bench has it:
 * `perDay` answers a day for 366 days, each card's first answer given while new (so the
 * calibration and the optimizer see every card's whole history), a few quiz answers among them.
 */
export function addYearOfStudy(db: Database, firstId: number, answered: number, now: number, perDay: number): void {
  const DAY = 86_400_000;
  const insert = db.prepare(
    `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    let n = 0;
    const learnt = new Set<number>();
    for (let day = 365; day >= 0; day--) {
      const start = now - day * DAY - 10 * 3_600_000;
      for (let i = 0; i < perDay; i++, n++) {
        const card = firstId + ((n * 7919) % answered);
        const rating = n % 10 === 0 ? 1 : n % 17 === 0 ? 2 : n % 23 === 0 ? 4 : 3;
        const state = !learnt.has(card) ? 0 : n % 9 === 0 ? 1 : 2;
        learnt.add(card);
        insert.run(card, start + i * 30_000, rating, state, 1 + (n % 40), 1 + (n % 60), 4_000 + (n % 9) * 1_000, n % 50 === 0 ? 1 : 3);
      }
    }
  })();
}
