/** Study settings (one preset for now), with their defaults and bounds. */
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

export const schedulerConfigSchema = z.object({
  /** Probability of recall FSRS aims for when it schedules a review. */
  desiredRetention: z.number().min(0.7).max(0.99),
  learningSteps: z.array(step).max(10),
  relearningSteps: z.array(step).max(10),
  maximumIntervalDays: z.number().int().min(1).max(36500),
  fuzz: z.boolean(),
  newPerDay: z.number().int().min(0).max(9999),
  reviewsPerDay: z.number().int().min(0).max(99999),
  /** Local hour (0–23) at which a new study day starts. */
  dayStartHour: z.number().int().min(0).max(23),
  /** Wrong quiz answers are rated Again in review. */
  quizMissesToReview: z.boolean(),
});
export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumIntervalDays: 36500,
  fuzz: true,
  newPerDay: 20,
  reviewsPerDay: 200,
  dayStartHour: 4,
  quizMissesToReview: true,
};
