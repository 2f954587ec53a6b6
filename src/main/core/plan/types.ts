/**
 * The forward model's and the planner's inputs and outputs. Pure data: days are study-day numbers
 * (see core/day.ts), times are seconds, retrievability and retention are 0..1.
 */

/** One card as the forward model sees it. */
export interface ModelCard {
  /** Never studied: the plan or the new-card limit introduces it. */
  isNew: boolean;
  /** FSRS memory state; ignored for new cards. */
  stability: number;
  difficulty: number;
  /** Study day of the last review; null for new cards. */
  lastReviewDay: number | null;
  /** Study day the card is due; ignored for new cards. */
  dueDay: number;
  /** Indexes into the caller's topic list (for readiness per topic); may be empty. */
  topics: readonly number[];
}

/** What the user's answers cost and how the scheduler is set up. */
export interface ModelSettings {
  /** FSRS weights (21 for FSRS-6). */
  weights: readonly number[];
  maximumIntervalDays: number;
  secondsPerReview: number;
  secondsPerNewCard: number;
}

/** The simulator: workload and knowledge of a collection over the next days under one policy. */
export interface SimulationInput {
  cards: readonly ModelCard[];
  settings: ModelSettings;
  /** Study day the simulation starts on (today). */
  today: number;
  days: number;
  /** New cards introduced per day (Anki's new cards/day). */
  newPerDay: number;
  desiredRetention: number;
  seed: number;
}

export interface SimulatedDay {
  day: number;
  reviews: number;
  newCards: number;
  minutes: number;
  /** Expected cards remembered at the end of the day (sum of retrievability; new cards 0). */
  knowledge: number;
}

export interface SimulationResult {
  days: SimulatedDay[];
  totalMinutes: number;
  reviews: number;
  /** Knowledge at the end of the last day. */
  knowledge: number;
}

/** The planner's choices for a plan: how it spreads new cards, sets retention and reviews ahead. */
export interface PlanShape {
  /** New cards are introduced over this many days from the plan's first day (at least 1). */
  newSpanDays: number;
  /** Review-ahead runs on this many days before the interview (0: none). */
  reviewAheadDays: number;
  /** Desired retention until two weeks before the interview. */
  startRetention: number;
  /** Desired retention from a week before the interview (rising to it in between). */
  finalRetention: number;
  /** Review-ahead takes the cards whose retrievability on the interview day would fall below this. */
  reviewAheadBelow: number;
}

/** The interview planner's input. */
export interface PlanInput {
  cards: readonly ModelCard[];
  settings: ModelSettings;
  today: number;
  /** Study day of the interview (>= today). */
  interviewDay: number;
  minutesPerDay: number;
  /** The presets' desired retention for the scope (the plan starts from it). */
  baseRetention: number;
  /** Final desired retention (about 0.95 in the last week). */
  finalRetention: number;
  /** New cards already introduced today (they count against today's plan). */
  newIntroducedToday: number;
  topicCount: number;
  seed: number;
  /**
   * The shape chosen when the plan was set (PlanResult.shape) and the day it was set: with them
   * the planner follows that shape from today instead of choosing again, so a plan keeps its
   * course from day to day. Leave out to choose (when a plan is previewed or set).
   */
  shape?: PlanShape | null;
  startDay?: number | null;
}

export interface PlannedDay {
  day: number;
  newCards: number;
  reviews: number;
  reviewAhead: number;
  minutes: number;
  desiredRetention: number;
  /** Review-ahead threshold that day (see PlanDirectives); null: none. */
  reviewAheadBelow: number | null;
  /** Expected share of the cards recalled on the interview day, projected at the end of this day. */
  projectedReadiness: number;
}

export interface PlanResult {
  days: PlannedDay[];
  /** Readiness on the interview day if the plan is followed. */
  projectedReadiness: number;
  /** Readiness on the interview day if the user stopped now. */
  readinessNow: number;
  /** Per topic index: projected readiness on the interview day if the plan is followed. */
  topicReadiness: number[];
  fits: boolean;
  /** Minutes per day the plan would need to learn every card in time (>= minutesPerDay when it does not fit). */
  minutesNeeded: number;
  /** Earliest interview day the budget would fit (null when no day within two years would). */
  earliestFittingDay: number | null;
  /** Cards that fit in the budget by the date (all of them when it fits). */
  cardsThatFit: number;
  /** The shape followed, and the plan's first day: store them with the plan and pass them back in PlanInput on later days. */
  shape: PlanShape;
  startDay: number;
}

/** The scheduler's view of the plan on one day, for cards in scope. */
export interface PlanDirectives {
  /** New cards to introduce today from the scope (replaces the presets' new limit for it). */
  newToday: number;
  desiredRetention: number;
  /** Review ahead today: cards in scope whose retrievability on the interview day would fall below this are due today; null: no review-ahead today. */
  reviewAheadBelow: number | null;
}
