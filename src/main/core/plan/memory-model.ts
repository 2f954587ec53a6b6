/**
 * FSRS memory at day granularity for the forward model: ts-fsrs's formulas (forgetting curve,
 * next state, interval for a desired retention) wrapped for the simulator's hot loops. A card's
 * memory is its stability and difficulty; time is counted in whole study days.
 */
import { FSRSAlgorithm, computeDecayFactor, generatorParameters, type FSRSState } from 'ts-fsrs';

/** Ratings as FSRS numbers them. */
export const AGAIN = 1;
export const HARD = 2;
export const GOOD = 3;
export const EASY = 4;

export class MemoryModel {
  private readonly algorithm: FSRSAlgorithm;
  private readonly decay: number;
  private readonly factor: number;
  private readonly modifiers = new Map<number, number>();
  readonly maximumIntervalDays: number;

  constructor(weights: readonly number[], maximumIntervalDays: number) {
    this.algorithm = new FSRSAlgorithm(
      generatorParameters({ w: [...weights], enable_fuzz: false, enable_short_term: true, maximum_interval: maximumIntervalDays }),
    );
    const { decay, factor } = computeDecayFactor(this.algorithm.parameters.w);
    this.decay = decay;
    this.factor = factor;
    this.maximumIntervalDays = Math.max(1, Math.floor(maximumIntervalDays));
  }

  /** Probability of recall `elapsedDays` after the last review (1 on the day itself). */
  retrievability(elapsedDays: number, stability: number): number {
    if (elapsedDays <= 0) return 1;
    return Math.pow(1 + (this.factor * elapsedDays) / stability, this.decay);
  }

  /** Whole days until retrievability falls to `desiredRetention`, within [1, maximum interval]. */
  interval(stability: number, desiredRetention: number): number {
    let modifier = this.modifiers.get(desiredRetention);
    if (modifier === undefined) {
      modifier = this.algorithm.calculate_interval_modifier(desiredRetention);
      this.modifiers.set(desiredRetention, modifier);
    }
    return Math.min(this.maximumIntervalDays, Math.max(1, Math.round(stability * modifier)));
  }

  /** Memory after a review `elapsedDays` after the last one (0: a same-day step). */
  review(memory: FSRSState, elapsedDays: number, rating: number, r: number): FSRSState {
    return this.algorithm.next_state(memory, Math.max(0, elapsedDays), rating, r);
  }

  /**
   * Memory of a new card at the end of the day it is introduced: its first rating, then the
   * learning steps until it graduates (one more Good the same day unless the first answer was Easy;
   * after Again, a Good on the repeated step first).
   */
  learn(firstRating: number): FSRSState {
    let memory = this.algorithm.next_state(null, 0, firstRating);
    if (firstRating === EASY) return memory;
    if (firstRating === AGAIN) memory = this.algorithm.next_state(memory, 0, GOOD, 1);
    return this.algorithm.next_state(memory, 0, GOOD, 1);
  }

  /** Memory after a lapse and its relearning step the same day. */
  relearn(memory: FSRSState, elapsedDays: number, r: number): FSRSState {
    const forgotten = this.algorithm.next_state(memory, Math.max(0, elapsedDays), AGAIN, r);
    return this.algorithm.next_state(forgotten, 0, GOOD, 1);
  }
}
