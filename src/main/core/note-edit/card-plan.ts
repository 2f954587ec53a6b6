/**
 * Which cards a note's content makes, what each is called, and how an edit changes an existing
 * note's cards: cards whose ordinal the content still makes are kept (same id, same history),
 * new ordinals become new cards, and cards of ordinals it no longer makes are to be deleted.
 */
import { cardOrdinals, type DeckNote } from '../../../shared/deck-format';
import type { NoteContent } from '../../../shared/note-content';

/** The card ordinals a note's content makes, ascending. */
export function contentOrdinals(content: NoteContent): number[] {
  if (content.kind === 'rendered') return [...new Set(content.cards.map((c) => c.ord))].sort((a, b) => a - b);
  return cardOrdinals(content as DeckNote);
}

/** What the user calls a card: "Card 1", "Reverse", "Cloze 2". */
export function cardLabel(kind: NoteContent['kind'], ord: number): string {
  if (kind === 'cloze') return `Cloze ${ord + 1}`;
  if (kind === 'basic') return ord === 1 ? 'Reverse' : 'Front → back';
  return `Card ${ord + 1}`;
}

export interface ExistingCard {
  cardId: number;
  ord: number;
  reviews: number;
}

export interface CardPlan<C extends { ord: number } = ExistingCard> {
  /** Ordinals the content makes, each with the card it keeps (null: a new card). */
  cards: Array<{ ord: number; existing: C | null }>;
  /** Existing cards the content no longer makes. */
  removals: C[];
}

/** `existing` ascending by ordinal; any card shape with an ordinal (a save needs no review counts). */
export function planCards<C extends { ord: number }>(ords: readonly number[], existing: readonly C[]): CardPlan<C> {
  // The usual edit: the same cards as before (both ascending by ordinal).
  if (ords.length === existing.length && ords.every((ord, i) => existing[i]?.ord === ord)) {
    return { cards: existing.map((c) => ({ ord: c.ord, existing: c })), removals: [] };
  }
  const byOrd = new Map(existing.map((c) => [c.ord, c]));
  const wanted = new Set(ords);
  return {
    cards: ords.map((ord) => ({ ord, existing: byOrd.get(ord) ?? null })),
    removals: existing.filter((c) => !wanted.has(c.ord)),
  };
}
