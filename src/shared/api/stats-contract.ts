/**
 * The statistics screen (Anki 24.11's Statistics): for the whole collection or one deck with its
 * subdecks, every chart's numbers in one answer. Study days are counted in the user's time zone
 * from the collection's day-start hour; `day` values are study-day numbers (days since
 * 1970-01-01 of the date the study day began on) and `date` is that date as YYYY-MM-DD.
 * Quiz answers (review_log kind 1) count only when `includeQuiz` is set.
 */
import { z } from 'zod';

export const FORECAST_RANGES = [30, 90, 365] as const;

export const statsInputSchema = z.object({
  /** null: the whole collection; otherwise this deck and its subdecks. */
  deckId: z.number().int().positive().nullable().default(null),
  includeQuiz: z.boolean().default(false),
  /** Days ahead for the forecast, and days back for the history charts (reviews per day, buttons, hours). */
  forecastDays: z.union([z.literal(30), z.literal(90), z.literal(365)]).default(30),
});

const count = z.number().int().nonnegative();

export const cardCountsSchema = z.object({
  new: count,
  learning: count,
  relearning: count,
  young: count,
  mature: count,
  suspended: count,
  buried: count,
  total: count,
});

export const dayCountSchema = z.object({ day: z.number().int(), date: z.string(), reviews: count });

export const heatmapSchema = z.object({
  /** Study days of the last year (today included) with at least one answer. */
  days: z.array(dayCountSchema),
  firstDay: z.number().int(),
  today: z.number().int(),
  currentStreak: count,
  longestStreak: count,
  daysStudied: count,
});

export const forecastSchema = z.object({
  /** Cards due on each study day from today (index 0, overdue cards included) on. */
  perDay: z.array(z.object({ date: z.string(), due: count })),
  overdue: count,
  total: count,
});

export const passFailSchema = z.object({ passed: count, failed: count });
export const RETENTION_PERIODS = ['today', 'yesterday', 'week', 'month', 'year'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];
export const retentionRowSchema = z.object({
  period: z.enum(RETENTION_PERIODS),
  young: passFailSchema,
  mature: passFailSchema,
});

export const bucketSchema = z.object({ label: z.string(), from: z.number(), to: z.number().nullable(), cards: count });
export const distributionSchema = z.object({
  buckets: z.array(bucketSchema),
  cards: count,
  /** Mean of the values, null with no cards. */
  mean: z.number().nullable(),
});

export const BUTTON_GROUPS = ['learning', 'young', 'mature'] as const;
export const buttonCountsSchema = z.object({
  group: z.enum(BUTTON_GROUPS),
  /** Again, Hard, Good, Easy. */
  counts: z.tuple([count, count, count, count]),
});

export const dayActivitySchema = z.object({ date: z.string(), reviews: count, minutes: z.number().nonnegative() });
export const hourActivitySchema = z.object({ hour: z.number().int().min(0).max(23), reviews: count, passed: count });

export const statsSchema = z.object({
  /** No cards in scope: the screen shows its empty state. */
  empty: z.boolean(),
  /** No answers in scope: the history charts show an empty state. */
  noHistory: z.boolean(),
  deckName: z.string().nullable(),
  includeQuiz: z.boolean(),
  rangeDays: z.number().int(),
  today: z.string(),
  cardCounts: cardCountsSchema,
  heatmap: heatmapSchema,
  forecast: forecastSchema,
  trueRetention: z.array(retentionRowSchema),
  stability: distributionSchema,
  difficulty: distributionSchema,
  retrievability: distributionSchema,
  intervals: distributionSchema,
  buttons: z.array(buttonCountsSchema),
  activity: z.object({ days: z.array(dayActivitySchema), reviews: count, minutes: z.number().nonnegative(), daysStudied: count }),
  hours: z.array(hourActivitySchema),
});

/** The scope of the calibration check: as for the statistics, without the day range. */
export const calibrationInputSchema = statsInputSchema.pick({ deckId: true, includeQuiz: true });

const share = z.number().min(0).max(1);
export const calibrationBinSchema = z.object({
  /** Predicted retrievability from `from` to `to` percent (`to` excluded, but 100 in the last bin). */
  from: z.number(),
  to: z.number(),
  reviews: count,
  /** Mean predicted retrievability of the bin's answers, 0..1. */
  predicted: share,
  /** Share of the bin's answers passed (Hard, Good or Easy). */
  actual: share,
});

/**
 * Predicted retrievability (FSRS with each card's preset parameters, before each answer given a
 * study day or more after the previous one) against the actual pass rate, over the scope's history.
 */
export const calibrationSchema = z.object({
  reviews: count,
  /** Cards whose history was replayed (it reaches back to an answer given while new). */
  cards: count,
  predicted: share.nullable(),
  actual: share.nullable(),
  /** Root mean square of (predicted − actual) over the bins, each weighted by its answers. */
  rmseBins: z.number().nonnegative().nullable(),
  /** Mean log loss of the predictions over every answer. */
  logLoss: z.number().nonnegative().nullable(),
  bins: z.array(calibrationBinSchema),
});

export type Stats = z.infer<typeof statsSchema>;
export type Calibration = z.infer<typeof calibrationSchema>;
export type CalibrationInput = z.infer<typeof calibrationInputSchema>;
export type StatsInput = z.infer<typeof statsInputSchema>;
export type Distribution = z.infer<typeof distributionSchema>;
export type CardCounts = z.infer<typeof cardCountsSchema>;
export type RetentionRow = z.infer<typeof retentionRowSchema>;
export type ButtonCounts = z.infer<typeof buttonCountsSchema>;
export type HourActivity = z.infer<typeof hourActivitySchema>;
export type Heatmap = z.infer<typeof heatmapSchema>;

export const statsContract = {
  'stats.get': { input: statsInputSchema, output: statsSchema },
  'stats.calibration': { input: calibrationInputSchema, output: calibrationSchema },
} as const;
