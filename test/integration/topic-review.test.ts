/**
 * A review session on one topic (readiness rows link to it): the deck's due cards with the tag or
 * a child tag, whatever the case, without new cards; answering and undoing stay in the topic.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { openPlanCollection, type PlanCollection } from '../support/plan-collection';
import type { TempApp } from '../support/temp-app';

let t: TempApp;
let c: PlanCollection;
let awsDue: number[];

beforeEach(() => {
  ({ t, c } = openPlanCollection());
  const due = { stability: 5, lastReviewDaysAgo: 5, dueInDays: -1 };
  awsDue = [c.add(c.interview, ['aws'], due), c.add(c.aws, ['AWS::EC2'], due), c.add(c.aws, ['aws', 'sql'], due)];
  c.add(c.interview, ['sql'], due);
  c.add(c.interview, ['sql'], due);
  c.add(c.other, ['aws'], due);
});
afterEach(() => t.dispose());

describe('review on one topic', () => {
  it('shows only the deck\'s due cards with the tag (child tags too, any case), then nothing, while the deck still has its own', async () => {
    const first = await t.call<ReviewSession>('review.next', { deckId: c.interview, tag: 'Aws' });
    expect(first.counts).toEqual({ newCount: 0, learningCount: 0, dueCount: 3 });
    const seen: number[] = [];
    let s = first;
    while (s.card) {
      seen.push(s.card.cardId);
      const a = await t.call<{ session: ReviewSession }>('review.answer', { cardId: s.card.cardId, rating: 3, durationMs: 1000, deckId: c.interview, tag: 'Aws' });
      s = a.session;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([...awsDue].sort((a, b) => a - b));
    expect(s.counts.dueCount).toBe(0);
    expect(s.canUndo).toBe(true);
    const deck = await t.call<ReviewSession>('review.next', { deckId: c.interview });
    expect(deck.counts.dueCount).toBe(2);
    expect(deck.counts.newCount).toBe(20);
    // Undo brings the last answered card back in the topic's session.
    const undone = await t.call<ReviewSession>('review.undo', { deckId: c.interview, tag: 'Aws' });
    expect(undone.card?.cardId).toBe(seen.at(-1));
    expect(undone.counts.dueCount).toBe(1);
  });

  it('a tag no card has gives an empty session; a blank tag is refused', async () => {
    const s = await t.call<ReviewSession>('review.next', { deckId: c.interview, tag: 'nothing' });
    expect(s.card).toBeNull();
    expect(s.counts).toEqual({ newCount: 0, learningCount: 0, dueCount: 0 });
    const r = await t.app.dispatch('review.next', { deckId: c.interview, tag: '  ' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
