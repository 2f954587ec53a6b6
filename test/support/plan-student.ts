/**
 * A synthetic student for the planner's proof: memory follows FSRS-6 with parameters of their own
 * (drawn around the published defaults, seeded, never shown to Retain), each review is passed by
 * chance with the student's true retrievability, and answers take the student's own time.
 */
import { clipParameters, default_w } from 'ts-fsrs';
import { createRng, type Rng } from '../../src/main/core/quiz/rng';
import { AGAIN, EASY, GOOD, HARD, MemoryModel } from '../../src/main/core/plan/memory-model';
import type { Answer, Learner } from '../../src/main/core/plan/day-engine';
import { normalDraw } from '../../src/main/core/plan/model-learner';

/** FSRS-6 weights of one student: each default scaled by a log-normal factor, the decay drawn in [0.1, 0.3]. */
export function studentWeights(rng: Rng): number[] {
  const w = default_w.map((x, i) => x * Math.exp((i < 4 ? 0.35 : 0.2) * normalDraw(rng)));
  const initial = w.slice(0, 4).sort((a, b) => a - b);
  for (let i = 0; i < 4; i++) w[i] = initial[i] as number;
  w[20] = 0.1 + 0.2 * rng();
  return clipParameters(w, 1);
}

export interface Student extends Learner {
  weights: readonly number[];
  /** Seconds of every review and every new card so far, from an earlier history on (for the user's median times). */
  reviewSeconds: number[];
  newSeconds: number[];
  /** Whether the student recalls each card on `day` (a draw per card with the true retrievability). */
  recallOn(day: number): number;
  /** The student's true mean retrievability on `day` (never-studied cards 0). */
  trueReadiness(day: number): number;
}

export function createStudent(cards: number, seed: number): Student {
  const rng = createRng(seed);
  const weights = studentWeights(rng);
  const memory = new MemoryModel(weights, 36500);
  // Shares of the first answers (Again, Hard, Good) and of successful reviews (Hard, Good) vary per student.
  const first = [0.12 + 0.2 * rng(), 0.05 + 0.1 * rng(), 0.45 + 0.15 * rng()];
  const success = [0.05 + 0.15 * rng(), 0.7 + 0.15 * rng()];
  const reviewMean = 7 + 6 * rng();
  const newMean = 20 + 20 * rng();
  const seconds = (median: number) => median * Math.exp(0.4 * normalDraw(rng));
  const newCardSeconds = (rating: number) => seconds(newMean) * (rating === AGAIN ? 1.5 : 1);
  const stability = new Float64Array(cards);
  const difficulty = new Float64Array(cards);
  const last = new Float64Array(cards).fill(NaN);
  const student: Student = {
    weights,
    reviewSeconds: Array.from({ length: 300 }, () => seconds(reviewMean)),
    newSeconds: Array.from({ length: 100 }, () => newCardSeconds(rng() < (first[0] as number) ? AGAIN : GOOD)),
    learn(card: number, day: number): Answer {
      const u = rng();
      const rating = u < (first[0] as number) ? AGAIN : u < (first[0] as number) + (first[1] as number) ? HARD : u < (first[0] as number) + (first[1] as number) + (first[2] as number) ? GOOD : EASY;
      const m = memory.learn(rating);
      stability[card] = m.stability;
      difficulty[card] = m.difficulty;
      last[card] = day;
      const s = newCardSeconds(rating);
      student.newSeconds.push(s);
      return { rating, seconds: s };
    },
    review(card: number, day: number): Answer {
      const elapsed = day - (last[card] as number);
      const mem = { stability: stability[card] as number, difficulty: difficulty[card] as number };
      const r = memory.retrievability(elapsed, mem.stability);
      let rating: number;
      if (rng() >= r) rating = AGAIN;
      else {
        const u = rng();
        rating = u < (success[0] as number) ? HARD : u < (success[0] as number) + (success[1] as number) ? GOOD : EASY;
      }
      const next = rating === AGAIN ? memory.relearn(mem, elapsed, r) : memory.review(mem, elapsed, rating, r);
      stability[card] = next.stability;
      difficulty[card] = next.difficulty;
      last[card] = day;
      const s = seconds(reviewMean);
      student.reviewSeconds.push(s);
      // A lapse is followed by its relearning step: a second answer.
      if (rating !== AGAIN) return { rating, seconds: s };
      const step = seconds(reviewMean);
      student.reviewSeconds.push(step);
      return { rating, seconds: s + step };
    },
    recallOn(day: number): number {
      let recalled = 0;
      for (let i = 0; i < cards; i++) {
        if (Number.isNaN(last[i])) continue;
        if (rng() < memory.retrievability(day - (last[i] as number), stability[i] as number)) recalled++;
      }
      return recalled;
    },
    trueReadiness(day: number): number {
      let sum = 0;
      for (let i = 0; i < cards; i++) {
        if (!Number.isNaN(last[i])) sum += memory.retrievability(day - (last[i] as number), stability[i] as number);
      }
      return sum / cards;
    },
  };
  return student;
}
