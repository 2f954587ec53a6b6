/**
 * The FSRS-6 scheduler (ts-fsrs) behind one small interface. Cards cross this boundary as
 * `CardState` (epoch-ms numbers, the same columns the cards table stores), never as ts-fsrs
 * objects, so callers neither see Date nor depend on ts-fsrs types.
 */
import { fsrs, generatorParameters, type State, type Card, type FSRS, type Grade, type StepUnit } from 'ts-fsrs';
import type { SchedulerConfig } from '../../shared/settings';

export const CardStates = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardStateCode = (typeof CardStates)[keyof typeof CardStates];

export const Ratings = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type RatingCode = (typeof Ratings)[keyof typeof Ratings];

export interface CardState {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateCode;
  lastReview: number | null;
}

export interface Scheduler {
  /** The card after answering with `rating` at `now`. */
  schedule(card: CardState, now: number, rating: RatingCode): CardState;
  /** The card after each rating at `now`, Again..Easy. */
  preview(card: CardState, now: number): Record<RatingCode, CardState>;
}

export function newCardState(now: number): CardState {
  return {
    due: now,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: CardStates.New,
    lastReview: null,
  };
}

function toFsrs(c: CardState): Card {
  const card: Card = {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as State,
  };
  if (c.lastReview !== null) card.last_review = new Date(c.lastReview);
  return card;
}

function fromFsrs(c: Card): CardState {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as CardStateCode,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

/** Parse "1m", "10m", "1h", "1d" steps as ts-fsrs expects them. */
function steps(list: readonly string[]): StepUnit[] {
  return list.map((s) => s as StepUnit);
}

export interface SchedulerOptions {
  /** FSRS weights (21 for FSRS-6; 19-value FSRS-5 sets are migrated by ts-fsrs). Defaults to FSRS-6's. */
  weights?: readonly number[];
  /** Apply (re)learning steps and same-day reviews (default true). */
  shortTerm?: boolean;
}

type SchedulingConfig = Pick<
  SchedulerConfig,
  'desiredRetention' | 'maximumIntervalDays' | 'fuzz' | 'learningSteps' | 'relearningSteps'
>;

export function createScheduler(config: SchedulingConfig, options: SchedulerOptions = {}): Scheduler {
  const weights = options.weights;
  const engine: FSRS = fsrs(
    generatorParameters({
      request_retention: config.desiredRetention,
      maximum_interval: config.maximumIntervalDays,
      enable_fuzz: config.fuzz,
      enable_short_term: options.shortTerm ?? true,
      learning_steps: steps(config.learningSteps),
      relearning_steps: steps(config.relearningSteps),
      ...(weights ? { w: [...weights] } : {}),
    }),
  );
  return {
    schedule(card, now, rating) {
      return fromFsrs(engine.next(toFsrs(card), new Date(now), rating as Grade).card);
    },
    preview(card, now) {
      const p = engine.repeat(toFsrs(card), new Date(now));
      return {
        1: fromFsrs(p[1 as Grade].card),
        2: fromFsrs(p[2 as Grade].card),
        3: fromFsrs(p[3 as Grade].card),
        4: fromFsrs(p[4 as Grade].card),
      };
    },
  };
}

/** Short label for the interval between `now` and `due`, as on Anki's answer buttons: "<1m", "10m", "3h", "4d", "2.1mo", "1.3y". */
export function intervalLabel(now: number, due: number): string {
  const minutes = Math.max(0, (due - now) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(1).replace(/\.0$/, '')}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, '')}y`;
}
