/** Scheduler rules through the dispatch on a real SQLite file: study days in the log, fuzz, limits, undo after a quiz miss, card info. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { REVIEW_KINDS } from '../../src/shared/enums';
import { studyDayNumber } from '../../src/main/core/day';
import { coldStartsDeck } from '../support/cold-starts-deck';
import { tempApp, type TempApp } from '../support/temp-app';
import { cardAndReplay } from '../support/replay-log';

let t: TempApp;
afterEach(() => t?.dispose());

const DAY = 86_400_000;

const logOf = (app: TempApp, cardId: number) =>
  app.app.services.repos.db.prepare('SELECT rating, kind, elapsed_days, scheduled_days FROM review_log WHERE card_id = ? ORDER BY id').all(cardId) as Array<{
    rating: number;
    kind: number;
    elapsed_days: number;
    scheduled_days: number;
  }>;

describe('study days in live answers and the review log (item 1)', () => {
  it('Los Angeles: 21:30 and 09:00 the next morning are one day apart for FSRS and in the log', async () => {
    t = tempApp({ timeZone: 'America/Los_Angeles', start: Date.UTC(2026, 2, 21, 4, 30) }); // 21:30 PDT
    const deck = await coldStartsDeck(t);
    const card = (await t.call<ReviewSession>('review.next', { deckId: deck.id })).card!;
    await t.call('review.answer', { cardId: card.cardId, rating: 4, durationMs: 1 });
    t.clock.set(Date.UTC(2026, 2, 21, 16, 0)); // 09:00 PDT
    await t.call('review.answer', { cardId: card.cardId, rating: 3, durationMs: 1 });
    const row = t.app.services.repos.cards.get(card.cardId)!;
    expect(row.elapsedDays).toBe(1);
    expect(logOf(t, card.cardId).map((r) => r.elapsed_days)).toEqual([0, 1]);
    const { card: stored, replayed } = cardAndReplay(t, card.cardId);
    expect(stored).toEqual(replayed);
  });
});

describe('the interval on the button is the interval given (item 4)', () => {
  it('200 Good answers with fuzz on, through the review screen calls', async () => {
    t = tempApp();
    await t.call('settings.update', { fuzz: true, learningSteps: [], newPerDay: 25, reviewsPerDay: 9999 });
    const deck = await coldStartsDeck(t);
    let answers = 0;
    const days = new Set<number>();
    while (answers < 200) {
      const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
      if (!s.card) {
        t.clock.advance(DAY);
        continue;
      }
      const shown = s.card.intervals[2];
      t.clock.advance(3000);
      const given = await t.call<{ interval: string; due: number }>('review.answer', { cardId: s.card.cardId, rating: 3, durationMs: 3000 });
      expect(given.interval).toBe(shown);
      const after = t.app.services.repos.cards.get(s.card.cardId)!;
      expect(studyDayNumber(given.due, 4, 'UTC') - studyDayNumber(t.clock.now(), 4, 'UTC')).toBe(after.scheduledDays);
      if (after.scheduledDays > 7) days.add(after.scheduledDays);
      answers++;
    }
    expect(days.size).toBeGreaterThan(1);
  });
});

describe('limits (item 6)', () => {
  it('10 new and 4 reviews a day gives at most 4 new cards', async () => {
    t = tempApp();
    await t.call('settings.update', { newPerDay: 10, reviewsPerDay: 4 });
    const deck = await coldStartsDeck(t);
    let s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.counts.newCount).toBe(4);
    await t.call('review.answer', { cardId: s.card!.cardId, rating: 4, durationMs: 1 });
    s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.counts.newCount).toBe(3);
  });
});

describe('undo after a quiz miss (item 7)', () => {
  it('review answer on X, quiz miss on X, undo: X equals the replay of its log and keeps the quiz Again', async () => {
    t = tempApp();
    const deck = await coldStartsDeck(t);
    const x = (await t.call<ReviewSession>('review.next', { deckId: deck.id })).card!;
    await t.call('review.answer', { cardId: x.cardId, rating: 4, durationMs: 1 });
    t.clock.advance(60_000);
    t.app.services.review.answer(x.cardId, 1, 0, REVIEW_KINDS.quiz);
    t.clock.advance(60_000);
    const undone = await t.call<ReviewSession>('review.undo', { deckId: deck.id });
    expect(undone.card?.cardId).toBe(x.cardId);
    expect(logOf(t, x.cardId)).toMatchObject([{ rating: 1, kind: REVIEW_KINDS.quiz }]);
    const card = t.app.services.repos.cards.get(x.cardId)!;
    expect(card.state).not.toBe(0); // not New again: the quiz miss still counts
    expect(card.reps).toBe(1);
    const { card: stored, replayed } = cardAndReplay(t, x.cardId);
    expect(stored).toEqual(replayed);
    // Nothing else to undo: the quiz miss is not a review answer.
    expect(await t.app.dispatch('review.undo', { deckId: deck.id })).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
  });
});

describe('interday learning steps (item 5)', () => {
  it('a 1d step keeps the card in learning until the next study day; learn-ahead does not pull it into today', async () => {
    t = tempApp({ start: Date.UTC(2026, 2, 10, 20, 0) });
    await t.call('settings.update', { learningSteps: ['10m', '1d'], newPerDay: 1 });
    const deck = await coldStartsDeck(t);
    const card = (await t.call<ReviewSession>('review.next', { deckId: deck.id })).card!;
    await t.call('review.answer', { cardId: card.cardId, rating: 1, durationMs: 1 }); // the 10m step
    t.clock.advance(10 * 60_000);
    const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.card?.cardId).toBe(card.cardId);
    expect(s.card!.intervals[2]).toBe('1d');
    await t.call('review.answer', { cardId: card.cardId, rating: 3, durationMs: 1 });
    expect(t.app.services.repos.cards.get(card.cardId)).toMatchObject({ state: 1, learningSteps: 1, lapses: 0, due: Date.UTC(2026, 2, 11, 4, 0) });
    t.clock.set(Date.UTC(2026, 2, 11, 3, 50)); // ten minutes before the next study day
    expect((await t.call<ReviewSession>('review.next', { deckId: deck.id })).card).toBeNull();
    t.clock.set(Date.UTC(2026, 2, 11, 4, 0));
    expect((await t.call<ReviewSession>('review.next', { deckId: deck.id })).card?.cardId).toBe(card.cardId);
  });
});

describe('learning step settings (item 5)', () => {
  it('accepts what Anki accepts and rejects the rest naming the field, writing nothing', async () => {
    t = tempApp();
    await t.call('settings.update', { learningSteps: ['90s', '1.5h', '0.5d'] });
    expect((await t.call<{ learningSteps: string[] }>('settings.get')).learningSteps).toEqual(['90s', '1.5h', '0.5d']);
    const r = await t.app.dispatch('settings.update', { learningSteps: ['10m', '1.5.h'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!r.ok) expect(r.error.message).toMatch(/learningSteps.*1.*"1\.5\.h" is not a step/);
    expect((await t.call<{ learningSteps: string[] }>('settings.get')).learningSteps).toEqual(['90s', '1.5h', '0.5d']);
  });
});

describe('card info', () => {
  it('shows the current retrievability, stability and difficulty of the card under review', async () => {
    t = tempApp();
    await t.call('settings.update', { learningSteps: [] });
    const deck = await coldStartsDeck(t);
    const first = (await t.call<ReviewSession>('review.next', { deckId: deck.id })).card!;
    expect(first.info).toMatchObject({ retrievability: null, stability: null, difficulty: null, reps: 0 });
    await t.call('review.answer', { cardId: first.cardId, rating: 3, durationMs: 1 });
    const row = t.app.services.repos.cards.get(first.cardId)!;
    t.clock.set(row.due);
    const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.card?.cardId).toBe(first.cardId);
    expect(s.card!.info.stability).toBeCloseTo(row.stability, 6);
    expect(s.card!.info.retrievability).toBeGreaterThan(0.8);
    expect(s.card!.info.retrievability).toBeLessThan(1);
    expect(s.card!.info.reps).toBe(1);
  });
});
