/**
 * Fitted FSRS parameters ("Optimize" in a preset's options). `fsrs.optimize` fits FSRS-6
 * parameters to the review history of the preset's decks in a worker thread and answers when the
 * fit has finished, was cancelled, or found too little history; it writes nothing. Progress is
 * pushed as `fsrs.progress` events (see app-events.ts) and can be asked with `fsrs.progress`;
 * `fsrs.cancel` stops the fit. The result compares the current and the fitted parameters on the
 * same history (log loss and RMSE over bins, as fsrs-rs evaluates them; lower is better), and
 * `fsrs.apply` stores the fitted ones in the preset, only when they are better and only when the
 * user confirms (the renderer calls it after asking).
 */
import { z } from 'zod';

/** Fewest training reviews (a review that follows an earlier one on another day) a fit needs: Anki's minimum, 400. */
export const FSRS_MIN_TRAINING_REVIEWS = 400;

const presetId = z.number().int().positive();
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" or "-" (1–64)');
const count = z.number().int().nonnegative();

/** How well a set of parameters predicts the history: log loss and RMSE over bins (lower is better). */
export const fsrsFitSchema = z.object({
  weights: z.array(z.number()),
  logLoss: z.number(),
  rmseBins: z.number(),
});
export type FsrsFit = z.infer<typeof fsrsFitSchema>;

export const fsrsOptimizeResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('done'),
    jobId: z.string(),
    presetId,
    /** Reviews the fit learned from (each follows an earlier review of its card on another day). */
    reviews: count,
    cards: count,
    includeQuiz: z.boolean(),
    /** The preset's parameters now (its own, or FSRS-6's defaults). */
    current: fsrsFitSchema,
    fitted: fsrsFitSchema,
    /** The fitted parameters have a lower log loss and a lower RMSE than the current ones: only then can they be applied. */
    better: z.boolean(),
    durationMs: count,
  }),
  z.object({
    status: z.literal('too_little_history'),
    jobId: z.string(),
    presetId,
    reviews: count,
    /** FSRS_MIN_TRAINING_REVIEWS. */
    minimum: count,
    /** How many more training reviews are needed. */
    needed: count,
  }),
  z.object({ status: z.literal('cancelled'), jobId: z.string(), presetId }),
]);
export type FsrsOptimizeResult = z.infer<typeof fsrsOptimizeResultSchema>;

export const fsrsProgressSchema = z.object({
  jobId: z.string(),
  state: z.enum(['unknown', 'reading', 'evaluating', 'fitting', 'done', 'cancelled', 'failed']),
  /** Share of the whole job done, 0–100. */
  percent: z.number().min(0).max(100),
  reviews: count,
});
export type FsrsProgress = z.infer<typeof fsrsProgressSchema>;

export const fsrsContract = {
  /** Fit parameters to the preset's history (quiz answers left out unless includeQuiz). Only one fit runs at a time. */
  'fsrs.optimize': {
    input: z.object({
      presetId,
      includeQuiz: z.boolean().default(false),
      /** Chosen by the caller so that progress can be followed and the fit cancelled while it runs. */
      jobId: jobId.optional(),
    }),
    output: fsrsOptimizeResultSchema,
  },
  'fsrs.progress': {
    input: z.object({ jobId }),
    output: fsrsProgressSchema,
  },
  /** Stop a running fit; nothing was written, so the parameters stay as they were. */
  'fsrs.cancel': {
    input: z.object({ jobId }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Store a finished fit's parameters in its preset (refused when they are not better or the preset's parameters changed since). */
  'fsrs.apply': {
    input: z.object({ jobId }),
    output: z.object({ presetId, weights: z.array(z.number()) }),
  },
} as const;
