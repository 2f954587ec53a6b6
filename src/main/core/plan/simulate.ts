/**
 * The simulator ("help me decide"): workload and knowledge of a collection over the next days at
 * one desired retention and new-card limit, with no time budget.
 *
 * A seeded Monte Carlo over the cards: each review is passed or failed by chance with the card's
 * retrievability and the memory state follows that answer. Chosen over an expectation model
 * because FSRS's state after a review depends on pass or fail (two very different stabilities),
 * so expected values do not compose; averaging many cards (and a few runs for small decks) gives
 * the expectation with a known, small noise, and the same seed always gives the same result.
 */
import type { SimulatedDay, SimulationInput, SimulationResult } from './types';
import { copyState, deckState, runDay, sampleIndexes, sumRetrievability, type DeckState } from './day-engine';
import { MemoryModel } from './memory-model';
import { modelLearner } from './model-learner';
import { hashSeed } from '../quiz/rng';

/**
 * A day's knowledge over a large collection is estimated from a random sample of this many cards
 * (the standard error of the mean retrievability is then about 0.1 point).
 */
const KNOWLEDGE_SAMPLE = 20_000;

/** Monte Carlo runs averaged: enough card-runs that the noise in the totals stays small. */
export function replicatesFor(cards: number, cardRuns = 20_000, maximum = 8): number {
  return Math.max(1, Math.min(maximum, Math.ceil(cardRuns / Math.max(1, cards))));
}

export function simulate(input: SimulationInput): SimulationResult {
  const { settings } = input;
  const model = new MemoryModel(settings.weights, settings.maximumIntervalDays);
  const start = deckState(input.cards, input.today);
  const runs = replicatesFor(input.cards.length);
  const sample = input.cards.length > KNOWLEDGE_SAMPLE ? sampleIndexes(input.cards.length, KNOWLEDGE_SAMPLE, input.seed) : undefined;
  const days: SimulatedDay[] = [];
  for (let d = 0; d < input.days; d++) days.push({ day: input.today + d, reviews: 0, newCards: 0, minutes: 0, knowledge: 0 });
  const policy = { newLimit: Math.max(0, Math.floor(input.newPerDay)), desiredRetention: input.desiredRetention, reviewAheadBelow: null };
  for (let run = 0; run < runs; run++) {
    const state: DeckState = runs === 1 ? start : copyState(start);
    const ctx = { model, learner: modelLearner(settings, hashSeed(input.seed, run)), budgetSeconds: Infinity, targetDay: null };
    for (const day of days) {
      const out = runDay(state, day.day, policy, ctx);
      day.reviews += out.reviews / runs;
      day.newCards += out.newCards / runs;
      day.minutes += out.seconds / 60 / runs;
      day.knowledge += sumRetrievability(state, model, day.day, sample) / runs;
    }
  }
  const last = days[days.length - 1];
  return {
    days,
    totalMinutes: days.reduce((t, d) => t + d.minutes, 0),
    reviews: days.reduce((t, d) => t + d.reviews, 0),
    knowledge: last ? last.knowledge : sumRetrievability(start, model, input.today),
  };
}
