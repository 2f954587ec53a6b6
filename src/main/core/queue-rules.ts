/**
 * Today's queue for a deck: how many new and review cards may still be shown given the daily
 * limits and what was already studied today, and in which order cards come. Pure: the counts come
 * from the repositories, the limits from the deck's preset.
 */

export interface QueueLimits {
  newPerDay: number;
  reviewsPerDay: number;
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

export function queueCounts(available: Available, limits: QueueLimits, studied: StudiedToday): QueueCounts {
  const newLeft = Math.max(0, limits.newPerDay - studied.newDone);
  const reviewsLeft = Math.max(0, limits.reviewsPerDay - studied.reviewsDone);
  return {
    newCount: Math.min(available.newCards, newLeft),
    learningCount: available.learning,
    dueCount: Math.min(available.reviews, reviewsLeft),
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
