/**
 * Study streaks from the study days with at least one answer. The current streak runs back from
 * today, or from yesterday while today has no answer yet (the day is not over); the longest is the
 * longest run of consecutive study days anywhere in the history.
 */
export interface Streaks {
  current: number;
  longest: number;
}

/** `days`: study-day numbers with answers, in any order, duplicates allowed. */
export function studyStreaks(days: readonly number[], today: number): Streaks {
  const sorted = [...new Set(days)].filter((d) => d <= today).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for (const d of sorted) {
    run = d === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = d;
  }
  const last = sorted[sorted.length - 1];
  // `run` is the run ending at the last studied day: current only if that day is today or yesterday.
  const current = last !== undefined && last >= today - 1 ? run : 0;
  return { current, longest };
}
