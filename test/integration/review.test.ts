/** Daily review through the dispatch, on a real SQLite file: answer, undo, limits, persistence, rollover. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { coldStartsDeck } from '../support/cold-starts-deck';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
afterEach(() => t?.dispose());

const logRows = (app: TempApp) =>
  app.app.services.repos.db.prepare('SELECT card_id, rating, state_before, kind, duration_ms FROM review_log ORDER BY id').all() as Array<{
    card_id: number;
    rating: number;
    state_before: number;
    kind: number;
    duration_ms: number;
  }>;

describe('review', () => {
  it('installs the built-in decks with today\'s counts capped by the new-card limit', async () => {
    t = tempApp();
    const deck = await coldStartsDeck(t);
    expect(deck.totalCards).toBeGreaterThan(20);
    expect(deck.newCount).toBe(20);
    expect(deck.dueCount).toBe(0);
  });

  it('answers a card in one transaction (state + log row) and undo restores both', async () => {
    t = tempApp();
    const deck = await coldStartsDeck(t);
    const s1 = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    const card = s1.card!;
    expect(card.intervals).toEqual(['1m', '6m', '10m', expect.stringMatching(/^\d+d$/)]);
    const before = t.app.services.repos.cards.get(card.cardId)!;

    t.clock.advance(5000);
    const answer = await t.call<{ state: number; due: number }>('review.answer', { cardId: card.cardId, rating: 3, durationMs: 4200 });
    expect(answer.state).toBe(1);
    expect(answer.due).toBe(t.clock.now() + 10 * 60_000);
    expect(logRows(t)).toEqual([{ card_id: card.cardId, rating: 3, state_before: 0, kind: 0, duration_ms: 4200 }]);

    const s2 = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s2.card!.cardId).not.toBe(card.cardId);
    expect(s2.counts).toMatchObject({ newCount: 19, learningCount: 1 });
    expect(s2.canUndo).toBe(true);

    const undone = await t.call<ReviewSession>('review.undo', { deckId: deck.id });
    expect(undone.card!.cardId).toBe(card.cardId);
    expect(undone.counts).toMatchObject({ newCount: 20, learningCount: 0 });
    expect(logRows(t)).toEqual([]);
    expect(t.app.services.repos.cards.get(card.cardId)).toEqual(before);
    expect(await t.app.dispatch('review.undo', { deckId: deck.id })).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
  });

  it('a failed write leaves nothing behind (the log insert fails → the card is unchanged)', async () => {
    t = tempApp();
    const deck = await coldStartsDeck(t);
    const card = (await t.call<ReviewSession>('review.next', { deckId: deck.id })).card!;
    const before = t.app.services.repos.cards.get(card.cardId);
    t.app.services.repos.db.exec(`CREATE TRIGGER fail_log BEFORE INSERT ON review_log BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const r = await t.app.dispatch('review.answer', { cardId: card.cardId, rating: 4, durationMs: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(t.app.services.repos.cards.get(card.cardId)).toEqual(before);
  });

  it('persists answers across a restart', async () => {
    t = tempApp();
    const deck = await coldStartsDeck(t);
    for (let i = 0; i < 3; i++) {
      const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
      await t.call('review.answer', { cardId: s.card!.cardId, rating: i === 0 ? 1 : 3, durationMs: 1000 });
      t.clock.advance(1000);
    }
    t.reopen();
    const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.counts).toMatchObject({ newCount: 17, learningCount: 3 });
    expect(s.answeredToday).toBe(3);
    expect(logRows(t)).toHaveLength(3);
  });

  it('learning cards come back when due; the next study day brings new cards and due reviews', async () => {
    t = tempApp({ start: Date.UTC(2026, 2, 10, 20, 0) });
    await t.call('settings.update', { newPerDay: 2 });
    const deck = await coldStartsDeck(t);
    const first = (await t.call<ReviewSession>('review.next', { deckId: deck.id })).card!;
    await t.call('review.answer', { cardId: first.cardId, rating: 4, durationMs: 1 }); // Easy → review in days
    const second = (await t.call<ReviewSession>('review.next', { deckId: deck.id })).card!;
    await t.call('review.answer', { cardId: second.cardId, rating: 1, durationMs: 1 }); // Again → learning 1m
    // Learning card due in 1 minute: shown within the learn-ahead window since nothing else is left.
    let s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.card?.cardId).toBe(second.cardId);
    await t.call('review.answer', { cardId: second.cardId, rating: 4, durationMs: 1 });
    s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.card).toBeNull();
    expect(s.counts).toEqual({ newCount: 0, learningCount: 0, dueCount: 0 });

    // Next morning after 04:00 UTC: two new cards again.
    t.clock.set(Date.UTC(2026, 2, 11, 4, 0));
    s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.counts.newCount).toBe(2);
    expect(s.answeredToday).toBe(0);
    // Days later the Easy card is due for review and comes before new cards.
    t.clock.set(Date.UTC(2026, 2, 30, 12, 0));
    s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.counts.dueCount).toBeGreaterThanOrEqual(1);
    expect([first.cardId, second.cardId]).toContain(s.card?.cardId);
  });

  it('review limit caps due reviews per day', async () => {
    t = tempApp();
    await t.call('settings.update', { newPerDay: 5, reviewsPerDay: 100, learningSteps: [] });
    const deck = await coldStartsDeck(t);
    for (let i = 0; i < 5; i++) {
      const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
      await t.call('review.answer', { cardId: s.card!.cardId, rating: 3, durationMs: 1 });
    }
    await t.call('settings.update', { reviewsPerDay: 2 });
    t.clock.advance(60 * 86_400_000);
    const s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(s.counts.dueCount).toBe(2);
  });
});
