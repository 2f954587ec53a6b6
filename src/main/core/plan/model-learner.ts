/**
 * The forward model's learner: answers each review by chance with the model's retrievability
 * (Monte Carlo, seeded), rates a success Hard, Good or Easy and a first sight Again..Easy with
 * fixed shares typical of FSRS users, and takes the user's own median time per review and per new
 * card, spread log-normally as answer times are (so a day's minutes are not underestimated by
 * counting every answer at the median).
 */
import { createRng, type Rng } from '../quiz/rng';
import { AGAIN, EASY, GOOD, HARD } from './memory-model';
import type { Answer, Learner } from './day-engine';

/** Shares of the first answer to a new card: Again, Hard, Good (Easy is the rest). */
const FIRST = [0.22, 0.1, 0.53] as const;
/** Shares of a successful review: Hard, Good (Easy is the rest). */
const SUCCESS = [0.12, 0.8] as const;
/** Spread of answer times around their median (standard deviation of the log). */
const TIME_SPREAD = 0.5;

export interface LearnerTimes {
  secondsPerReview: number;
  secondsPerNewCard: number;
}

/** A standard normal draw (Box-Muller). */
export function normalDraw(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

export function modelLearner(times: LearnerTimes, seed: number): Learner {
  const rng = createRng(seed);
  /** A log-normal draw around `median`. */
  const time = (median: number): number => median * Math.exp(TIME_SPREAD * normalDraw(rng));
  const answer: Answer = { rating: GOOD, seconds: 0 };
  const answered = (rating: number, seconds: number): Answer => {
    answer.rating = rating;
    answer.seconds = seconds;
    return answer;
  };
  return {
    learn(): Answer {
      const u = rng();
      const rating = u < FIRST[0] ? AGAIN : u < FIRST[0] + FIRST[1] ? HARD : u < FIRST[0] + FIRST[1] + FIRST[2] ? GOOD : EASY;
      return answered(rating, time(times.secondsPerNewCard));
    },
    review(_card: number, _day: number, r: number): Answer {
      // A lapse takes its relearning step too: two answers.
      if (rng() >= r) return answered(AGAIN, time(times.secondsPerReview) + time(times.secondsPerReview));
      const u = rng();
      return answered(u < SUCCESS[0] ? HARD : u < SUCCESS[0] + SUCCESS[1] ? GOOD : EASY, time(times.secondsPerReview));
    },
  };
}
