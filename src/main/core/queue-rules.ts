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

/** One deck of a study session for the daily limits: its own cards and the decks whose limits they count against. */
export interface DeckQuota {
  deckId: number;
  /** This deck's own cards available today (not its subdecks'). */
  own: Available;
  /**
   * The decks whose limits this deck's cards count against, itself first: up to the deck being
   * studied, and further up to the top when limits start from the top.
   */
  chain: number[];
}

/** What is left of a deck's limits today. */
export interface LimitLeft {
  newLeft: number;
  reviewLeft: number;
}

/** What is left today of a deck's limits, given what was studied in it and its subdecks today. */
export function limitLeft(limits: QueueLimits, studied: StudiedToday): LimitLeft {
  return { newLeft: Math.max(0, limits.newPerDay - studied.newDone), reviewLeft: reviewsLeft(limits, studied) };
}

/**
 * How many of each deck's cards today's queue takes (Anki's v3 scheduler): decks in study order
 * (a deck before its subdecks), reviews first, then new cards; each card taken counts against the
 * limits of every deck in its chain, and new cards also against the review limits unless they
 * ignore them. A deck's cards beyond what its chain has left wait for another day. Learning cards
 * are not limited.
 */
export function allocateQuotas(decks: readonly DeckQuota[], left: ReadonlyMap<number, LimitLeft>, newCardsIgnoreReviewLimit = false): Map<number, QueueCounts> {
  const room = new Map<number, LimitLeft>();
  for (const [id, l] of left) room.set(id, { ...l });
  const roomOf = (id: number): LimitLeft => room.get(id) ?? { newLeft: 0, reviewLeft: 0 };
  const out = new Map<number, QueueCounts>();
  for (const d of decks) {
    const take = Math.min(d.own.reviews, ...d.chain.map((id) => roomOf(id).reviewLeft));
    for (const id of d.chain) roomOf(id).reviewLeft -= take;
    out.set(d.deckId, { newCount: 0, learningCount: d.own.learning, dueCount: take });
  }
  for (const d of decks) {
    const cap = (id: number): number => (newCardsIgnoreReviewLimit ? roomOf(id).newLeft : Math.min(roomOf(id).newLeft, roomOf(id).reviewLeft));
    const take = Math.min(d.own.newCards, ...d.chain.map(cap));
    for (const id of d.chain) {
      roomOf(id).newLeft -= take;
      if (!newCardsIgnoreReviewLimit) roomOf(id).reviewLeft -= take;
    }
    out.get(d.deckId)!.newCount = take;
  }
  return out;
}

/** The sum of several decks' counts. */
export function sumCounts(counts: Iterable<QueueCounts>): QueueCounts {
  const total: QueueCounts = { newCount: 0, learningCount: 0, dueCount: 0 };
  for (const c of counts) {
    total.newCount += c.newCount;
    total.learningCount += c.learningCount;
    total.dueCount += c.dueCount;
  }
  return total;
}
