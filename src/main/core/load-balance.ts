/**
 * Load balancing and easy days (the rule of Anki 24.11): a fuzzed review interval is not drawn
 * uniformly from its fuzz range but by weight, so days with fewer due cards are picked more often,
 * and weekdays the user marked light (0.5) or free (0) take fewer or no reviews.
 *
 * Weights, per day of the range at `days` from today with `count` cards already due there:
 * an empty day weighs 1; otherwise `count^-2.15 × days^-3` (fewer cards first, and a slight lean
 * towards the earlier days, which keeps graduating intervals from drifting late). Easy days turn a
 * day off: a free weekday always, a light weekday when its load, counted double, is above the
 * average load per unit of capacity of the other days of the range. If every day is turned off,
 * easy days are ignored for that pick. (Anki leaves an empty day at full weight whatever its easy-day
 * setting, so an empty free day could still take cards; here a free day is off even when empty.)
 *
 * The draw is the card's fuzz factor (seeded by card and review count), so the interval shown on
 * an answer button is the one that answer gives; with equal weights it picks exactly the day the
 * plain fuzz picks.
 */

/** Intervals longer than this are not balanced (far-off days need no balancing): plain fuzz applies. */
export const MAX_BALANCED_INTERVAL = 90;
/** Days of the fuzz range are looked up this far ahead at most (the range can pass the maximum interval a little). */
export const LOAD_WINDOW_DAYS = 100;

const COUNT_EXPONENT = 2.15;

/** Cards already due on a study day (a study-day number, as core/day.ts counts them). */
export type DueCount = (studyDay: number) => number;

export interface BalanceRequest {
  /** Whole-day fuzz bounds, inclusive: the days the interval may take. */
  lower: number;
  upper: number;
  /** Today's study-day number. */
  today: number;
  dueOn: DueCount;
  /** Review load per weekday, Monday first: 1 normal, 0.5 light, 0 free. */
  easyDays: readonly number[];
  /** The card's fuzz factor in [0, 1): the weighted draw. */
  factor: number;
}

/** Monday-first weekday (0 = Monday) of a study-day number (days since 1970-01-01, a Thursday). */
export function weekdayOf(studyDay: number): number {
  return (((studyDay + 3) % 7) + 7) % 7;
}

/** True when every weekday takes its full load (easy days are off). */
export function easyDaysOff(easyDays: readonly number[]): boolean {
  return easyDays.every((d) => d >= 1);
}

/** Whether an interval with these bounds is balanced at all (otherwise the plain fuzz applies). */
export function balancesInterval(interval: number, minimum: number): boolean {
  return interval <= MAX_BALANCED_INTERVAL && minimum <= MAX_BALANCED_INTERVAL;
}

/**
 * Easy-day switches for each day of the range: 1 the day may take the card, 0 it should not.
 * A light day stays open while its doubled load is at most the others' load per unit of capacity.
 */
export function easyDayOpen(loads: readonly number[], counts: readonly number[]): number[] {
  const totalCount = counts.reduce((a, b) => a + b, 0);
  const totalLoad = loads.reduce((a, b) => a + b, 0);
  return loads.map((load, i) => {
    if (load >= 1) return 1;
    if (load <= 0) return 0;
    const count = counts[i] ?? 0;
    const otherCapacity = totalLoad - load;
    const otherAverage = otherCapacity > 0 ? (totalCount - count) / otherCapacity : Infinity;
    return count / load > otherAverage ? 0 : 1;
  });
}

/** count^-2.15 for small counts, computed once each (a fractional power costs more than the rest of a pick). */
const COUNT_WEIGHTS = new Float64Array(4096).fill(-1);

/** The weight of a day `days` ahead holding `count` due cards. */
export function loadWeight(count: number, days: number): number {
  if (count <= 0) return 1;
  let c = count < COUNT_WEIGHTS.length ? (COUNT_WEIGHTS[count] ?? -1) : -1;
  if (c < 0) {
    c = count ** -COUNT_EXPONENT;
    if (count < COUNT_WEIGHTS.length) COUNT_WEIGHTS[count] = c;
  }
  // days^-3, written out: cheaper than a power.
  const d = Math.max(1, days);
  return c / (d * d * d);
}

/** Index drawn from `weights` (the first `n`) by `factor` in [0, 1); uniform weights give floor(factor × n). */
export function weightedPick(weights: ArrayLike<number>, factor: number, n = weights.length): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] ?? 0;
  if (!(total > 0)) return Math.min(n - 1, Math.floor(factor * n));
  const target = factor * total;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += weights[i] ?? 0;
    if (target < sum) return i;
  }
  return n - 1;
}

/** Scratch space for the weights of one pick (ranges are a few days to a few dozen). */
let scratch = new Float64Array(64);

/** The interval, in days, picked from [lower, upper] by load and easy days. */
export function balancedInterval(req: BalanceRequest): number {
  const { lower, today, dueOn, easyDays } = req;
  const n = req.upper - lower + 1;
  if (n <= 1) return lower;
  if (scratch.length < n) scratch = new Float64Array(n);
  const weights = scratch;
  if (easyDaysOff(easyDays)) {
    for (let i = 0; i < n; i++) weights[i] = loadWeight(dueOn(today + lower + i), lower + i);
    return lower + weightedPick(weights, req.factor, n);
  }
  const counts: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < n; i++) {
    counts.push(Math.max(0, dueOn(today + lower + i)));
    loads.push(easyDays[weekdayOf(today + lower + i)] ?? 1);
  }
  let open = easyDayOpen(loads, counts);
  if (open.every((o) => o === 0)) open = open.map(() => 1);
  for (let i = 0; i < n; i++) weights[i] = (open[i] ?? 1) * loadWeight(counts[i] ?? 0, lower + i);
  return lower + weightedPick(weights, req.factor, n);
}
