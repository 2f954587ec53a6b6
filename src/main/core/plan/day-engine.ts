/**
 * The forward model's day loop, shared by the simulator and the planner. Each study day the
 * learner works through the cards due (oldest first), then the day's new cards, then any
 * review-ahead the policy asks for, until the day's time budget is spent. Who answers is
 * pluggable: the model's own Monte Carlo learner (model-learner.ts) for projections, or any other
 * learner, such as a simulated student in tests.
 */
import type { ModelCard } from './types';
import { AGAIN, type MemoryModel } from './memory-model';
import { isStudied } from './readiness';
import { createRng, randomOrder } from '../quiz/rng';

/** The scheduler's settings for one day. */
export interface DayPolicy {
  /** New cards to introduce today. */
  newLimit: number;
  desiredRetention: number;
  /** Cards not yet due whose retrievability on the target day is below this are reviewed today. */
  reviewAheadBelow: number | null;
}

/** Whoever answers the cards: returns the rating (1..4) and the seconds the card took that day. */
export interface Learner {
  /** A new card's first answer (the learning steps that day are in the seconds). */
  learn(card: number, day: number): Answer;
  /** A review; `r` is the model's retrievability of the card now. A lapse's relearning step is in the seconds. */
  review(card: number, day: number, r: number): Answer;
}

export interface Answer {
  rating: number;
  seconds: number;
}

/** The scheduler's view of every card, as typed arrays. */
export interface DeckState {
  readonly size: number;
  stability: Float64Array;
  difficulty: Float64Array;
  /** Study day of the last review; meaningless while `learned` is 0. */
  last: Float64Array;
  due: Float64Array;
  learned: Uint8Array;
  /** Cards never studied, in the order they are introduced. */
  newOrder: Int32Array;
  /** Index into `newOrder` of the next card to introduce. */
  nextNew: number;
  /** The day `onTarget` is for (null: not tracked yet). */
  target: number | null;
  /** Each studied card's retrievability on the target day, kept up to date as cards are answered. */
  onTarget: Float64Array;
  /** Sum of `onTarget` over the studied cards. */
  targetSum: number;
  /** The studied cards by due day (built on the first day run; null until then). */
  queue: DueQueue | null;
}

/** Cards by due day, so a day finds its due cards without a pass over the deck. */
interface DueQueue {
  /** The first day not collected yet. */
  next: number;
  /** Cards due on a day already collected but left undone (the budget ran out). */
  overdue: number[];
  /** Day → cards due that day; an entry is stale once the card's due day has changed. */
  buckets: Map<number, number[]>;
  /** The day each card was last collected (a card moved and moved back has two entries for one day). */
  taken: Float64Array;
}

export interface DayOutcome {
  reviews: number;
  reviewAhead: number;
  newCards: number;
  seconds: number;
  /** Due cards left undone because the budget ran out. */
  backlog: number;
}

/** The deck as the model sees it; cards without a usable memory state count as never studied. */
export function deckState(cards: readonly ModelCard[], today: number): DeckState {
  const size = cards.length;
  const state: DeckState = {
    size,
    stability: new Float64Array(size),
    difficulty: new Float64Array(size),
    last: new Float64Array(size),
    due: new Float64Array(size),
    learned: new Uint8Array(size),
    newOrder: new Int32Array(0),
    nextNew: 0,
    target: null,
    onTarget: new Float64Array(size),
    targetSum: 0,
    queue: null,
  };
  const fresh: number[] = [];
  for (let i = 0; i < size; i++) {
    const c = cards[i] as ModelCard;
    if (!isStudied(c)) {
      fresh.push(i);
      continue;
    }
    state.learned[i] = 1;
    state.stability[i] = c.stability;
    state.difficulty[i] = Math.min(10, Math.max(1, c.difficulty || 5));
    state.last[i] = Math.min(c.lastReviewDay as number, today);
    state.due[i] = c.dueDay;
  }
  state.newOrder = Int32Array.from(fresh);
  return state;
}

export function copyState(s: DeckState): DeckState {
  return {
    size: s.size,
    stability: s.stability.slice(),
    difficulty: s.difficulty.slice(),
    last: s.last.slice(),
    due: s.due.slice(),
    learned: s.learned.slice(),
    newOrder: s.newOrder,
    nextNew: s.nextNew,
    target: s.target,
    onTarget: s.onTarget.slice(),
    targetSum: s.targetSum,
    queue: null,
  };
}

function enqueue(q: DueQueue, i: number, due: number): void {
  const bucket = q.buckets.get(due);
  if (bucket) bucket.push(i);
  else q.buckets.set(due, [i]);
}

/** The cards due on `day` (oldest due first), taken out of the queue. */
function takeDue(s: DeckState, day: number): number[] {
  let due: number[] = [];
  if (!s.queue) {
    const q: DueQueue = { next: day + 1, overdue: [], buckets: new Map(), taken: new Float64Array(s.size).fill(-Infinity) };
    for (let i = 0; i < s.size; i++) {
      if (s.learned[i] !== 1) continue;
      if ((s.due[i] as number) <= day) due.push(i);
      else enqueue(q, i, s.due[i] as number);
    }
    s.queue = q;
  } else {
    const q = s.queue;
    due = q.overdue.filter((i) => (s.due[i] as number) <= day);
    for (const i of due) q.taken[i] = day;
    for (let d = q.next; d <= day; d++) {
      const bucket = q.buckets.get(d);
      if (!bucket) continue;
      for (const i of bucket) {
        if (s.due[i] !== d || q.taken[i] === day) continue;
        q.taken[i] = day;
        due.push(i);
      }
      q.buckets.delete(d);
    }
    q.next = day + 1;
    q.overdue = [];
  }
  return due.sort((a, b) => (s.due[a] as number) - (s.due[b] as number) || a - b);
}

/** Starts tracking every card's retrievability on `day` (see `onTarget`). */
export function trackTarget(s: DeckState, model: MemoryModel, day: number): void {
  s.target = day;
  s.targetSum = 0;
  for (let i = 0; i < s.size; i++) {
    const r = s.learned[i] === 1 ? model.retrievability(day - (s.last[i] as number), s.stability[i] as number) : 0;
    s.onTarget[i] = r;
    s.targetSum += r;
  }
}

/** Records card `i`'s new memory, answered on `day` and next due after `interval` days. */
function answered(s: DeckState, i: number, day: number, stability: number, difficulty: number, interval: number, model: MemoryModel): void {
  s.stability[i] = stability;
  s.difficulty[i] = difficulty;
  s.last[i] = day;
  s.due[i] = day + interval;
  s.learned[i] = 1;
  if (s.queue) enqueue(s.queue, i, day + interval);
  if (s.target !== null) {
    const r = model.retrievability(s.target - day, stability);
    s.targetSum += r - (s.onTarget[i] as number);
    s.onTarget[i] = r;
  }
}

/** Cards still never studied. */
export function unlearnedCount(s: DeckState): number {
  return s.newOrder.length - s.nextNew;
}

/**
 * Sum of retrievability on `day` over the studied cards (never-studied cards count 0). With
 * `sample` (card indexes drawn at random), it is estimated from those cards, scaled up.
 */
export function sumRetrievability(s: DeckState, model: MemoryModel, day: number, sample?: Int32Array): number {
  const { learned, last, stability } = s;
  let sum = 0;
  if (sample) {
    for (let k = 0; k < sample.length; k++) {
      const i = sample[k] as number;
      if (learned[i] === 1) sum += model.retrievability(day - (last[i] as number), stability[i] as number);
    }
    return sample.length === 0 ? 0 : (sum * s.size) / sample.length;
  }
  for (let i = 0; i < s.size; i++) {
    if (learned[i] === 1) sum += model.retrievability(day - (last[i] as number), stability[i] as number);
  }
  return sum;
}

/** `n` distinct card indexes out of `size`, drawn at random (seeded), in ascending order. */
export function sampleIndexes(size: number, n: number, seed: number): Int32Array {
  const order = randomOrder(size, createRng(seed));
  const out = new Int32Array(Math.min(size, n));
  for (let k = 0; k < out.length; k++) out[k] = order.next();
  return out.sort();
}

export interface DayContext {
  model: MemoryModel;
  learner: Learner;
  budgetSeconds: number;
  /** The day readiness is for (the interview), for review-ahead; null without one. */
  targetDay: number | null;
}

/** One study day: due reviews, new cards, then review-ahead, within the budget. Updates `s`. */
export function runDay(s: DeckState, day: number, policy: DayPolicy, ctx: DayContext): DayOutcome {
  const out: DayOutcome = { reviews: 0, reviewAhead: 0, newCards: 0, seconds: 0, backlog: 0 };
  const { model, budgetSeconds } = ctx;
  if (ctx.targetDay !== null && s.target !== ctx.targetDay) trackTarget(s, model, ctx.targetDay);
  const due = takeDue(s, day);
  for (const i of due) {
    if (out.seconds >= budgetSeconds) {
      out.backlog++;
      s.queue?.overdue.push(i);
      continue;
    }
    out.seconds += reviewCard(s, i, day, policy.desiredRetention, ctx);
    out.reviews++;
  }
  while (out.newCards < policy.newLimit && s.nextNew < s.newOrder.length && out.seconds < budgetSeconds) {
    const i = s.newOrder[s.nextNew++] as number;
    const answer = ctx.learner.learn(i, day);
    const memory = model.learn(answer.rating);
    answered(s, i, day, memory.stability, memory.difficulty, model.interval(memory.stability, policy.desiredRetention), model);
    out.seconds += answer.seconds;
    out.newCards++;
  }
  if (policy.reviewAheadBelow !== null && ctx.targetDay !== null && out.seconds < budgetSeconds) {
    const ahead: number[] = [];
    for (let i = 0; i < s.size; i++) {
      if (s.learned[i] === 1 && (s.last[i] as number) < day && (s.onTarget[i] as number) < policy.reviewAheadBelow) ahead.push(i);
    }
    // Weakest on the day first.
    ahead.sort((a, b) => (s.onTarget[a] as number) - (s.onTarget[b] as number));
    for (const i of ahead) {
      if (out.seconds >= budgetSeconds) break;
      out.seconds += reviewCard(s, i, day, policy.desiredRetention, ctx);
      out.reviews++;
      out.reviewAhead++;
    }
  }
  return out;
}

/** Reviews card `i` today; returns the seconds it took. */
function reviewCard(s: DeckState, i: number, day: number, retention: number, ctx: DayContext): number {
  const { model } = ctx;
  const elapsed = day - (s.last[i] as number);
  const memory = { stability: s.stability[i] as number, difficulty: s.difficulty[i] as number };
  const r = model.retrievability(elapsed, memory.stability);
  const answer = ctx.learner.review(i, day, r);
  const next = answer.rating === AGAIN ? model.relearn(memory, elapsed, r) : model.review(memory, elapsed, answer.rating, r);
  answered(s, i, day, next.stability, next.difficulty, model.interval(next.stability, retention), model);
  return answer.seconds;
}
