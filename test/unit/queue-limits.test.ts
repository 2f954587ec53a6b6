/** Daily limits over a deck tree (Anki's v3 rules) and the preset's new card and review orders. */
import { describe, expect, it } from 'vitest';
import { allocateQuotas, type DeckQuota, type LimitLeft } from '../../src/main/core/queue-rules';
import { dayShuffleKey, orderNewCards, orderReviews } from '../../src/main/core/queue-order';

const own = (newCards: number, reviews: number) => ({ newCards, reviews, learning: 0 });
const left = (entries: Array<[number, number, number]>): Map<number, LimitLeft> =>
  new Map(entries.map(([id, newLeft, reviewLeft]) => [id, { newLeft, reviewLeft }]));

describe('allocateQuotas', () => {
  // Parent 1 with children 2 and 3, studied from the parent.
  const session = (a: number, b: number): DeckQuota[] => [
    { deckId: 1, own: own(0, 0), chain: [1] },
    { deckId: 2, own: own(a, 0), chain: [2, 1] },
    { deckId: 3, own: own(b, 0), chain: [3, 1] },
  ];

  it("bounds each subdeck by its own limit and the whole by the parent's", () => {
    const r = allocateQuotas(session(30, 30), left([[1, 20, 999], [2, 5, 999], [3, 50, 999]]));
    expect([r.get(2)!.newCount, r.get(3)!.newCount]).toEqual([5, 15]);
  });

  it('counts new cards against the review limit unless they ignore it', () => {
    const quotas: DeckQuota[] = [{ deckId: 1, own: own(10, 6), chain: [1] }];
    const counted = allocateQuotas(quotas, left([[1, 10, 8]])).get(1)!;
    expect([counted.dueCount, counted.newCount]).toEqual([6, 2]);
    const ignored = allocateQuotas(quotas, left([[1, 10, 8]]), true).get(1)!;
    expect([ignored.dueCount, ignored.newCount]).toEqual([6, 10]);
  });

  it('lets a parent chain (limits from the top) bound decks studied on their own', () => {
    const alone: DeckQuota[] = [
      { deckId: 2, own: own(30, 0), chain: [2, 1] },
      { deckId: 3, own: own(30, 0), chain: [3, 1] },
    ];
    const r = allocateQuotas(alone, left([[1, 12, 999], [2, 20, 999], [3, 20, 999]]));
    expect(r.get(2)!.newCount + r.get(3)!.newCount).toBe(12);
  });
});

describe('orders', () => {
  const cards = [
    { id: 1, due: 30, scheduledDays: 10 },
    { id: 2, due: 10, scheduledDays: 40 },
    { id: 3, due: 20, scheduledDays: 1 },
    { id: 4, due: 40, scheduledDays: 5 },
  ];
  const ids = (list: Array<{ id: number }>) => list.map((c) => c.id);

  it('sorts reviews by due, interval, overdueness', () => {
    expect(ids(orderReviews(cards, 'due', 1, () => null))).toEqual([2, 3, 1, 4]);
    expect(ids(orderReviews(cards, 'intervalsAscending', 1, () => null))).toEqual([3, 4, 1, 2]);
    expect(ids(orderReviews(cards, 'intervalsDescending', 1, () => null))).toEqual([2, 1, 4, 3]);
    const r = new Map([[1, 0.95], [2, 0.5], [3, 0.8], [4, null]]);
    expect(ids(orderReviews(cards, 'overdueness', 1, (c) => r.get(c.id) ?? null))).toEqual([2, 3, 1, 4]);
  });

  it('shuffles the same way all day and differently the next day', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, due: i, scheduledDays: 1 }));
    const today = ids(orderNewCards(many, 'random', 20_000));
    expect(ids(orderNewCards([...many].reverse(), 'random', 20_000))).toEqual(today);
    expect(ids(orderNewCards(many, 'random', 20_001))).not.toEqual(today);
    expect(today).not.toEqual(ids(many));
    expect(ids(orderReviews(many, 'random', 20_000, () => null))).toEqual(today);
    expect(ids(orderNewCards(many, 'added', 20_000))).toEqual(ids(many));
    expect(dayShuffleKey(3, 4)).toBe(dayShuffleKey(3, 4));
  });
});
