/**
 * Today's queue for a deck: how many new and review cards may still be shown given the daily
 * limits and what was already studied today, and in which order cards come. Pure: the counts come
 * from the repositories, the limits from the deck's preset.
 */

export interface QueueLimits {
  newPerDay: number;
  reviewsPerDay: number;
  /** Anki's "new cards ignore review limit" (off by default: new cards also count against the review limit). */
  newCardsIgnoreReviewLimit?: boolean;
}

export interface StudiedToday {
  /** New cards first answered today. */
  newDone: number;
  /** Review cards answered today (not counting learning steps). */
  reviewsDone: number;
}

export interface Available {
  newCards: number;
  learning: number;
  reviews: number;
}

export interface QueueCounts {
  newCount: number;
  learningCount: number;
  dueCount: number;
}

/** Cards in learning that come due within this window are shown now rather than waited for (Anki's learn-ahead limit). */
export const LEARN_AHEAD_MS = 20 * 60_000;

/** Reviews still allowed today: as in Anki, new cards introduced today count against the review limit unless they ignore it. */
export function reviewsLeft(limits: QueueLimits, studied: StudiedToday): number {
  const counted = studied.reviewsDone + (limits.newCardsIgnoreReviewLimit ? 0 : studied.newDone);
  return Math.max(0, limits.reviewsPerDay - counted);
}

/**
 * Today's counts. Reviews come first within the review limit; new cards are capped by the new
 * limit and, unless they ignore it, by what the reviews leave of the review limit (Anki's
 * default: 10 new and 4 reviews a day gives at most 4 new cards).
 */
export function queueCounts(available: Available, limits: QueueLimits, studied: StudiedToday): QueueCounts {
  const newLeft = Math.max(0, limits.newPerDay - studied.newDone);
  const reviewRoom = reviewsLeft(limits, studied);
  const dueCount = Math.min(available.reviews, reviewRoom);
  const newRoom = limits.newCardsIgnoreReviewLimit ? newLeft : Math.min(newLeft, reviewRoom - dueCount);
  return {
    newCount: Math.min(available.newCards, newRoom),
    learningCount: available.learning,
    dueCount,
  };
}

export type QueueSource = 'learning' | 'review' | 'new';

/**
 * Which kind of card comes next: learning cards already due, then reviews due today, then new
 * cards; when nothing else is left, learning cards due within the learn-ahead window (as Anki
 * does); otherwise none, and the session waits for the next learning card.
 */
export function nextSource(counts: QueueCounts, learningDueNow: boolean, learningWithinLearnAhead: boolean): QueueSource | null {
  if (learningDueNow) return 'learning';
  if (counts.dueCount > 0) return 'review';
  if (counts.newCount > 0) return 'new';
  if (learningWithinLearnAhead) return 'learning';
  return null;
}
