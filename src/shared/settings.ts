/** Study settings: deck options presets and the collection's own settings, with their defaults and bounds. */
import { z } from 'zod';

const STEP_UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
/** Longest step accepted: Anki keeps steps as seconds in a signed 32-bit number. */
const MAX_STEP_SECONDS = 2 ** 31 - 1;

/**
 * A learning step as Anki's deck options accept it: a positive number, whole or decimal, followed
 * by s, m, h or d ("90s", "10m", "1.5h", "0.5d"); a bare number counts as minutes. Returns the
 * step in seconds, or why it is not a step.
 */
export function parseStep(text: string): { seconds: number } | { error: string } {
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return { error: `"${text}" is not a step: write a number followed by s, m, h or d, e.g. "10m", "1.5h" or "90s"` };
  const unit = (m[2] || 'm') as keyof typeof STEP_UNIT_SECONDS;
  const seconds = Number(m[1]) * STEP_UNIT_SECONDS[unit];
  if (seconds < 1) return { error: `"${text}" is shorter than one second` };
  if (seconds > MAX_STEP_SECONDS) return { error: `"${text}" is too long (at most 24855 days)` };
  // Steps are kept in whole seconds; refuse what would be silently cut.
  if (Math.abs(seconds - Math.round(seconds)) > 1e-6) return { error: `"${text}" is not a whole number of seconds` };
  return { seconds: Math.round(seconds) };
}

/** Seconds of a step already validated by the settings schema. */
export function stepSeconds(text: string): number {
  const r = parseStep(text);
  if ('error' in r) throw new Error(r.error);
  return r.seconds;
}

const step = z.string().superRefine((text, ctx) => {
  const r = parseStep(text);
  if ('error' in r) ctx.addIssue({ code: 'custom', message: r.error });
});

/** New cards: in the order they were added, or shuffled (Anki's "Random" gather order). */
export const NEW_CARD_ORDERS = ['added', 'random'] as const;
/**
 * Review order (Anki's review sort order): by due date, by relative overdueness (lowest
 * retrievability first), ascending or descending intervals, or random.
 */
export const REVIEW_ORDERS = ['due', 'overdueness', 'intervalsAscending', 'intervalsDescending', 'random'] as const;
/** Easy days (Anki 24.11): how much review load a weekday takes, 1 normal, 0.5 reduced, 0 none. */
export const EASY_DAY_LOADS = [1, 0.5, 0] as const;

/**
 * What a deck options preset holds (Anki's deck options): shared by every deck that uses it.
 * Preset 1 ("Default") always exists and cannot be deleted.
 */
export const presetConfigSchema = z.object({
  /** Probability of recall FSRS aims for when it schedules a review. */
  desiredRetention: z.number().min(0.7).max(0.99),
  learningSteps: z.array(step).max(10),
  relearningSteps: z.array(step).max(10),
  maximumIntervalDays: z.number().int().min(1).max(36500),
  newPerDay: z.number().int().min(0).max(9999),
  reviewsPerDay: z.number().int().min(0).max(99999),
  /** Parent decks' limits also bound a subdeck studied on its own (Anki's "limits start from top"). */
  limitsStartFromTop: z.boolean(),
  /** Answering a card buries its note's other new cards until the next day. */
  buryNewSiblings: z.boolean(),
  /** Answering a card buries its note's other review cards until the next day. */
  buryReviewSiblings: z.boolean(),
  /** Answering a card buries its note's other interday learning cards until the next day. */
  buryInterdaySiblings: z.boolean(),
  newCardOrder: z.enum(NEW_CARD_ORDERS),
  reviewOrder: z.enum(REVIEW_ORDERS),
  /** Sounds play when a card side appears. */
  autoplayAudio: z.boolean(),
  /** Review load per weekday, Monday first (easy days); all 1 means off. */
  easyDays: z.array(z.number().min(0).max(1)).length(7),
});
export type PresetConfig = z.infer<typeof presetConfigSchema>;

/** Settings of the whole collection, whatever the deck. */
export const collectionConfigSchema = z.object({
  fuzz: z.boolean(),
  /** Spread review intervals within the fuzz range so busy days are avoided (Anki 24.11's load balancer). */
  loadBalancing: z.boolean(),
  /** Local hour (0–23) at which a new study day starts. */
  dayStartHour: z.number().int().min(0).max(23),
  /** Wrong quiz answers are rated Again in review. */
  quizMissesToReview: z.boolean(),
});
export type CollectionConfig = z.infer<typeof collectionConfigSchema>;

/** What the scheduler of one deck reads: its preset's options over the collection's settings. */
export const schedulerConfigSchema = collectionConfigSchema.extend(presetConfigSchema.shape);
export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;

export const DEFAULT_PRESET_CONFIG: PresetConfig = {
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumIntervalDays: 36500,
  newPerDay: 20,
  reviewsPerDay: 200,
  limitsStartFromTop: false,
  buryNewSiblings: true,
  buryReviewSiblings: true,
  buryInterdaySiblings: false,
  newCardOrder: 'added',
  reviewOrder: 'due',
  autoplayAudio: true,
  easyDays: [1, 1, 1, 1, 1, 1, 1],
};

export const DEFAULT_COLLECTION_CONFIG: CollectionConfig = {
  fuzz: true,
  loadBalancing: true,
  dayStartHour: 4,
  quizMissesToReview: true,
};

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = { ...DEFAULT_COLLECTION_CONFIG, ...DEFAULT_PRESET_CONFIG };
