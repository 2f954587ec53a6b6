/**
 * Readiness: the share of a set of cards the user would recall on a day if they stopped reviewing
 * now, that is the mean FSRS retrievability on that day, with cards never studied counting 0.
 */
import type { ModelCard } from './types';
import { MemoryModel } from './memory-model';

/** A card with a memory state the model can use; others count as never studied. */
export function isStudied(card: ModelCard): boolean {
  return !card.isNew && card.stability > 0 && card.lastReviewDay !== null;
}

/** Retrievability of one card on `day` (0 for a card never studied; 1 on or before its last review day). */
export function cardReadiness(card: ModelCard, day: number, model: MemoryModel): number {
  if (!isStudied(card)) return 0;
  return model.retrievability(day - (card.lastReviewDay as number), card.stability);
}

/** Mean retrievability of the cards on `day`; 0 for no cards. */
export function readinessOn(cards: readonly ModelCard[], day: number, weights: readonly number[]): number {
  if (cards.length === 0) return 0;
  const model = new MemoryModel(weights, 36500);
  let sum = 0;
  for (const card of cards) sum += cardReadiness(card, day, model);
  return sum / cards.length;
}

export interface TopicReadinessFigures {
  /** Per topic index: mean retrievability on the day (0 for a topic without cards). */
  readiness: number[];
  cards: number[];
  /** Cards studied at least once. */
  learned: number[];
}

/** Readiness per topic index (cards carry their topics' indexes), in one pass over the cards. */
export function topicReadinessOn(
  cards: readonly ModelCard[],
  day: number,
  weights: readonly number[],
  topicCount: number,
): TopicReadinessFigures {
  const model = new MemoryModel(weights, 36500);
  const sums = new Array<number>(topicCount).fill(0);
  const counts = new Array<number>(topicCount).fill(0);
  const learned = new Array<number>(topicCount).fill(0);
  for (const card of cards) {
    if (card.topics.length === 0) continue;
    const r = cardReadiness(card, day, model);
    const studied = isStudied(card) ? 1 : 0;
    for (const t of card.topics) {
      if (t < 0 || t >= topicCount) continue;
      sums[t] = (sums[t] as number) + r;
      counts[t] = (counts[t] as number) + 1;
      learned[t] = (learned[t] as number) + studied;
    }
  }
  return { readiness: sums.map((s, t) => (counts[t] ? s / (counts[t] as number) : 0)), cards: counts, learned };
}
