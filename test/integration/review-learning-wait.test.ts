/** Learning cards due later today: the session says when the next one comes and counts them, instead of "done for today". */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { coldStartsDeck } from '../support/cold-starts-deck';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
afterEach(() => t?.dispose());

describe('learning cards later today', () => {
  it('with steps "1m 30m", after the new cards the session waits for the learning cards instead of saying done', async () => {
    t = tempApp();
    await t.call('settings.update', { newPerDay: 5, learningSteps: ['1m', '30m'] });
    const deck = await coldStartsDeck(t);
    let s = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    const answered: number[] = [];
    while (s.card) {
      answered.push(s.card.cardId);
      const r = await t.call<{ session: ReviewSession }>('review.answer', { cardId: s.card.cardId, rating: 3, durationMs: 1000, deckId: deck.id });
      s = r.session;
      t.clock.advance(10_000);
    }
    expect(answered).toHaveLength(5);
    // Five learning cards due in 30 minutes: counted as learning today, not as done and not as tomorrow's.
    expect(s.counts.learningCount).toBe(5);
    expect(s.dueTomorrow).toBe(0);
    const firstDue = Math.min(...answered.map((id) => t.app.services.repos.cards.get(id)!.due));
    expect(s.nextLearningDueAt).toBe(firstDue);
    // The screen asks again when the first one enters the 20-minute learn-ahead window...
    expect(s.nextLearningShownAt).toBe(firstDue - 20 * 60_000);
    expect(s.nextLearningShownAt!).toBeGreaterThan(s.now);
    // ...and then that card is there to study.
    t.clock.set(s.nextLearningShownAt!);
    const back = await t.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(back.card?.cardId).toBe(answered[0]);
    expect(back.nextLearningShownAt).toBeNull();
  });
});
