/**
 * A new study day brings every buried card back (Anki's unbury at day rollover): one UPDATE, the
 * first time the day's queue or an action needs it, guarded by the day stored with it so a
 * restart the same day does not unbury what was buried today.
 */
import type { StudyDay } from '../core/day';
import type { Repos } from '../db/repos';

const UNBURIED_KEY = 'unburiedDayStart';

/** Bring buried cards back once a study day, at its first queue or action. */
export function createDailyUnbury(repos: Repos) {
  /** The study day already unburied: [start, end). */
  let done = { start: Infinity, end: -Infinity };
  const unburyTx = repos.db.transaction((dayStart: number) => {
    const stored = repos.settings.get(UNBURIED_KEY);
    if (typeof stored === 'number' && stored >= dayStart) return;
    repos.siblings.unburyAll(dayStart);
    repos.settings.set(UNBURIED_KEY, dayStart);
  });
  return {
    /** Whether `now` falls in the study day already unburied (no date arithmetic: the answer path asks on every answer). */
    doneAt(now: number): boolean {
      return now >= done.start && now < done.end;
    },
    /** Unbury when `day` is a study day not yet unburied. */
    ensure(day: StudyDay): void {
      if (day.start >= done.start && day.start < done.end) return;
      // Inside an answer's transaction this runs as a savepoint of it.
      unburyTx.immediate(day.start);
      done = { start: day.start, end: day.end };
    },
  };
}
export type DailyUnbury = ReturnType<typeof createDailyUnbury>;
