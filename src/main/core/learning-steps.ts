/**
 * Delays of (re)learning steps, as Anki's scheduler computes them. A card in learning keeps the
 * index of its current step; steps are in seconds.
 */

const DAY_S = 86_400;

/** Delays over a day are rounded to whole days, so the outcome does not depend on the time of day. */
function roundOverADay(secs: number): number {
  return secs > DAY_S ? Math.round(secs / DAY_S) * DAY_S : secs;
}

/** The current step's index, kept in range when the steps were shortened since. */
export function stepIndex(steps: readonly number[], index: number): number {
  return Math.max(0, Math.min(index, steps.length - 1));
}

/** Again: back to the first step. Null when there are no steps. */
export function againDelay(steps: readonly number[]): number | null {
  return steps[0] ?? null;
}

/**
 * Hard. On the first step: the average of the first two steps, or with a single step 1.5 times
 * it (at most a day more). On a later step: that step again.
 */
export function hardDelay(steps: readonly number[], index: number): number | null {
  const idx = stepIndex(steps, index);
  const current = steps[idx];
  if (current === undefined) return null;
  if (idx > 0) return current;
  const next = steps[1];
  if (next !== undefined) return roundOverADay(Math.floor((current + next) / 2));
  return roundOverADay(Math.min(Math.floor((current * 3) / 2), current + DAY_S));
}

/** Good: the next step, or null when the current one was the last (the card graduates). */
export function goodDelay(steps: readonly number[], index: number): number | null {
  return steps[stepIndex(steps, index) + 1] ?? null;
}
