/**
 * The statistics on a real SQLite collection with a hand-built review log: every figure below is
 * counted by hand from the rows written here (UTC, the day starting at 4 am, now 10 March 2026 09:00).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { default_w } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stats } from '../../src/shared/api/stats-contract';
import { tempApp, type TempApp } from '../support/temp-app';

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const DAY = 86_400_000;
const MIN = 60_000;
let t: TempApp;
let ids: Record<string, number>;

/** FSRS-6's forgetting curve with the default parameters, written out for the expected values. */
function recall(days: number, stability: number): number {
  const decay = default_w[20]!;
  const factor = Math.pow(0.9, -1 / decay) - 1;
  return Math.pow(1 + (factor * days) / stability, -decay);
}

beforeEach(() => {
  t = tempApp({ start: NOW, decksDir: mkdtempSync(join(tmpdir(), 'retain-no-decks-')) });
  const db = t.app.services.repos.db;
  const deck = db.prepare('INSERT INTO decks (name, parent_id, created_at) VALUES (?, ?, 0)');
  const parent = Number(deck.run('Parent', null).lastInsertRowid);
  const child = Number(deck.run('Child', parent).lastInsertRowid);
  const other = Number(deck.run('Other', null).lastInsertRowid);
  const note = db.prepare(
    "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, '{}', '[]', '', 'test', 'h', 0, 0)",
  );
  const card = db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, scheduled_days, state, last_review, suspended, created_at)
     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const add = (name: string, deckId: number, due: number, s: number, ivl: number, state: number, last: number | null, suspended = 0) => {
    const noteId = Number(note.run(name, deckId).lastInsertRowid);
    return Number(card.run(noteId, deckId, due, s, state === 0 ? 0 : 5, ivl, state, last, suspended).lastInsertRowid);
  };
  ids = {
    parent,
    child,
    other,
    c1: add('c1', parent, NOW + 20 * DAY, 40, 30, 2, NOW - 10 * DAY), // mature review
    c2: add('c2', child, NOW + 3 * DAY, 6, 5, 2, NOW - 2 * DAY), // young review
    c3: add('c3', child, NOW, 0, 0, 0, null), // new
    c4: add('c4', parent, NOW + 10 * MIN, 1, 0, 1, NOW - 5 * MIN), // learning
    c5: add('c5', parent, NOW + 5 * DAY, 2, 10, 2, NOW - 20 * DAY, 1), // suspended
    c6: add('c6', child, NOW - 3 * DAY, 0.5, 2, 2, Date.UTC(2026, 1, 20, 12), 3), // buried by the user
    c8: add('c8', parent, Date.UTC(2026, 2, 9, 12), 3, 0, 3, Date.UTC(2026, 2, 9, 3)), // relearning, overdue
    c7: add('c7', other, NOW - 2 * DAY, 60, 50, 2, NOW - 50 * DAY), // outside the Parent deck
  };
  t.app.services.decks.invalidate();
  const log = db.prepare(
    'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // `ivl`: the interval the answer set (review_log.scheduled_days); the card's next answer is
  // mature when it is 21 days or more (a card's first logged answer goes by its elapsed days).
  const answer = (c: number, at: number, rating: number, stateBefore: number, elapsed: number, seconds: number, kind = 0, ivl = 1) =>
    log.run(c, at, rating, stateBefore, elapsed, ivl, seconds * 1000, kind);
  answer(ids.c1!, NOW - 30 * MIN, 3, 2, 25, 10, 0, 30); // today 08:30: mature pass (interval before: 25)
  answer(ids.c2!, NOW - 20 * MIN, 1, 2, 3, 20, 0, 0); // today 08:40: young fail (interval before: 3)
  answer(ids.c4!, NOW - 10 * MIN, 3, 0, 0, 5, 0, 0); // today 08:50: new card, Good
  answer(ids.c2!, NOW - 5 * MIN, 1, 2, 0, 40, 1, 0); // today 08:55: a quiz miss (young fail with quiz answers)
  answer(ids.c1!, Date.UTC(2026, 2, 9, 10), 2, 2, 22, 30, 0, 25); // yesterday 10:00: mature (interval before: 22), Hard passes
  answer(ids.c8!, Date.UTC(2026, 2, 9, 3), 1, 2, 12, 15, 3, 0); // 9 March 03:00 is still 8 March's study day: young fail (imported)
  answer(ids.c2!, Date.UTC(2026, 2, 7, 12), 4, 2, 4, 12, 0, 3); // 3 days ago: young pass (first logged answer, 4 days elapsed)
  answer(ids.c6!, Date.UTC(2026, 1, 20, 12), 3, 2, 30, 8, 0, 2); // 18 days ago: mature pass (first logged answer, 30 days elapsed)
  answer(ids.c1!, Date.UTC(2025, 5, 1, 12), 3, 2, 10, 6, 0, 22); // 282 days ago: young pass (interval before: 10)
  answer(ids.c1!, Date.UTC(2024, 0, 1, 12), 3, 0, 0, 6, 0, 10); // over a year ago: history only
  answer(ids.c7!, NOW - 60 * MIN, 3, 2, 40, 9, 0, 60); // the Other deck, today 08:00
});
afterEach(() => t.dispose());

const stats = (input: Record<string, unknown>) => t.call<Stats>('stats.get', input);

describe('stats.get for a deck with its subdecks', () => {
  it('counts cards by state, with suspended and buried apart', async () => {
    const s = await stats({ deckId: ids.parent });
    expect(s.deckName).toBe('Parent');
    expect(s.cardCounts).toEqual({ new: 1, learning: 1, relearning: 1, young: 1, mature: 1, suspended: 1, buried: 1, total: 7 });
    expect(s.empty).toBe(false);
  });

  it('gives Anki true retention, quiz answers left out unless asked for', async () => {
    const s = await stats({ deckId: ids.parent });
    expect(s.trueRetention).toEqual([
      { period: 'today', young: { passed: 0, failed: 1 }, mature: { passed: 1, failed: 0 } },
      { period: 'yesterday', young: { passed: 0, failed: 0 }, mature: { passed: 1, failed: 0 } },
      { period: 'week', young: { passed: 1, failed: 2 }, mature: { passed: 2, failed: 0 } },
      { period: 'month', young: { passed: 1, failed: 2 }, mature: { passed: 3, failed: 0 } },
      { period: 'year', young: { passed: 2, failed: 2 }, mature: { passed: 3, failed: 0 } },
    ]);
    const withQuiz = await stats({ deckId: ids.parent, includeQuiz: true });
    expect(withQuiz.trueRetention[0]).toEqual({ period: 'today', young: { passed: 0, failed: 2 }, mature: { passed: 1, failed: 0 } });
    expect(withQuiz.activity.days.at(-1)).toEqual({ date: '2026-03-10', reviews: 4, minutes: 75 / 60 });
  });

  it('counts answer buttons by learning, young and mature within the range', async () => {
    const s = await stats({ deckId: ids.parent, forecastDays: 30 });
    expect(s.buttons).toEqual([
      { group: 'learning', counts: [0, 0, 1, 0] },
      { group: 'young', counts: [2, 0, 0, 1] },
      { group: 'mature', counts: [0, 1, 2, 0] },
    ]);
  });

  it('finds the heatmap days, the streaks and the reviews and minutes per day', async () => {
    const s = await stats({ deckId: ids.parent });
    expect(s.heatmap.days.map((d) => [d.date, d.reviews])).toEqual([
      ['2025-06-01', 1],
      ['2026-02-20', 1],
      ['2026-03-07', 1],
      ['2026-03-08', 1],
      ['2026-03-09', 1],
      ['2026-03-10', 3],
    ]);
    expect(s.heatmap).toMatchObject({ currentStreak: 4, longestStreak: 4, daysStudied: 6 });
    expect(s.activity.days).toHaveLength(30);
    expect(s.activity.days[0]!.date).toBe('2026-02-09');
    expect(s.activity.days.at(-1)).toEqual({ date: '2026-03-10', reviews: 3, minutes: 35 / 60 });
    expect(s.activity).toMatchObject({ reviews: 7, daysStudied: 5 });
    expect(s.activity.minutes).toBeCloseTo((35 + 30 + 15 + 12 + 8) / 60, 10);
    const hours = Object.fromEntries(s.hours.filter((h) => h.reviews > 0).map((h) => [h.hour, [h.reviews, h.passed]]));
    expect(hours).toEqual({ 3: [1, 0], 8: [3, 2], 10: [1, 1], 12: [2, 2] });
    const week = await stats({ deckId: ids.parent, forecastDays: 90 });
    expect(week.hours.reduce((n, h) => n + h.reviews, 0)).toBe(7);
    const year = await stats({ deckId: ids.parent, forecastDays: 365 });
    expect(year.hours.reduce((n, h) => n + h.reviews, 0)).toBe(8);
  });

  it('forecasts due cards per day, overdue ones on today, suspended and buried left out', async () => {
    const s = await stats({ deckId: ids.parent, forecastDays: 30 });
    expect(s.forecast.perDay).toHaveLength(30);
    const due = Object.fromEntries(s.forecast.perDay.map((d, i) => [i, d.due]).filter(([, n]) => n !== 0));
    expect(due).toEqual({ 0: 2, 3: 1, 20: 1 });
    expect(s.forecast).toMatchObject({ overdue: 1, total: 4 });
    expect(s.forecast.perDay[0]!.date).toBe('2026-03-10');
  });

  it('gives the distributions of intervals, stability, difficulty and retrievability now', async () => {
    const s = await stats({ deckId: ids.parent });
    const filled = (d: Stats['intervals']) => Object.fromEntries(d.buckets.filter((b) => b.cards > 0).map((b) => [b.label, b.cards]));
    expect(filled(s.intervals)).toEqual({ '2 d': 1, '5–6 d': 1, '10–13 d': 1, '30–59 d': 1 });
    expect(s.intervals.mean).toBe((30 + 5 + 10 + 2) / 4);
    expect(filled(s.stability)).toEqual({ '0 d': 1, '1 d': 1, '2 d': 1, '3–4 d': 1, '5–6 d': 1, '30–59 d': 1 });
    expect(s.stability.mean).toBeCloseTo((40 + 6 + 1 + 2 + 0.5 + 3) / 6, 10);
    expect(filled(s.difficulty)).toEqual({ '40–50%': 6 });
    expect(s.difficulty.mean).toBeCloseTo((4 / 9) * 100, 10);
    // Study days since the last answer: c1 10, c2 2, c4 0, c5 20, c6 18 (20 Feb), c8 2 (its answer belongs to 8 March).
    const r = [recall(10, 40), recall(2, 6), recall(0, 1), recall(20, 2), recall(18, 0.5), recall(2, 3)];
    expect(filled(s.retrievability)).toEqual({ '90–100%': 4, '60–70%': 1, '50–60%': 1 });
    expect(s.retrievability.mean).toBeCloseTo((r.reduce((a, b) => a + b, 0) / 6) * 100, 6);
  });
});

describe('stats.get for the whole collection and edge cases', () => {
  it('counts every deck', async () => {
    const s = await stats({});
    expect(s.deckName).toBeNull();
    expect(s.cardCounts.total).toBe(8);
    expect(s.cardCounts.mature).toBe(2);
    expect(s.forecast.overdue).toBe(2);
    expect(s.trueRetention[0]).toEqual({ period: 'today', young: { passed: 0, failed: 1 }, mature: { passed: 2, failed: 0 } });
  });

  it('says empty for a deck without cards, and not found for an unknown deck', async () => {
    const db = t.app.services.repos.db;
    const empty = Number(db.prepare("INSERT INTO decks (name, created_at) VALUES ('Empty', 0)").run().lastInsertRowid);
    t.app.services.decks.invalidate();
    const s = await stats({ deckId: empty });
    expect(s).toMatchObject({ empty: true, noHistory: true, cardCounts: { total: 0 }, heatmap: { currentStreak: 0, longestStreak: 0, days: [] } });
    expect(s.retrievability.mean).toBeNull();
    const r = await t.app.dispatch('stats.get', { deckId: 99_999 });
    expect(r.ok ? null : r.error.code).toBe('not_found');
    const bad = await t.app.dispatch('stats.get', { forecastDays: 45 });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
  });
});

describe('true retention splits young and mature as Anki does', () => {
  it('goes by the interval before the answer, not by the days that passed', async () => {
    const db = t.app.services.repos.db;
    const deck = Number(db.prepare("INSERT INTO decks (name, created_at) VALUES ('Split', 0)").run().lastInsertRowid);
    const note = db.prepare(
      "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, '{}', '[]', '', 'test', 'h', 0, 0)",
    );
    const card = db.prepare(
      `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, scheduled_days, state, last_review, suspended, created_at)
       VALUES (?, ?, 0, ?, 10, 5, 10, 2, ?, 0, 0)`,
    );
    const add = (guid: string) => Number(card.run(Number(note.run(guid, deck).lastInsertRowid), deck, NOW + 10 * DAY, NOW - MIN).lastInsertRowid);
    const late = add('late');
    const early = add('early');
    t.app.services.decks.invalidate();
    const log = db.prepare(
      'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?, 5000, 0)',
    );
    // Given a 10-day interval and answered 40 days later: young (the elapsed days would say mature).
    log.run(late, NOW - 40 * DAY, 3, 0, 0, 10);
    log.run(late, NOW - 2 * MIN, 3, 2, 40, 50);
    // Given a 30-day interval and answered after 15 days: mature (the elapsed days would say young).
    log.run(early, NOW - 15 * DAY, 3, 2, 30, 30);
    log.run(early, NOW - MIN, 1, 2, 15, 0);
    const s = await stats({ deckId: deck });
    expect(s.trueRetention[0]).toEqual({ period: 'today', young: { passed: 1, failed: 0 }, mature: { passed: 0, failed: 1 } });
    // The buttons by the same split (the learning answer 40 days ago is outside the 30-day range).
    expect(s.buttons).toEqual([
      { group: 'learning', counts: [0, 0, 0, 0] },
      { group: 'young', counts: [0, 0, 1, 0] },
      { group: 'mature', counts: [1, 0, 1, 0] },
    ]);
  });
});
