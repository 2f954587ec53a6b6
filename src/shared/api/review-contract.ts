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
  /**
   * The back is the whole answer side, shown alone once revealed: an Anki answer template shows
   * the front itself ({{FrontSide}}) where it wants it, or not at all.
   */
  backIsAnswerSide: z.boolean(),
  /** The card asks for a typed answer: the screen shows an answer box and, once revealed, the comparison. */
  typed: z.boolean(),
  /** The options of a multiple-choice (or true/false) card in the order shown, and which one is right. */
  choices: z.object({ options: z.array(z.string()).min(2), correct: z.number().int().min(0) }).nullable(),
  /** Flag 0..7 (Anki's colours; 0 none). */
  flag: z.number().int().min(0).max(7),
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
  /** When no card is ready now but learning cards come due later today: the first one's due time. */
  nextLearningDueAt: z.number().nullable(),
  /** When that card can be studied (its due time less the learn-ahead window): the screen asks again then. */
  nextLearningShownAt: z.number().nullable(),
  /** The deck preset's "play audio when a side appears". */
  autoplayAudio: z.boolean(),
  /** Cards due tomorrow (reviews + learning), shown on the done screen. */
  dueTomorrow: z.number().int(),
  now: z.number(),
});
export type ReviewSession = z.infer<typeof reviewSessionSchema>;

/** One run of the typed answer against the expected one, as Anki's {{type:}} comparison marks it. */
export const typedSegmentSchema = z.object({
  text: z.string(),
  /** same: typed as expected; wrong: typed but not expected; missing: expected but not typed. */
  kind: z.enum(['same', 'wrong', 'missing']),
});
export type TypedSegment = z.infer<typeof typedSegmentSchema>;

export const typedCheckSchema = z.object({
  /** Right by the quiz's tolerant matching (case, punctuation, units, a one-letter slip). */
  correct: z.boolean(),
  /** The accepted answer compared with: the one matched, or the first. */
  expected: z.string(),
  /** The typed text against `expected`, character by character. */
  segments: z.array(typedSegmentSchema),
});
export type TypedCheck = z.infer<typeof typedCheckSchema>;

/** A review session on one topic: the deck's due cards with this tag (or a child tag), without the daily limits. */
const topicTag = z.string().trim().min(1).max(200).optional();

export const reviewContract = {
  'review.next': {
    input: z.object({ deckId: id, tag: topicTag }),
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
      /** The topic being studied, with `deckId`: the session returned is that topic's. */
      tag: topicTag,
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
    input: z.object({ deckId: id, tag: topicTag }),
    output: reviewSessionSchema,
  },
  /** Compare a typed answer with a typed card's accepted answers (nothing is written). */
  'review.checkTyped': {
    input: z.object({ cardId: id, typed: z.string().max(10_000) }),
    output: typedCheckSchema,
  },
} as const;
