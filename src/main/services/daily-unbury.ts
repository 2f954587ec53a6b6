/**
 * A new study day brings every buried card back (Anki's unbury at day rollover): one UPDATE, the
 * first time the day's queue or an action needs it, guarded by the day stored with it so a
 * restart the same day does not unbury what was buried today.
 */
import type { StudyDay } from '../core/day';
import type { Repos } from '../db/repos';
import type { CardEvents } from './sync/card-events';

const UNBURIED_KEY = 'unburiedDayStart';

/** Bring buried cards back once a study day, at its first queue or action. */
export function createDailyUnbury(repos: Repos) {
  /** The study day already unburied: [start, end). */
  let done = { start: Infinity, end: -Infinity };
  /** Where the cards brought back are recorded for sync (set once the review service exists). */
  let events: CardEvents | undefined;
  const unburyTx = repos.db.transaction((dayStart: number) => {
    const stored = repos.settings.get(UNBURIED_KEY);
    if (typeof stored === 'number' && stored >= dayStart) return;
    const ids = repos.siblings.unburyAll(dayStart);
    events?.fields(ids, ['suspended']);
    repos.settings.set(UNBURIED_KEY, dayStart);
  });
  return {
    /** Record the cards each unbury brings back as sync events. */
    recordWith(cardEvents: CardEvents): void {
      events = cardEvents;
    },
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
