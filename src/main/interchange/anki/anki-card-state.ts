/**
 * An imported Anki card's schedule in Retain's terms. The card keeps Anki's type and due date; its
 * FSRS memory state (stability, difficulty) is the replay of the answers that count (see
 * anki-history.ts) with the preset's parameters when that history is complete, so the card equals
 * the replay of its imported log. Otherwise it is the state Anki stored in `cards.data`, else the
 * incomplete history replayed from the SM-2 state of its first answer, else (a review card with
 * no usable history) the state its SM-2 ease and interval stand for: what Anki computes when it
 * fills in memory states. Pure: the day arithmetic (study days in the user's zone) is passed in.
 */
import { fsrs, generatorParameters, type FSRS, type FSRSState } from 'ts-fsrs';
import { CardStates, type CardState, type CardStateCode } from '../../core/scheduler';
import { AnkiReviewKinds } from './anki-history';

const DAY_MS = 86_400_000;
const S_MIN = 0.001;

/** cards.type */
export const AnkiCardTypes = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;

/** The scheduling columns of an Anki card, as stored (due not yet converted). */
export interface AnkiCardSchedule {
  type: number;
  queue: number;
  /** cards.due (or odue for a card in a filtered deck): a day number, epoch seconds, or a new-card position. */
  due: number;
  /** Interval in days (review cards). */
  ivl: number;
  /** Ease factor in permille. */
  factor: number;
  reps: number;
  lapses: number;
  /** cards.left: learning steps remaining (modulo 1000). */
  left: number;
  /** FSRS memory state from cards.data, when Anki stored one. */
  memory?: { stability: number; difficulty: number };
  /** Desired retention from cards.data (`dr`). */
  desiredRetention?: number;
  /** Last review time from cards.data (`lrt`), epoch ms. */
  lastReviewAt?: number;
  /** Whether the answers imported for this card reach back to its first learning answer. */
  historyComplete: boolean;
  /** Key of the deck options preset the card's home deck uses (see AnkiPreset). */
  presetKey?: string;
}

/** One imported answer, with what Anki logged about it. */
export interface AnkiAnswer {
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  /** revlog.type, ivl and factor (see AnkiRevlogEntry). */
  kind: number;
  ivl: number;
  factor: number;
}

/** A review-log row the import writes. */
export interface ImportedLogRow {
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  stateBefore: CardStateCode;
  elapsedDays: number;
  scheduledDays: number;
  durationMs: number;
}

export interface AnkiDays {
  /** Study days between two instants, as FSRS counts them. */
  elapsed(from: number, to: number): number;
  /** The instant Anki's day number `day` (days since the collection was created) begins. */
  dayStart(day: number): number;
}

export interface AnkiFsrsOptions {
  /** FSRS parameters of the card's preset (Retain's defaults when absent). */
  weights?: readonly number[];
  /** Retention assumed when converting SM-2 data (Anki's "historical retention"), 0.9 by default. */
  historicalRetention?: number;
  /** Number of Retain's learning and relearning steps, to place a card in the middle of its steps. */
  learningSteps: number;
  relearningSteps: number;
}

const engines = new Map<string, FSRS>();

function engine(weights: readonly number[] | undefined): FSRS {
  const key = weights ? weights.join(',') : '';
  let e = engines.get(key);
  if (!e) {
    e = fsrs(generatorParameters({ enable_short_term: true, ...(weights ? { w: [...weights] } : {}) }));
    engines.set(key, e);
  }
  return e;
}

/** FSRS memory state equivalent to an SM-2 ease and interval (fsrs-rs `memory_state_from_sm2`). */
export function memoryStateFromSm2(
  weights: readonly number[] | undefined,
  easeFactor: number,
  interval: number,
  retention: number,
): FSRSState | undefined {
  const w = engine(weights).parameters.w;
  const decay = -(w[20] ?? 0.5);
  const factor = 0.9 ** (1 / decay) - 1;
  const stability = (Math.max(interval, S_MIN) * factor) / (retention ** (1 / decay) - 1);
  const w8 = w[8] ?? 0;
  const w9 = w[9] ?? 0;
  const w10 = w[10] ?? 0;
  const difficulty = 11 - (easeFactor - 1) / (Math.exp(w8) * stability ** -w9 * Math.expm1((1 - retention) * w10));
  if (!Number.isFinite(stability) || !Number.isFinite(difficulty)) return undefined;
  return { stability, difficulty: Math.min(10, Math.max(1, difficulty)) };
}

function stateBefore(a: AnkiAnswer, first: boolean): CardStateCode {
  if (a.kind === AnkiReviewKinds.Learning) return first ? CardStates.New : CardStates.Learning;
  if (a.kind === AnkiReviewKinds.Relearning) return CardStates.Relearning;
  return CardStates.Review;
}

/** The memory state after the answers, and the log rows they become. */
function replayAnswers(
  answers: readonly AnkiAnswer[],
  complete: boolean,
  days: AnkiDays,
  options: AnkiFsrsOptions,
): { memory: FSRSState | undefined; log: ImportedLogRow[]; lastElapsed: number } {
  const e = engine(options.weights);
  const log: ImportedLogRow[] = [];
  let memory: FSRSState | undefined;
  let lastElapsed = 0;
  answers.forEach((a, i) => {
    const prev = answers[i - 1];
    const elapsed = prev ? Math.max(0, days.elapsed(prev.reviewedAt, a.reviewedAt)) : 0;
    if (i === 0 && !complete) {
      // The log was cut short: the first answer that counts is replaced by the state SM-2 left.
      const ease = a.factor === 0 ? 2.5 : a.factor / 1000;
      memory = memoryStateFromSm2(options.weights, ease, Math.max(a.ivl, 1), options.historicalRetention ?? 0.9);
      if (memory && ease <= 1.1) memory = { stability: memory.stability, difficulty: (ease - 0.1) * 9 + 1 };
    } else {
      memory = e.next_state(memory ?? null, elapsed, a.rating);
    }
    lastElapsed = elapsed;
    log.push({
      reviewedAt: a.reviewedAt,
      rating: a.rating,
      stateBefore: stateBefore(a, i === 0 && complete),
      elapsedDays: elapsed,
      scheduledDays: Math.max(0, a.ivl),
      durationMs: Math.max(0, Math.round(a.durationMs)),
    });
  });
  return { memory, log, lastElapsed };
}

function learningDue(card: AnkiCardSchedule, days: AnkiDays): number {
  // Intraday learning cards are due at an epoch second; interday ones (queue 3) on a day number.
  return card.due >= 1_000_000_000 ? card.due * 1000 : days.dayStart(card.due);
}

/**
 * The Retain card state for an imported Anki card and the log rows of its answers that count;
 * `state` is undefined for a card Anki has as new (it stays new in Retain).
 */
export function ankiCardState(
  card: AnkiCardSchedule,
  answers: readonly AnkiAnswer[],
  days: AnkiDays,
  options: AnkiFsrsOptions,
): { state: CardState | undefined; log: ImportedLogRow[] } {
  const replay = replayAnswers(answers, card.historyComplete, days, options);
  if (card.type === AnkiCardTypes.New) return { state: undefined, log: [] };
  let memory = card.historyComplete && replay.memory ? replay.memory : (card.memory ?? replay.memory);
  if (!memory && card.ivl > 0) {
    memory = memoryStateFromSm2(options.weights, card.factor > 0 ? card.factor / 1000 : 2.5, card.ivl, options.historicalRetention ?? 0.9);
  }
  if (!memory) return { state: undefined, log: replay.log };
  const last = answers[answers.length - 1];
  const remaining = card.left % 1000;
  const base = {
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsedDays: replay.lastElapsed,
    reps: card.reps,
    lapses: card.lapses,
  };
  let state: CardState;
  if (card.type === AnkiCardTypes.Review) {
    const due = days.dayStart(card.due);
    state = {
      ...base,
      due,
      scheduledDays: card.ivl,
      learningSteps: 0,
      state: CardStates.Review,
      lastReview: card.lastReviewAt ?? last?.reviewedAt ?? due - card.ivl * DAY_MS,
    };
  } else {
    const relearning = card.type === AnkiCardTypes.Relearning;
    const steps = relearning ? options.relearningSteps : options.learningSteps;
    const due = learningDue(card, days);
    state = {
      ...base,
      due,
      scheduledDays: relearning ? card.ivl : 0,
      learningSteps: Math.max(0, Math.min(steps - 1, steps - remaining)),
      state: relearning ? CardStates.Relearning : CardStates.Learning,
      lastReview: card.lastReviewAt ?? last?.reviewedAt ?? due,
    };
  }
  return { state, log: replay.log };
}
