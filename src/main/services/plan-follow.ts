/**
 * The scheduler following an active interview plan, for the cards in its scope: the plan's new
 * cards per day replace the presets' new limit in the scope's decks, answers are scheduled with
 * the plan's desired retention for the day, and on the last days cards whose retrievability on
 * the interview day would fall below target are brought forward to today. After the interview day
 * (or without a plan) nothing changes. What the plan asks of a day is worked out once per study
 * day and kept, so answering a card asks nothing of the database when no plan is active.
 */
import type { PlanDirectives } from '../core/plan/types';
import { studyDayNumber } from '../core/day';
import type { LimitLeft } from '../core/queue-rules';
import type { Repos } from '../db/repos';
import type { SettingsService } from './settings-service';

/** What an active plan asks of one study day. */
export interface FollowDay {
  dayNumber: number;
  interviewDay: number;
  /** Decks holding cards of the scope: their new limit is the plan's. */
  decks: ReadonlySet<number>;
  /** Decks of the scope (with subdecks): every card in them is in scope. */
  scopeDecks: ReadonlySet<number>;
  /** Topic tags of the scope: a card whose note has one of them is in scope. */
  tags: readonly string[];
  directives: PlanDirectives;
  /** Bring forward to `dayStart` the cards in scope whose retrievability on the interview day would fall below `below` (once a day, before the first queue). */
  reviewAhead(dayStart: number, below: number): void;
}

/** Works out the active plan's day, or null without an active plan or after its date. */
export type FollowDayLoader = (dayNumber: number) => FollowDay | null;

export function createPlanFollow(repos: Repos, settings: SettingsService) {
  let loader: FollowDayLoader | null = null;
  let cached: { dayNumber: number; day: FollowDay | null } | null = null;
  let aheadDone = -1;

  function dayOf(now: number): number {
    return studyDayNumber(now, settings.collection().dayStartHour, settings.timeZone());
  }

  function on(dayNumber: number): FollowDay | null {
    if (!loader) return null;
    if (cached?.dayNumber !== dayNumber) cached = { dayNumber, day: loader(dayNumber) };
    return cached.day;
  }

  return {
    /** The plan service supplies how a day is worked out (it knows the decks and the planner). */
    connect(load: FollowDayLoader): void {
      loader = load;
      cached = null;
    },
    /** Forget the worked-out day: a plan was started or stopped, or cards moved. */
    invalidate(): void {
      cached = null;
      aheadDone = -1;
    },
    on,
    /** Today's review-ahead, once a study day, before the queue is read. */
    ensureDay(dayNumber: number, dayStart: number): void {
      if (aheadDone === dayNumber) return;
      aheadDone = dayNumber;
      const day = on(dayNumber);
      if (day && day.directives.reviewAheadBelow !== null) day.reviewAhead(dayStart, day.directives.reviewAheadBelow);
    },
    /**
     * The new-card room left today for a deck of the plan's scope (the plan's new cards minus
     * those the scope's decks introduced today), or null to keep the presets' limits.
     */
    newLimits(dayNumber: number, newDoneByDeck: ReadonlyMap<number, { newDone: number }>): ((deckId: number, l: LimitLeft) => LimitLeft) | null {
      const day = on(dayNumber);
      if (!day) return null;
      let done = 0;
      for (const id of day.decks) done += newDoneByDeck.get(id)?.newDone ?? 0;
      const newLeft = Math.max(0, day.directives.newToday - done);
      return (deckId, l) => (day.decks.has(deckId) ? { ...l, newLeft } : l);
    },
    /** The plan's desired retention today for this card, or null when no plan covers it (no query without a plan). */
    retentionFor(card: { deckId: number; noteId: number }, now: number): number | null {
      const day = loader ? on(dayOf(now)) : null;
      if (!day) return null;
      const inScope = day.scopeDecks.has(card.deckId) || (day.tags.length > 0 && repos.plans.noteHasTag(card.noteId, day.tags));
      return inScope ? day.directives.desiredRetention : null;
    },
  };
}
export type PlanFollow = ReturnType<typeof createPlanFollow>;
