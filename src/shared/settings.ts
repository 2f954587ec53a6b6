/** Study settings (one preset for now), with their defaults and bounds. */
import { z } from 'zod';

const step = z.string().regex(/^\d+(\.\d+)?[mhd]$/, 'a step is a number followed by m, h or d, e.g. "10m"');

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
