import { describe, expect, it } from 'vitest';
import { nextSource, queueCounts } from '../../src/main/core/queue-rules';

describe('daily limits', () => {
  const limits = { newPerDay: 20, reviewsPerDay: 200 };
  it('caps new and review counts by what is left of the day', () => {
    const ignoring = { ...limits, newCardsIgnoreReviewLimit: true };
    expect(queueCounts({ newCards: 500, learning: 3, reviews: 1000 }, ignoring, { newDone: 5, reviewsDone: 150 })).toEqual({
      newCount: 15,
      learningCount: 3,
      dueCount: 50,
    });
  });
  it('new cards count against the review limit and get only what the reviews leave (Anki default)', () => {
    // 5 new + 150 reviews done of 200: 45 reviews left, all taken by due reviews, so no new card.
    expect(queueCounts({ newCards: 500, learning: 3, reviews: 1000 }, limits, { newDone: 5, reviewsDone: 150 })).toEqual({
      newCount: 0,
      learningCount: 3,
      dueCount: 45,
    });
    // 10 new and 4 reviews a day, nothing due: at most 4 new.
    const small = { newPerDay: 10, reviewsPerDay: 4 };
    expect(queueCounts({ newCards: 50, learning: 0, reviews: 0 }, small, { newDone: 0, reviewsDone: 0 }).newCount).toBe(4);
    // Three new cards studied already: one left.
    expect(queueCounts({ newCards: 50, learning: 0, reviews: 0 }, small, { newDone: 3, reviewsDone: 0 }).newCount).toBe(1);
    // One review due: three new.
    expect(queueCounts({ newCards: 50, learning: 0, reviews: 1 }, small, { newDone: 0, reviewsDone: 0 })).toMatchObject({ newCount: 3, dueCount: 1 });
  });
  it('never goes negative when more was done than the limit (the limit was lowered)', () => {
    expect(queueCounts({ newCards: 10, learning: 0, reviews: 10 }, { newPerDay: 2, reviewsPerDay: 1 }, { newDone: 5, reviewsDone: 9 })).toEqual({
      newCount: 0,
      learningCount: 0,
      dueCount: 0,
    });
  });
  it('shows fewer than the limit when fewer are available', () => {
    expect(queueCounts({ newCards: 3, learning: 0, reviews: 0 }, limits, { newDone: 0, reviewsDone: 0 }).newCount).toBe(3);
  });
});

describe('queue order', () => {
  const c = (n: number, l: number, r: number) => ({ newCount: n, learningCount: l, dueCount: r });
  it('learning due now first, then reviews, then new, then learning within learn-ahead', () => {
    expect(nextSource(c(5, 1, 5), true, true)).toBe('learning');
    expect(nextSource(c(5, 1, 5), false, true)).toBe('review');
    expect(nextSource(c(5, 1, 0), false, true)).toBe('new');
    expect(nextSource(c(0, 1, 0), false, true)).toBe('learning');
    expect(nextSource(c(0, 1, 0), false, false)).toBeNull();
  });
});
