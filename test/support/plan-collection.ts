/**
 * A small collection for the planner's integration tests, written straight into a real SQLite
 * file: an "Interview" deck with an "AWS" subdeck (new cards and review cards tagged aws or sql),
 * and an "Other" deck outside the scope. UTC, study days start at 4 am.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempApp, type TempApp } from './temp-app';

const DAY = 86_400_000;
/** The tests' "now": 10 March 2026, 09:00 UTC. */
export const PLAN_NOW = Date.UTC(2026, 2, 10, 9, 0);

/** A fresh app (without the built-in decks) holding the planner's collection. */
export function openPlanCollection(): { t: TempApp; c: PlanCollection } {
  const t = tempApp({ start: PLAN_NOW, decksDir: mkdtempSync(join(tmpdir(), 'retain-no-decks-')) });
  return { t, c: planCollection(t, PLAN_NOW) };
}

export interface PlanCollection {
  interview: number;
  aws: number;
  other: number;
  /** Review card ids by name. */
  cards: Record<string, number>;
  /** Add a card; returns its id. */
  add(deckId: number, tags: string[], memory?: { stability: number; lastReviewDaysAgo: number; dueInDays: number }): number;
}

export function planCollection(t: TempApp, now: number, newCards = 40): PlanCollection {
  const db = t.app.services.repos.db;
  const deck = db.prepare('INSERT INTO decks (name, parent_id, created_at) VALUES (?, ?, 0)');
  const interview = Number(deck.run('Interview', null).lastInsertRowid);
  const aws = Number(deck.run('AWS', interview).lastInsertRowid);
  const other = Number(deck.run('Other', null).lastInsertRowid);
  const note = db.prepare(
    `INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at)
     VALUES (?, ?, 0, '{"kind":"basic","front":"Q","back":"A"}', ?, '', 'test', 'h', 0, 0)`,
  );
  const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  const card = db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, scheduled_days, reps, state, last_review, created_at)
     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  let n = 0;
  const add: PlanCollection['add'] = (deckId, tags, memory) => {
    const noteId = Number(note.run(`plan-${(n += 1)}`, deckId, JSON.stringify(tags)).lastInsertRowid);
    for (const x of tags) tag.run(noteId, x);
    if (!memory) return Number(card.run(noteId, deckId, now, 0, 0, 0, 0, 0, null).lastInsertRowid);
    const { stability, lastReviewDaysAgo, dueInDays } = memory;
    return Number(
      card.run(noteId, deckId, now + dueInDays * DAY, stability, 5, lastReviewDaysAgo + dueInDays, 3, 2, now - lastReviewDaysAgo * DAY).lastInsertRowid,
    );
  };
  const cards: Record<string, number> = {};
  db.transaction(() => {
    for (let i = 0; i < newCards; i++) add(i % 2 === 0 ? interview : aws, [i % 2 === 0 ? 'sql' : 'aws']);
    // Reviews: sql cards well known, aws cards shaky.
    for (let i = 0; i < 10; i++) cards[`sql${i}`] = add(interview, ['sql'], { stability: 60, lastReviewDaysAgo: 2, dueInDays: 40 + i });
    for (let i = 0; i < 10; i++) cards[`aws${i}`] = add(aws, ['aws'], { stability: 3, lastReviewDaysAgo: 2, dueInDays: 1 + (i % 3) });
    for (let i = 0; i < 10; i++) add(other, ['other']);
  })();
  t.app.services.decks.invalidate();
  return { interview, aws, other, cards, add };
}

/** A finished quiz answer on a card: its question's tags and the points it scored. */
export function quizAnswer(t: TempApp, cardId: number, tags: string[], points: number, at: number): void {
  const db = t.app.services.repos.db;
  const attempt = Number(
    db.prepare("INSERT INTO quiz_attempts (seed, mode, config, started_at, status) VALUES (1, 0, '{}', ?, 1)").run(at).lastInsertRowid,
  );
  db.prepare("INSERT INTO quiz_questions (attempt_id, position, card_id, kind, question, answer_key, tags) VALUES (?, 0, ?, 'typed', 'q', '{}', ?)").run(
    attempt,
    cardId,
    JSON.stringify(tags),
  );
  db.prepare("INSERT INTO quiz_answers (attempt_id, position, answer, correct, points, answered_at, duration_ms) VALUES (?, 0, 'a', ?, ?, ?, 1000)").run(
    attempt,
    points >= 1 ? 1 : 0,
    points,
    at,
  );
}
