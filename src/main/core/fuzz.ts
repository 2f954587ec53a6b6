/**
 * Review-interval fuzz, as Anki applies it: a card's interval is picked from a range around the
 * computed one (wider for longer intervals), by a factor in [0, 1) seeded from the card and its
 * review count. The same card answered at the same point of its history always gets the same
 * factor, so the interval shown on an answer button is the interval that answer gives.
 */

/** Fuzz ranges: each day of the interval inside [start, end) widens the range by `factor` days each side. */
const FUZZ_RANGES = [
  { start: 2.5, end: 7, factor: 0.15 },
  { start: 7, end: 20, factor: 0.1 },
  { start: 20, end: Infinity, factor: 0.05 },
] as const;

/** Intervals under 2.5 days are not fuzzed; longer ones by 1 day plus the per-range share. */
function fuzzDelta(interval: number): number {
  if (interval < 2.5) return 0;
  let delta = 1;
  for (const r of FUZZ_RANGES) delta += r.factor * Math.max(0, Math.min(interval, r.end) - r.start);
  return delta;
}

/** The whole-day range the fuzzed interval is drawn from, kept inside [minimum, maximum]. */
export function fuzzBounds(interval: number, minimum: number, maximum: number): [number, number] {
  const min = Math.min(minimum, maximum);
  const ivl = Math.min(Math.max(interval, min), maximum);
  const delta = fuzzDelta(ivl);
  const clamp = (x: number) => Math.min(Math.max(x, min), maximum);
  const lower = clamp(Math.round(ivl - delta));
  let upper = clamp(Math.round(ivl + delta));
  if (upper === lower && upper > 2 && upper < maximum) upper = lower + 1;
  return [lower, upper];
}

/**
 * The interval in whole days: with a fuzz factor, drawn from the fuzz range; without, rounded.
 * Always within [max(1, minimum), maximum] (the minimum gives way to the maximum).
 */
export function reviewInterval(interval: number, minimum: number, maximum: number, factor: number | null): number {
  const max = Math.max(1, maximum);
  const min = Math.min(Math.max(1, minimum), max);
  if (factor === null) return Math.min(Math.max(Math.round(interval), min), max);
  const [lower, upper] = fuzzBounds(interval, min, max);
  return Math.floor(lower + factor * (1 + upper - lower));
}

/** A number in [0, 1) that depends only on the card and how many times it was answered. */
export function fuzzFactor(cardId: number, reps: number): number {
  // A 32-bit integer hash (xorshift-multiply rounds) of the two numbers.
  let h = Math.imul(cardId | 0, 0x9e3779b1) ^ Math.imul((cardId / 2 ** 32) | 0, 0x85ebca77);
  h = Math.imul(h ^ (reps | 0), 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}
