/**
 * The order of today's new cards and reviews, by the studied deck's preset (Anki's display order):
 * new cards in the order they were added or shuffled; reviews by due date, by relative
 * overdueness (lowest retrievability first), by interval, or shuffled. A shuffle is seeded by the
 * study day, so the order stays the same all day and changes the next.
 */
import type { NEW_CARD_ORDERS, REVIEW_ORDERS } from '../../shared/settings';

export type NewCardOrder = (typeof NEW_CARD_ORDERS)[number];
export type ReviewOrder = (typeof REVIEW_ORDERS)[number];

export interface OrderedCard {
  id: number;
  due: number;
  scheduledDays: number;
}

/** A 32-bit mix of the day and the card id (the same on every call for the same pair). */
export function dayShuffleKey(day: number, cardId: number): number {
  let h = Math.imul(day ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(cardId, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const byDue = (a: OrderedCard, b: OrderedCard): number => a.due - b.due || a.id - b.id;

/** New cards in the preset's order: as added (due, then id), or shuffled for the day. */
export function orderNewCards<T extends OrderedCard>(cards: readonly T[], order: NewCardOrder, day: number): T[] {
  if (order === 'random') return [...cards].sort((a, b) => dayShuffleKey(day, a.id) - dayShuffleKey(day, b.id) || a.id - b.id);
  return [...cards].sort(byDue);
}

/**
 * Reviews in the preset's order. `retrievability` gives a card's probability of recall now (for
 * "overdueness": the most forgotten first); cards it cannot rate come last.
 */
export function orderReviews<T extends OrderedCard>(
  cards: readonly T[],
  order: ReviewOrder,
  day: number,
  retrievability: (card: T) => number | null,
): T[] {
  const list = [...cards];
  switch (order) {
    case 'due':
      return list.sort(byDue);
    case 'intervalsAscending':
      return list.sort((a, b) => a.scheduledDays - b.scheduledDays || byDue(a, b));
    case 'intervalsDescending':
      return list.sort((a, b) => b.scheduledDays - a.scheduledDays || byDue(a, b));
    case 'random':
      return list.sort((a, b) => dayShuffleKey(day, a.id) - dayShuffleKey(day, b.id) || a.id - b.id);
    case 'overdueness': {
      const r = new Map(list.map((c) => [c.id, retrievability(c) ?? 2]));
      return list.sort((a, b) => r.get(a.id)! - r.get(b.id)! || byDue(a, b));
    }
  }
}
