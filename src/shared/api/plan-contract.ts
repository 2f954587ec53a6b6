/**
 * Ready on the day: readiness per topic, the interview-date planner and the workload simulator.
 *
 * - Readiness of a set of cards on a date is the mean FSRS retrievability the cards would have on
 *   that date if the user stopped reviewing now; cards never studied count 0.
 * - A plan is the user's interview date, daily time budget and scope (decks with their subdecks,
 *   and/or topic tags). While a plan is active, the scheduler follows it for cards in scope: new
 *   cards per day from the plan, a desired retention that rises towards the date, and extra
 *   review-ahead on the last days. After the date the presets' settings apply again.
 * - Dates are local calendar dates of study days, as YYYY-MM-DD.
 */
import { z } from 'zod';

const id = z.number().int().positive();
const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD');

/** Planner bounds: what a plan may ask for (the service also checks the date against today). */
export const PLAN_LIMITS = {
  /** The interview is at most two years away. */
  maxDaysAhead: 730,
  minMinutesPerDay: 1,
  /** 24 hours. */
  maxMinutesPerDay: 1440,
  /** Seconds per answer assumed before the user has history. */
  defaultSecondsPerReview: 10,
  defaultSecondsPerNewCard: 30,
  /** Desired retention the plan reaches in the last week. */
  finalRetention: 0.95,
} as const;

export const planScopeSchema = z.strictObject({
  /** Decks in scope, each with its subdecks. */
  deckIds: z.array(id).max(500).default([]),
  /** Topic tags in scope (a card with any of them). */
  tags: z.array(z.string().min(1).max(200)).max(200).default([]),
});
export type PlanScope = z.output<typeof planScopeSchema>;

export const planSettingsSchema = z
  .object({
    interviewDate: isoDate,
    minutesPerDay: z
      .number()
      .int('the budget is a whole number of minutes')
      .min(PLAN_LIMITS.minMinutesPerDay, 'the daily budget must be at least 1 minute')
      .max(PLAN_LIMITS.maxMinutesPerDay, 'the daily budget cannot be more than 24 hours (1440 minutes)'),
    scope: planScopeSchema,
  })
  .superRefine((s, ctx) => {
    if (s.scope.deckIds.length === 0 && s.scope.tags.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'choose at least one deck or topic to prepare' });
    }
  });
export type PlanSettings = z.output<typeof planSettingsSchema>;
export type PlanSettingsInput = z.input<typeof planSettingsSchema>;

export const planDaySchema = z.object({
  date: isoDate,
  /** New cards the plan introduces that day. */
  newCards: count,
  /** Reviews expected that day (due cards plus review-ahead). */
  reviews: count,
  /** Of those, cards reviewed ahead of their due date on the last days. */
  reviewAhead: count,
  /** Expected minutes of study that day. */
  minutes: z.number().nonnegative(),
  /** Desired retention the scheduler uses for cards in scope that day. */
  desiredRetention: share,
  /** Expected share of the cards in scope recalled on the interview day, as projected at the end of this day. */
  projectedReadiness: share,
});
export type PlanDay = z.infer<typeof planDaySchema>;

export const topicReadinessSchema = z.object({
  tag: z.string(),
  cards: count,
  /** Cards studied at least once. */
  learned: count,
  /** Mean retrievability on the date (unlearned cards count 0). */
  readiness: share,
  /** Share of quiz points scored on this topic in the recent quizzes; null without quiz answers. */
  quizAccuracy: share.nullable(),
  /** Quiz answers behind `quizAccuracy`. */
  quizAnswers: count,
});
export type TopicReadiness = z.infer<typeof topicReadinessSchema>;

export const planSchema = z.object({
  settings: planSettingsSchema,
  today: isoDate,
  /** Study days from today to the interview day (0 on the day itself). */
  daysLeft: count,
  cardsInScope: count,
  /** Cards in scope never studied. */
  unlearned: count,
  /** Readiness of the scope on the interview day if the user stopped now. */
  readinessNow: share,
  /** Readiness on the interview day if the plan is followed. */
  projectedReadiness: share,
  /** The plan fits the daily budget. */
  fits: z.boolean(),
  /** In plain words, why it does not fit; null when it fits. */
  problem: z.string().nullable(),
  /** What would make it fit (a bigger budget, a later date, a smaller scope), in plain words. */
  suggestions: z.array(z.string()),
  /** On track: following the plan so far (reviews done, new cards introduced) keeps the projection. */
  onTrack: z.boolean(),
  secondsPerReview: z.number().positive(),
  secondsPerNewCard: z.number().positive(),
  /** The two figures above come from the user's own history (false: defaults). */
  timesFromHistory: z.boolean(),
  days: z.array(planDaySchema),
  /** Projected readiness per topic in scope on the interview day, weakest first. */
  topics: z.array(topicReadinessSchema),
});
export type Plan = z.infer<typeof planSchema>;

/** What the review screen shows while a plan is active ("Interview in 12 days: 74% ready, on track"). */
export const planStatusSchema = z.object({
  interviewDate: isoDate,
  daysLeft: count,
  /** Readiness of the scope on the interview day if the user stopped now. */
  readiness: share,
  onTrack: z.boolean(),
  /** The line as shown. */
  label: z.string(),
});
export type PlanStatus = z.infer<typeof planStatusSchema>;

export const readinessInputSchema = z.object({
  /** The date readiness is for; today when null. */
  date: isoDate.nullable().default(null),
  /** null: the whole collection; otherwise this deck and its subdecks. */
  deckId: id.nullable().default(null),
  /** Quiz answers of the last this many days count for quiz accuracy. */
  quizDays: z.number().int().min(1).max(3650).default(30),
});

export const readinessSchema = z.object({
  date: isoDate,
  /** One row per topic tag in scope, weakest first. */
  topics: z.array(topicReadinessSchema),
  /** All cards in scope together. */
  overall: share,
  cards: count,
});
export type Readiness = z.infer<typeof readinessSchema>;

export const SIMULATE_LIMITS = { minDays: 7, maxDays: 365, maxRetentions: 12 } as const;

export const simulateInputSchema = z.object({
  /** null: the whole collection; otherwise this deck and its subdecks. */
  deckId: id.nullable().default(null),
  days: z.number().int().min(SIMULATE_LIMITS.minDays).max(SIMULATE_LIMITS.maxDays).default(90),
  /** Desired retentions to compare. */
  retentions: z
    .array(z.number().min(0.7).max(0.99))
    .min(1)
    .max(SIMULATE_LIMITS.maxRetentions)
    .default([0.75, 0.8, 0.85, 0.9, 0.95]),
  /** Seed of the simulation, so a result can be reproduced. */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});

export const simulationDaySchema = z.object({ date: isoDate, reviews: z.number().nonnegative(), newCards: z.number().nonnegative(), minutes: z.number().nonnegative(), knowledge: z.number().nonnegative() });

export const simulationRowSchema = z.object({
  desiredRetention: share,
  /** Mean minutes per day over the simulated days. */
  minutesPerDay: z.number().nonnegative(),
  totalMinutes: z.number().nonnegative(),
  reviews: z.number().nonnegative(),
  /** Expected cards remembered at the end (sum of retrievability). */
  knowledge: z.number().nonnegative(),
  /** knowledge per minute of study: the "efficiency" Anki's "help me decide" compares. */
  knowledgePerMinute: z.number().nonnegative(),
  perDay: z.array(simulationDaySchema),
});
export type SimulationRow = z.infer<typeof simulationRowSchema>;

export const simulationSchema = z.object({
  days: z.number().int(),
  cards: count,
  /** The preset's current desired retention (for the deck, or the Default preset). */
  currentRetention: share,
  secondsPerReview: z.number().positive(),
  secondsPerNewCard: z.number().positive(),
  timesFromHistory: z.boolean(),
  rows: z.array(simulationRowSchema),
  /** The retention with the most knowledge per minute among the rows. */
  bestRetention: share,
});
export type Simulation = z.infer<typeof simulationSchema>;

export const planContract = {
  /** The active plan, recomputed for today; null when there is none or its date has passed. */
  'plan.get': { input: z.object({}), output: z.object({ plan: planSchema.nullable() }) },
  /** The plan these settings would give, without saving anything. */
  'plan.preview': { input: planSettingsSchema, output: planSchema },
  /** Save these settings as the active plan (replacing any other). */
  'plan.set': { input: planSettingsSchema, output: planSchema },
  /** Stop following the plan: the presets' settings apply again. */
  'plan.clear': { input: z.object({}), output: z.object({ cleared: z.boolean() }) },
  /** The review screen's one line; null without an active plan. Cheap: no forward simulation. */
  'plan.status': { input: z.object({}), output: z.object({ status: planStatusSchema.nullable() }) },
  /** Readiness per topic on a date, weakest first, beside recent quiz accuracy. */
  'readiness.get': { input: readinessInputSchema, output: readinessSchema },
  /** Workload and knowledge for a range of desired retentions ("help me decide"). */
  'simulate.run': { input: simulateInputSchema, output: simulationSchema },
} as const;
