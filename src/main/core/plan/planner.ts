/**
 * The interview planner. It projects the usual schedule (the presets' retention, new cards spread
 * evenly) and a few plan shapes (how fast to introduce the new cards, the retention before the
 * last weeks, how many days of review-ahead at the end) with the forward model (day-engine.ts,
 * the model's Monte Carlo learner, the user's daily budget), and keeps the shape with the highest
 * projected readiness on the interview day. Each shape gets the usual schedule's minutes, day by
 * day, and may carry what it saves to later days (never above the budget): the plan moves time to
 * where it counts for the day (fewer reviews early, every card learned, review-ahead at the end)
 * rather than asking for more.
 * It also says whether the plan fits the budget and, when it does not, what budget or date would.
 */
import type { ModelCard, PlanDirectives, PlanInput, PlanResult, PlanShape, PlannedDay } from './types';
import { copyState, deckState, runDay, sampleIndexes, trackTarget, unlearnedCount, type DeckState } from './day-engine';
import { MemoryModel } from './memory-model';
import { modelLearner } from './model-learner';
import { dayPolicy, usualShape } from './plan-policy';
import { isStudied, readinessOn } from './readiness';
import { replicatesFor } from './simulate';
import { hashSeed } from '../quiz/rng';

/** Share of the days before the interview over which new cards are introduced. */
const SPAN_SHARES = [0.5, 0.67, 0.83] as const;
/** Retention before the last weeks, below the presets' value: reviews saved there pay for the last days. */
const START_DROPS = [0.2, 0.15, 0.1] as const;
const LOWEST_START = 0.65;
const REVIEW_AHEAD_DAYS = [4, 6] as const;
/** Review-ahead takes cards this far above the presets' retention (on the day). */
const REVIEW_AHEAD_LIFT = 0.03;
/** Two shapes this close in projected readiness count as a tie (the cheaper wins). */
const TIE = 0.002;
/** Scopes larger than this are planned on a random sample of this many cards. */
const SAMPLE_CARDS = 6_000;
/** Shapes are compared on a random sample of at most this many cards. */
const SEARCH_CARDS = 2_000;
/** Card-runs (cards × Monte Carlo runs) when comparing shapes, and for the chosen plan's projection. */
const SEARCH_CARD_RUNS = 1_200;
const PROJECTION_CARD_RUNS = 4_800;
/** The earliest fitting date is looked for this many days ahead at most. */
const HORIZON_DAYS = 730;
/** Days without room for a single new card after which no later date is looked for. */
const STALLED_DAYS = 60;

interface Projection {
  shape: PlanShape;
  days: PlannedDay[];
  readiness: number;
  topicReadiness: number[];
  totalMinutes: number;
  /** Largest count of cards left never studied at the end, over the runs. */
  unlearnedMax: number;
  unlearnedMean: number;
}

function startDayOf(input: PlanInput): number {
  return input.shape && input.startDay !== null && input.startDay !== undefined ? Math.min(input.startDay, input.today) : input.today;
}

/** Days the plan covers: today up to the day before the interview (the day itself when it is today). */
function planDays(input: PlanInput): number[] {
  const last = Math.max(input.today, input.interviewDay - 1);
  const days: number[] = [];
  for (let d = input.today; d <= last; d++) days.push(d);
  return days;
}

/** Projects a shape from today over `runs` Monte Carlo runs. */
function project(input: PlanInput, shape: PlanShape, model: MemoryModel, start: DeckState, budgetSeconds: number, runs: number): Projection {
  const dates = { startDay: startDayOf(input), interviewDay: input.interviewDay };
  const dayList = planDays(input);
  const n = Math.max(1, start.size);
  const days: PlannedDay[] = dayList.map((day) => ({ day, newCards: 0, reviews: 0, reviewAhead: 0, minutes: 0, desiredRetention: 0, reviewAheadBelow: null, projectedReadiness: 0 }));
  const topicSums = new Array<number>(input.topicCount).fill(0);
  let unlearnedMax = 0;
  let unlearnedMean = 0;
  for (let run = 0; run < runs; run++) {
    const state = copyState(start);
    const ctx = { model, learner: modelLearner(input.settings, hashSeed(input.seed, run)), budgetSeconds, targetDay: input.interviewDay };
    for (const planned of days) {
      const introducedToday = planned.day === input.today ? input.newIntroducedToday : 0;
      const policy = dayPolicy(shape, dates, planned.day, unlearnedCount(state), introducedToday);
      const out = runDay(state, planned.day, policy, ctx);
      planned.newCards += out.newCards / runs;
      planned.reviews += out.reviews / runs;
      planned.reviewAhead += out.reviewAhead / runs;
      planned.minutes += out.seconds / 60 / runs;
      planned.projectedReadiness += state.targetSum / n / runs;
      if (run === 0) {
        planned.desiredRetention = policy.desiredRetention;
        planned.reviewAheadBelow = policy.reviewAheadBelow;
      }
    }
    addTopicReadiness(input.cards, state, model, input.interviewDay, topicSums, runs);
    const left = unlearnedCount(state);
    unlearnedMax = Math.max(unlearnedMax, left);
    unlearnedMean += left / runs;
  }
  const readiness = days.length ? (days[days.length - 1] as PlannedDay).projectedReadiness : 0;
  return {
    shape,
    days,
    readiness,
    topicReadiness: topicAverages(input.cards, input.topicCount, topicSums),
    totalMinutes: days.reduce((t, d) => t + d.minutes, 0),
    unlearnedMax,
    unlearnedMean,
  };
}

function addTopicReadiness(cards: readonly ModelCard[], s: DeckState, model: MemoryModel, day: number, sums: number[], runs: number): void {
  if (sums.length === 0) return;
  for (let i = 0; i < s.size; i++) {
    if (s.learned[i] !== 1) continue;
    const r = model.retrievability(day - (s.last[i] as number), s.stability[i] as number) / runs;
    for (const t of (cards[i] as ModelCard).topics) if (t >= 0 && t < sums.length) sums[t] = (sums[t] as number) + r;
  }
}

function topicAverages(cards: readonly ModelCard[], topicCount: number, sums: number[]): number[] {
  const counts = new Array<number>(topicCount).fill(0);
  for (const card of cards) for (const t of card.topics) if (t >= 0 && t < topicCount) counts[t] = (counts[t] as number) + 1;
  return sums.map((s, t) => (counts[t] ? s / (counts[t] as number) : 0));
}

function shapesFor(input: PlanInput): PlanShape[] {
  const span = Math.max(1, input.interviewDay - input.today);
  const base = input.baseRetention;
  const unique = (xs: number[]) => [...new Set(xs)];
  const spans = unique(SPAN_SHARES.map((share) => Math.max(1, Math.round(span * share))));
  const starts = unique(START_DROPS.map((drop) => Math.max(Math.min(LOWEST_START, base), base - drop)));
  const aheads = unique(REVIEW_AHEAD_DAYS.map((days) => Math.min(days, span)));
  const finals = unique([base, Math.max(base, input.finalRetention)]);
  const reviewAheadBelow = Math.min(0.99, Math.max(base + REVIEW_AHEAD_LIFT, Math.min(input.finalRetention, base + REVIEW_AHEAD_LIFT)));
  return spans.flatMap((newSpanDays) =>
    starts.flatMap((startRetention) =>
      aheads.flatMap((reviewAheadDays) => finals.map((finalRetention) => ({ newSpanDays, reviewAheadDays, startRetention, finalRetention, reviewAheadBelow }))),
    ),
  );
}

/** The earliest interview day by which the budget lets every card be learned (new cards as the budget allows). */
function earliestFittingDay(input: PlanInput, model: MemoryModel, start: DeckState, budgetSeconds: number): number | null {
  if (unlearnedCount(start) === 0) return input.today;
  const state = copyState(start);
  const ctx = { model, learner: modelLearner(input.settings, hashSeed(input.seed, 'earliest')), budgetSeconds, targetDay: null };
  let lastNew = input.today;
  for (let day = input.today; day < input.today + HORIZON_DAYS; day++) {
    const policy = { newLimit: Infinity, desiredRetention: input.baseRetention, reviewAheadBelow: null };
    const out = runDay(state, day, policy, ctx);
    if (unlearnedCount(state) === 0) return day + 1;
    if (out.newCards > 0) lastNew = day;
    // The reviews take the whole budget and keep doing so: no date would fit.
    if (day - lastNew >= STALLED_DAYS) return null;
  }
  return null;
}

/** Peak minutes a day of the usual schedule (new cards spread over every day) with no budget. */
function minutesNeeded(input: PlanInput, model: MemoryModel, start: DeckState, runs: number): number {
  const projection = project(input, usualShape(input, startDayOf(input)), model, start, Infinity, runs);
  return Math.ceil(Math.max(0, ...projection.days.map((d) => d.minutes)));
}

/** Whole counts; today's new cards include those already introduced today (the day's total). */
function rounded(days: PlannedDay[], input: PlanInput): PlannedDay[] {
  return days.map((d) => ({
    ...d,
    newCards: Math.round(d.newCards) + (d.day === input.today ? input.newIntroducedToday : 0),
    reviews: Math.round(d.reviews),
    reviewAhead: Math.min(Math.round(d.reviewAhead), Math.round(d.reviews)),
    minutes: Math.round(d.minutes * 10) / 10,
    projectedReadiness: Math.min(1, Math.max(0, d.projectedReadiness)),
  }));
}

/**
 * The plan for `input`. A large scope is planned on a random sample of its cards with the budget
 * scaled down alike (readiness is a mean, so the sample estimates it without bias), and the
 * counts and minutes scaled back up: a plan stays quick to preview on a whole collection.
 */
export function planInterview(input: PlanInput): PlanResult {
  const total = input.cards.length;
  if (total <= SAMPLE_CARDS) return planOn(input);
  const scale = total / SAMPLE_CARDS;
  const r = planOn(randomSample(input, SAMPLE_CARDS));
  const up = (x: number) => Math.round(x * scale);
  return {
    ...r,
    days: r.days.map((d) => ({ ...d, newCards: up(d.newCards), reviews: up(d.reviews), reviewAhead: up(d.reviewAhead), minutes: Math.round(d.minutes * scale * 10) / 10 })),
    readinessNow: readinessOn(input.cards, input.interviewDay, input.settings.weights),
    minutesNeeded: Math.max(r.fits ? 0 : input.minutesPerDay + 1, Math.ceil(r.minutesNeeded * scale)),
    cardsThatFit: r.fits ? total : Math.min(total, up(r.cardsThatFit)),
  };
}

/** `n` cards drawn at random (seeded; kept in their order), with the budget and today's new cards scaled alike. */
function randomSample(input: PlanInput, n: number): PlanInput {
  const scale = input.cards.length / n;
  const cards = Array.from(sampleIndexes(input.cards.length, n, hashSeed(input.seed, 'sample')), (i) => input.cards[i] as ModelCard);
  return { ...input, cards, minutesPerDay: input.minutesPerDay / scale, newIntroducedToday: input.newIntroducedToday / scale };
}

function planOn(input: PlanInput): PlanResult {
  const model = new MemoryModel(input.settings.weights, input.settings.maximumIntervalDays);
  const start = deckState(input.cards, input.today);
  trackTarget(start, model, input.interviewDay);
  const budgetSeconds = Math.max(0, input.minutesPerDay) * 60;
  const finalRuns = replicatesFor(input.cards.length, PROJECTION_CARD_RUNS, 8);
  const shape = input.shape ?? chooseShape(input.cards.length > SEARCH_CARDS ? randomSample(input, SEARCH_CARDS) : input, model);
  const chosen = project(input, shape, model, start, budgetSeconds, finalRuns);
  const fits = chosen.unlearnedMax === 0;
  const peak = Math.ceil(Math.max(0, ...chosen.days.map((d) => d.minutes)));
  return {
    days: rounded(chosen.days, input),
    projectedReadiness: Math.min(1, Math.max(0, chosen.readiness)),
    readinessNow: readinessOn(input.cards, input.interviewDay, input.settings.weights),
    topicReadiness: chosen.topicReadiness,
    fits,
    minutesNeeded: fits ? peak : Math.max(input.minutesPerDay + 1, minutesNeeded(input, model, start, finalRuns)),
    earliestFittingDay: earliestFittingDay(input, model, start, budgetSeconds),
    cardsThatFit: input.cards.length - Math.ceil(chosen.unlearnedMean),
    shape: chosen.shape,
    startDay: startDayOf(input),
  };
}

/** The best shape: the highest projected readiness among those costing no more minutes in total than the usual schedule (compared on the same Monte Carlo runs). */
function chooseShape(input: PlanInput, model: MemoryModel): PlanShape {
  const start = deckState(input.cards, input.today);
  trackTarget(start, model, input.interviewDay);
  const budgetSeconds = Math.max(0, input.minutesPerDay) * 60;
  const runs = replicatesFor(input.cards.length, SEARCH_CARD_RUNS, 2);
  const usual = project(input, usualShape(input, input.today), model, start, budgetSeconds, runs);
  let best = usual;
  for (const shape of shapesFor(input)) {
    const p = project(input, shape, model, start, budgetSeconds, runs);
    if (p.totalMinutes > usual.totalMinutes) continue;
    if (p.readiness > best.readiness + TIE || (p.readiness > best.readiness - TIE && p.totalMinutes < best.totalMinutes)) best = p;
  }
  return best.shape;
}

/**
 * What the scheduler does on `day` for cards in scope, following the plan's shape from the
 * cards as they are now (`input.cards`, `input.newIntroducedToday`): `newToday` is the day's whole
 * new-card allowance (cards already introduced today count in it), so a day that fell behind is
 * made up over the days left. Outside the plan's days: no new cards from the plan, no review-ahead.
 */
export function planDirectives(input: PlanInput, result: PlanResult, day: number): PlanDirectives {
  if (day < result.startDay || day > Math.max(result.startDay, input.interviewDay - 1)) {
    return { newToday: 0, desiredRetention: Math.max(input.baseRetention, input.finalRetention), reviewAheadBelow: null };
  }
  let unlearned = 0;
  for (const card of input.cards) if (!isStudied(card)) unlearned++;
  const dates = { startDay: result.startDay, interviewDay: input.interviewDay };
  const policy = dayPolicy(result.shape, dates, day, unlearned, input.newIntroducedToday);
  return { newToday: policy.newLimit + input.newIntroducedToday, desiredRetention: policy.desiredRetention, reviewAheadBelow: policy.reviewAheadBelow };
}
