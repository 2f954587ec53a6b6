/**
 * Load balancing and easy days through review.answer on a real collection (real SQLite file, manual
 * clock): reviews avoid a day that is already busy and a free weekday; off is the plain fuzz.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { studyDayNumber } from '../../src/main/core/day';
import { weekdayOf } from '../../src/main/core/load-balance';
import { CardStates, createScheduler, type CardState } from '../../src/main/core/scheduler';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp | undefined;
afterEach(() => t?.dispose());

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 10, 9, 0); // a Tuesday
const CARDS = 280;
/** Every card the same memory, so the plain fuzz draws each from the same range of days. */
const STABILITY = 20;

/** A deck of `CARDS` review cards due now, all with the same memory; returns the deck and card ids. */
function reviewDeck(app: TempApp): { deckId: number; cardIds: number[] } {
  const db = app.app.services.repos.db;
  const now = app.clock.now();
  const deckId = Number(db.prepare("INSERT INTO decks (name, created_at) VALUES ('Balanced', ?)").run(now).lastInsertRowid);
  const note = db.prepare(
    "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, ?, '[]', '', 'generated', 'h', ?, ?)",
  );
  const card = db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at)
     VALUES (?, ?, 0, ?, ?, 5, 0, ?, 0, 4, 0, 2, ?, ?)`,
  );
  const cardIds: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < CARDS; i++) {
      const noteId = Number(note.run(`lb-${i}`, deckId, JSON.stringify({ kind: 'basic', front: `Q${i}`, back: `A${i}` }), now, now).lastInsertRowid);
      cardIds.push(Number(card.run(noteId, deckId, now - 3_600_000, STABILITY, STABILITY, now - STABILITY * DAY, now).lastInsertRowid));
    }
  })();
  app.app.services.decks.invalidate();
  return { deckId, cardIds };
}

/** `n` more review cards of the deck due on study day `day` (a day already busy). */
function busyDay(app: TempApp, deckId: number, day: number, n: number): void {
  const db = app.app.services.repos.db;
  const due = START + (day - studyDayNumber(START, 4, 'UTC')) * DAY;
  const note = db.prepare(
    "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, '{\"kind\":\"basic\",\"front\":\"b\",\"back\":\"b\"}', '[]', '', 'generated', 'h', 0, 0)",
  );
  const card = db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at)
     VALUES (?, ?, 0, ?, 30, 5, 0, 30, 0, 4, 0, 2, 0, 0)`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) card.run(Number(note.run(`busy-${day}-${i}`, deckId).lastInsertRowid), deckId, due);
  })();
}

/** The plain fuzz's study day for each card (no load): what the schedule is with balancing off. */
function plainDays(app: TempApp, cardIds: number[]): Map<number, number> {
  const { settings, repos } = app.app.services;
  const plain = createScheduler({ ...settings.config(), loadBalancing: false, easyDays: [1, 1, 1, 1, 1, 1, 1] }, { timeZone: 'UTC' });
  const days = new Map<number, number>();
  for (const id of cardIds) {
    const c = repos.cards.get(id)!;
    const after = plain.schedule(c as CardState, app.clock.now(), 3, id);
    days.set(id, studyDayNumber(after.due, 4, 'UTC'));
  }
  return days;
}

/** Answer every card Good through review.answer; the study day each lands on, counted per day. */
async function answerAll(app: TempApp, cardIds: number[]): Promise<Map<number, number>> {
  const perDay = new Map<number, number>();
  for (const cardId of cardIds) {
    const r = await app.call<{ due: number; state: number }>('review.answer', { cardId, rating: 3, durationMs: 1000 });
    expect(r.state).toBe(CardStates.Review);
    const day = studyDayNumber(r.due, 4, 'UTC');
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}

describe('load balancing through review.answer', () => {
  it('off (load balancing off, easy days all normal): every card lands where the plain fuzz puts it', async () => {
    t = tempApp({ start: START });
    await t.call('settings.update', { fuzz: true, loadBalancing: false, easyDays: [1, 1, 1, 1, 1, 1, 1] });
    const { cardIds } = reviewDeck(t);
    const expected = plainDays(t, cardIds);
    for (const cardId of cardIds) {
      const r = await t.call<{ due: number }>('review.answer', { cardId, rating: 3, durationMs: 1000 });
      expect(studyDayNumber(r.due, 4, 'UTC')).toBe(expected.get(cardId));
    }
  });

  it('on: answers avoid a day already busy and spread evenly over the rest of the fuzz range', async () => {
    t = tempApp({ start: START });
    await t.call('settings.update', { fuzz: true, loadBalancing: true, easyDays: [1, 1, 1, 1, 1, 1, 1] });
    const { deckId, cardIds } = reviewDeck(t);
    const plain = plainDays(t, cardIds);
    const range = [...new Set(plain.values())].sort((a, b) => a - b);
    expect(range.length).toBeGreaterThanOrEqual(5);
    const busy = range[Math.floor(range.length / 2)]!;
    const plainOnBusy = [...plain.values()].filter((d) => d === busy).length;
    expect(plainOnBusy).toBeGreaterThan(CARDS / range.length / 2);
    busyDay(t, deckId, busy, 100);

    // The day counts are read once, then kept up to date by each answer (no query per answer).
    const repo = t.app.services.repos.dueLoad;
    const read = repo.dueByQuarterHour.bind(repo);
    let reads = 0;
    repo.dueByQuarterHour = (...args) => {
      reads++;
      return read(...args);
    };
    const perDay = await answerAll(t, cardIds);
    expect(reads).toBe(1);
    // The busy day already had 100; the other days take the answers first.
    expect(perDay.get(busy) ?? 0).toBeLessThan(plainOnBusy / 4);
    // Counts are kept up to date answer by answer: the other days end up within a few cards of each other.
    const others = range.filter((d) => d !== busy).map((d) => perDay.get(d) ?? 0);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(Math.ceil(CARDS / range.length / 2));
    for (const d of perDay.keys()) expect(range).toContain(d);
  });

  it('on: cards written by anything but an answer (here straight into the table) are counted at the next answer', async () => {
    t = tempApp({ start: START });
    await t.call('settings.update', { fuzz: true, loadBalancing: true, easyDays: [1, 1, 1, 1, 1, 1, 1] });
    const { deckId, cardIds } = reviewDeck(t);
    const plain = plainDays(t, cardIds);
    const range = [...new Set(plain.values())].sort((a, b) => a - b);
    const half = cardIds.length / 2;
    await answerAll(t, cardIds.slice(0, half));
    // Every day of the range but the last becomes very busy after the first half was answered.
    for (const d of range.slice(0, -1)) busyDay(t, deckId, d, 300);
    const perDay = await answerAll(t, cardIds.slice(half));
    // Unseen, the busy cards would leave the last day its even share (one in range.length); seen, it takes most.
    expect(perDay.get(range[range.length - 1]!) ?? 0).toBeGreaterThan(half / 2);
  });

  it('on: the interval shown on the Good button is the one the answer gives', async () => {
    t = tempApp({ start: START });
    await t.call('settings.update', { fuzz: true, loadBalancing: true, reviewsPerDay: 9999 });
    const { deckId } = reviewDeck(t);
    for (let i = 0; i < 40; i++) {
      const s = await t.call<ReviewSession>('review.next', { deckId });
      if (!s.card) break;
      const r = await t.call<{ interval: string }>('review.answer', { cardId: s.card.cardId, rating: 3, durationMs: 1000 });
      expect(r.interval).toBe(s.card.intervals[2]);
    }
  });

  it('easy days: a free Sunday gets no reviews, a light Saturday fewer than a normal day', async () => {
    t = tempApp({ start: START });
    await t.call('settings.update', { fuzz: true, loadBalancing: true, easyDays: [1, 1, 1, 1, 1, 0.5, 0] });
    const { cardIds } = reviewDeck(t);
    const plain = plainDays(t, cardIds);
    const range = [...new Set(plain.values())];
    expect(range.length).toBeGreaterThanOrEqual(7); // every weekday is in the fuzz range
    expect([...plain.values()].filter((d) => weekdayOf(d) === 6).length).toBeGreaterThan(10);

    const perDay = await answerAll(t, cardIds);
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const [day, n] of perDay) byWeekday[weekdayOf(day)]! += n;
    expect(byWeekday[6]).toBe(0);
    const weekdays = range.filter((d) => weekdayOf(d) < 5);
    const normalAverage = weekdays.reduce((sum, d) => sum + (perDay.get(d) ?? 0), 0) / weekdays.length;
    const saturdays = range.filter((d) => weekdayOf(d) === 5);
    const saturdayAverage = saturdays.reduce((sum, d) => sum + (perDay.get(d) ?? 0), 0) / saturdays.length;
    expect(saturdayAverage).toBeLessThan(normalAverage * 0.7);
  });
});
