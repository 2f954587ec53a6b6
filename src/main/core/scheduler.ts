/**
 * The scheduler: Anki's card states (new, learning, review, relearning) with FSRS-6 memory
 * (ts-fsrs's algorithm) behind one small interface. Cards cross this boundary as `CardState`
 * (epoch-ms numbers, the same columns the cards table stores), never as ts-fsrs objects.
 *
 * Where Anki and ts-fsrs's own scheduler differ, Anki's rules apply (rslib scheduler/states):
 * elapsed days are counted between study days (core/day.ts), the maximum interval caps Hard, Good
 * and Easy alike, fuzz is seeded per card and review count, Hard on a later learning step repeats
 * that step, and a step of a day or more keeps the card in learning until its last step.
 */
import { FSRSAlgorithm, S_MIN, generatorParameters, type FSRSState } from 'ts-fsrs';
import { stepSeconds, type SchedulerConfig } from '../../shared/settings';
import { studyDayNumber, studyDayStart } from './day';
import { fuzzBounds, fuzzFactor, reviewInterval as plainInterval } from './fuzz';
import { balancedInterval, balancesInterval, type DueCount } from './load-balance';
import { againDelay, goodDelay, hardDelay } from './learning-steps';

export const CardStates = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardStateCode = (typeof CardStates)[keyof typeof CardStates];

export const Ratings = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type RatingCode = (typeof Ratings)[keyof typeof Ratings];

export interface CardState {
  due: number;
  stability: number;
  difficulty: number;
  /** Study days between the previous answer and the latest one: what FSRS was fed. */
  elapsedDays: number;
  /** Days until due for review cards and interday learning steps; 0 for steps within a day. */
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateCode;
  lastReview: number | null;
}

export interface Scheduler {
  /**
   * The card after answering with `rating` at `now`. `cardId` seeds the fuzz. With `dueOn` (cards
   * already due per study day) review intervals are load balanced (core/load-balance.ts) when the
   * settings ask for it (fuzz and load balancing on; easy days are part of it); otherwise the plain fuzz applies.
   */
  schedule(card: CardState, now: number, rating: RatingCode, cardId?: number, dueOn?: DueCount): CardState;
  /** The card after each rating at `now`, Again..Easy; `schedule` gives exactly these. */
  preview(card: CardState, now: number, cardId?: number, dueOn?: DueCount): Record<RatingCode, CardState>;
  /** Whether `dueOn` can change what this scheduler gives (fuzz and load balancing on). */
  readonly balances: boolean;
  /** Probability of recall at `now` (FSRS forgetting curve at the elapsed study days), or null for a card never answered. */
  retrievability(card: CardState, now: number): number | null;
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

export interface SchedulerOptions {
  /** FSRS weights (21 for FSRS-6; 19-value FSRS-5 sets are migrated by ts-fsrs). Defaults to FSRS-6's. */
  weights?: readonly number[];
  /** Apply (re)learning steps and the same-day stability formula (default true). When off, every answer schedules in days, as ts-fsrs's long-term scheduler does. */
  shortTerm?: boolean;
  /** IANA zone the study day is counted in (default UTC; the app passes the user's zone). */
  timeZone?: string;
}

type SchedulingConfig = Pick<
  SchedulerConfig,
  'desiredRetention' | 'maximumIntervalDays' | 'fuzz' | 'learningSteps' | 'relearningSteps'
> &
  Partial<Pick<SchedulerConfig, 'dayStartHour' | 'loadBalancing' | 'easyDays'>>;

const DAY_S = 86_400;
const DAY_MS = 86_400_000;

/** A value worked out once, when first asked for. */
function once<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v;
  };
}

export function createScheduler(config: SchedulingConfig, options: SchedulerOptions = {}): Scheduler {
  const shortTerm = options.shortTerm ?? true;
  const algorithm = new FSRSAlgorithm(
    generatorParameters({
      request_retention: config.desiredRetention,
      maximum_interval: config.maximumIntervalDays,
      enable_fuzz: false,
      enable_short_term: shortTerm,
      ...(options.weights ? { w: [...options.weights] } : {}),
    }),
  );
  const learnSteps = shortTerm ? config.learningSteps.map(stepSeconds) : [];
  const relearnSteps = shortTerm ? config.relearningSteps.map(stepSeconds) : [];
  const rollover = config.dayStartHour ?? 4;
  const zone = options.timeZone ?? 'UTC';
  const maximum = Math.max(1, config.maximumIntervalDays);
  const dayOf = (t: number) => studyDayNumber(t, rollover, zone);
  const easyDays = config.easyDays ?? [1, 1, 1, 1, 1, 1, 1];
  // Easy days are part of the load balancer, as in Anki: with load balancing off neither applies.
  const balances = config.fuzz && (config.loadBalancing ?? false);

  function memoryOf(card: CardState): FSRSState | null {
    if (card.state === CardStates.New || card.stability < S_MIN || card.difficulty < 1) return null;
    return { stability: card.stability, difficulty: card.difficulty };
  }

  /**
   * The card after each rating, each worked out only when asked for: an answer needs one rating's
   * outcome (and the intervals below it, which bound it from below), the buttons need all four.
   */
  function outcomes(card: CardState, now: number, cardId: number, dueOn?: DueCount): (g: RatingCode) => CardState {
    const today = dayOf(now);
    const elapsed = card.lastReview === null ? 0 : Math.max(0, today - dayOf(card.lastReview));
    const memory = memoryOf(card);
    const r = memory ? algorithm.forgetting_curve(elapsed, memory.stability) : undefined;
    const next: Array<FSRSState | undefined> = [];
    const nextOf = (g: RatingCode): FSRSState | undefined => {
      if (!(g in next)) next[g] = algorithm.next_state(memory, elapsed, g, r);
      return next[g];
    };
    const fuzz = config.fuzz ? fuzzFactor(cardId, card.reps) : null;
    /** A fuzzed review interval in whole days: load balanced where that is on, else the plain fuzz. */
    const reviewInterval = (interval: number, minimum: number, max: number, factor: number | null): number => {
      if (factor === null || !balances || !dueOn || !balancesInterval(interval, minimum)) return plainInterval(interval, minimum, max, factor);
      const [lower, upper] = fuzzBounds(interval, Math.min(Math.max(1, minimum), max), max);
      return balancedInterval({ lower, upper, today, dueOn, easyDays, factor });
    };
    /** FSRS's interval for a rating, in days, before rounding, fuzz and limits. */
    const ideal = (g: RatingCode) => (nextOf(g)?.stability ?? 0) * algorithm.interval_modifier;
    const answered = (g: RatingCode): CardState => ({
      ...card,
      stability: nextOf(g)?.stability ?? 0,
      difficulty: nextOf(g)?.difficulty ?? 0,
      elapsedDays: elapsed,
      reps: card.reps + 1,
      lastReview: now,
    });
    const review = (g: RatingCode, days: number, lapse = false): CardState => ({
      ...answered(g),
      state: CardStates.Review,
      learningSteps: 0,
      scheduledDays: days,
      due: reviewDue(now, today, days),
      lapses: card.lapses + (lapse ? 1 : 0),
    });
    const step = (g: RatingCode, state: CardStateCode, index: number, secs: number, lapse = false): CardState => {
      const base = { ...answered(g), state, learningSteps: index, lapses: card.lapses + (lapse ? 1 : 0) };
      if (secs < DAY_S) return { ...base, scheduledDays: 0, due: now + secs * 1000 };
      // A step of a day or more: due at the start of a later study day, still in (re)learning.
      const untilRollover = (studyDayStart(today + 1, rollover, zone) - now) / 1000;
      const days = Math.floor((secs - untilRollover) / DAY_S) + 1;
      return { ...base, scheduledDays: days, due: studyDayStart(today + days, rollover, zone) };
    };
    /** Leaving (re)learning: Again/Hard/Good in whole days from FSRS, Easy at least a day past Good. */
    const graduate = (g: RatingCode): CardState => {
      if (g !== Ratings.Easy) return review(g, reviewInterval(Math.max(1, Math.round(ideal(g))), 1, maximum, fuzz));
      const good = reviewInterval(ideal(Ratings.Good), 1, maximum, fuzz);
      return review(g, reviewInterval(Math.max(1, Math.round(ideal(g))), good + 1, maximum, fuzz));
    };

    if (!shortTerm) return longTerm(card, ideal, fuzz, review, reviewInterval);

    if (card.state === CardStates.Review) {
      // Each interval is at least a day past the one below it.
      const hard = once(() => reviewInterval(ideal(2), 1, maximum, fuzz));
      const good = once(() => reviewInterval(ideal(3), hard() + 1, maximum, fuzz));
      const easy = once(() => reviewInterval(ideal(4), good() + 1, maximum, fuzz));
      return (g) => {
        if (g === 1) {
          const first = againDelay(relearnSteps);
          return first === null ? review(1, Math.min(maximum, Math.max(1, Math.round(ideal(1)))), true) : step(1, CardStates.Relearning, 0, first, true);
        }
        return review(g, g === 2 ? hard() : g === 3 ? good() : easy());
      };
    }

    // New, learning and relearning cards move through their steps; a new card starts on the first.
    const relearning = card.state === CardStates.Relearning;
    const steps = relearning ? relearnSteps : learnSteps;
    const state = relearning ? CardStates.Relearning : CardStates.Learning;
    const index = card.state === CardStates.New ? 0 : card.learningSteps;
    return (g) => {
      if (g === 1) {
        const again = againDelay(steps);
        return again === null ? graduate(1) : step(1, state, 0, again);
      }
      if (g === 2) {
        const hard = hardDelay(steps, index);
        return hard === null ? graduate(2) : step(2, state, Math.min(index, steps.length - 1), hard);
      }
      if (g === 3) {
        const good = goodDelay(steps, index);
        return good === null ? graduate(3) : step(3, state, Math.min(index, steps.length - 1) + 1, good);
      }
      return graduate(4);
    };
  }

  /** Anki keeps review cards on whole study days: due `days` study days after today, at the same time of day where that exists. */
  function reviewDue(now: number, today: number, days: number): number {
    const due = now + days * DAY_MS;
    return dayOf(due) === today + days ? due : studyDayStart(today + days, rollover, zone);
  }

  /** Without short-term scheduling every answer is in days, ordered Again < Hard < Good < Easy. */
  function longTerm(
    card: CardState,
    ideal: (g: RatingCode) => number,
    fuzz: number | null,
    review: (g: RatingCode, days: number, lapse?: boolean) => CardState,
    reviewInterval: typeof plainInterval,
  ): (g: RatingCode) => CardState {
    const again = once(() => Math.min(reviewInterval(ideal(1), 1, maximum, fuzz), reviewInterval(ideal(2), 1, maximum, fuzz)));
    const hard = once(() => reviewInterval(ideal(2), again() + 1, maximum, fuzz));
    const good = once(() => reviewInterval(ideal(3), hard() + 1, maximum, fuzz));
    const easy = once(() => reviewInterval(ideal(4), good() + 1, maximum, fuzz));
    return (g) => (g === 1 ? review(1, again(), card.state !== CardStates.New) : review(g, g === 2 ? hard() : g === 3 ? good() : easy()));
  }

  return {
    balances,
    schedule(card, now, rating, cardId = 0, dueOn) {
      return outcomes(card, now, cardId, dueOn)(rating);
    },
    preview(card, now, cardId = 0, dueOn) {
      const of = outcomes(card, now, cardId, dueOn);
      return { 1: of(1), 2: of(2), 3: of(3), 4: of(4) };
    },
    retrievability(card, now) {
      const memory = memoryOf(card);
      if (!memory || card.lastReview === null) return null;
      return algorithm.forgetting_curve(Math.max(0, dayOf(now) - dayOf(card.lastReview)), memory.stability);
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

/** The label of the interval an answer gives: its scheduled days when it is due on a later study day, else the time until due. */
export function answerLabel(now: number, after: CardState): string {
  return after.scheduledDays > 0 ? intervalLabel(0, after.scheduledDays * DAY_MS) : intervalLabel(now, after.due);
}
