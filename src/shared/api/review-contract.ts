/** Daily review: today's queue for a deck, answering, undo. */
import { z } from 'zod';

const id = z.number().int().positive();
export const rating = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const countsSchema = z.object({
  newCount: z.number().int(),
  learningCount: z.number().int(),
  dueCount: z.number().int(),
});

/** The card's schedule and memory, for the card info. */
export const cardInfoSchema = z.object({
  /** Probability of recall now (FSRS), 0..1; null for a card never answered. */
  retrievability: z.number().nullable(),
  /** Days until recall falls to 90%; null for a card never answered. */
  stability: z.number().nullable(),
  /** 1 (easy) .. 10 (hard); null for a card never answered. */
  difficulty: z.number().nullable(),
  due: z.number(),
  lastReview: z.number().nullable(),
  reps: z.number().int(),
  lapses: z.number().int(),
});
export type CardInfo = z.infer<typeof cardInfoSchema>;

/** What the review screen shows of a card. Text is Markdown or HTML; the renderer sanitizes both. */
export const cardViewSchema = z.object({
  cardId: id,
  noteId: id,
  deckName: z.string(),
  kind: z.string(),
  format: z.enum(['markdown', 'html', 'text']),
  front: z.string(),
  back: z.string(),
  section: z.string(),
  tags: z.array(z.string()),
  state: z.number().int(),
  /** Interval label per rating, Again..Easy ("<1m", "10m", "4d"). */
  intervals: z.tuple([z.string(), z.string(), z.string(), z.string()]),
  info: cardInfoSchema,
});
export type CardView = z.infer<typeof cardViewSchema>;

export const reviewSessionSchema = z.object({
  deckId: id,
  deckName: z.string(),
  card: cardViewSchema.nullable(),
  /**
   * The card shown after `card` once `card` is answered, whatever the rating, when the queue can
   * tell now (a learning card due now, a review or a new card); null when it cannot (only
   * learn-ahead cards left, or `card` is the last). The screen shows it at once and checks it
   * against the answer's session.
   */
  upcoming: cardViewSchema.nullable(),
  counts: countsSchema,
  /** Cards answered in this study day for this deck, for the progress bar. */
  answeredToday: z.number().int(),
  canUndo: z.boolean(),
  /** When no card is ready now but learning cards come due later today. */
  nextLearningDueAt: z.number().nullable(),
  /** Cards due tomorrow (reviews + learning), shown on the done screen. */
  dueTomorrow: z.number().int(),
  now: z.number(),
});
export type ReviewSession = z.infer<typeof reviewSessionSchema>;

export const reviewContract = {
  'review.next': {
    input: z.object({ deckId: id }),
    output: reviewSessionSchema,
  },
  'review.answer': {
    input: z.object({
      cardId: id,
      rating,
      /** How long the user took to answer, as measured by the renderer (capped at 1 h). */
      durationMs: z.number().int().min(0).max(3_600_000),
      /** The deck being studied: when given, the answer also returns that deck's next session, so the screen needs one call per answer. */
      deckId: id.optional(),
    }),
    output: z.object({
      cardId: id,
      due: z.number(),
      state: z.number().int(),
      interval: z.string(),
      /** The deck's session after this answer; present when `deckId` was given. */
      session: reviewSessionSchema.optional(),
    }),
  },
  'review.undo': {
    input: z.object({ deckId: id }),
    output: reviewSessionSchema,
  },
} as const;
