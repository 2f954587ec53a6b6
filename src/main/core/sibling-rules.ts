/**
 * Siblings are the cards of one note (a reversed card, cloze c1/c2/c3), and the cards of notes of
 * one deck that share a fact key (a cloze and a multiple-choice note of one fact). As in Anki, answering a
 * card buries its siblings until the next study day, by the deck preset's options; and the queue
 * never shows two cards of the same note one after the other, whether burying is on or off.
 */
import type { PresetConfig } from '../../shared/settings';

export interface BuryRules {
  buryNew: boolean;
  buryReview: boolean;
  buryInterday: boolean;
}

/** The burying options of a deck preset. */
export function buryRulesOf(p: Pick<PresetConfig, 'buryNewSiblings' | 'buryReviewSiblings' | 'buryInterdaySiblings'>): BuryRules {
  return { buryNew: p.buryNewSiblings, buryReview: p.buryReviewSiblings, buryInterday: p.buryInterdaySiblings };
}

export const buriesAny = (r: BuryRules): boolean => r.buryNew || r.buryReview || r.buryInterday;

/** What makes cards siblings: their note's id, or the fact their note shares with other notes of its deck. */
export type SiblingKey = number | string;
const byNote = (c: { noteId: number }): SiblingKey => c.noteId;

/**
 * The queue in the same order, except that a card never follows a sibling (same note, or a note
 * of the same fact; nor, first, a sibling of the card answered last, `lastKey`): such a card waits
 * for the next place after a card of another group. Where only one group's cards are left they
 * come in order.
 */
export function spreadSiblings<T extends { noteId: number }>(cards: readonly T[], lastKey?: SiblingKey, keyOf: (c: T) => SiblingKey = byNote): T[] {
  if (!hasAdjacentSiblings(cards, lastKey, keyOf)) return [...cards];
  const pending = [...cards];
  const out: T[] = [];
  let prev = lastKey;
  while (pending.length > 0) {
    let i = pending.findIndex((c) => keyOf(c) !== prev);
    if (i < 0) i = 0;
    const [next] = pending.splice(i, 1) as [T];
    out.push(next);
    prev = keyOf(next);
  }
  return out;
}

/** Whether a queue has a card right after a sibling (or first after a sibling of the card answered last). */
export function hasAdjacentSiblings<T extends { noteId: number }>(cards: readonly T[], lastKey?: SiblingKey, keyOf: (c: T) => SiblingKey = byNote): boolean {
  let prev = lastKey;
  for (const c of cards) {
    const k = keyOf(c);
    if (k === prev) return true;
    prev = k;
  }
  return false;
}
