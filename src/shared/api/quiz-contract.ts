/**
 * Quizzes: setup options, starting an attempt, answering under the server's clock, submitting,
 * grading interview prompts, retaking the missed questions, and the history of attempts.
 *
 * While an attempt runs, its view never holds the answer key of a question the user has not
 * answered; in practice mode an answered question carries its feedback, in a mock interview
 * nothing is revealed until the attempt is finished.
 */
import { z } from 'zod';
import { caveatSchema } from '../deck-format';

const id = z.number().int().positive();
const position = z.number().int().min(0).max(999);

export const QUIZ_KINDS = ['choice', 'truefalse', 'typed', 'prompt'] as const;
export const quizKindSchema = z.enum(QUIZ_KINDS);
export type QuizKind = z.infer<typeof quizKindSchema>;

export const quizModeSchema = z.enum(['practice', 'mock']);
export type QuizMode = z.infer<typeof quizModeSchema>;

export const quizStatusSchema = z.enum(['running', 'submitted', 'timedOut']);
export type QuizStatus = z.infer<typeof quizStatusSchema>;

/** Bounds of a quiz setup; the setup screen uses the same numbers. */
export const QUIZ_LIMITS = {
  maxQuestions: 200,
  maxWeight: 10,
  minTotalMs: 60_000,
  maxTotalMs: 4 * 3_600_000,
  minPerQuestionMs: 10_000,
  maxPerQuestionMs: 3_600_000,
  maxAnswerChars: 10_000,
} as const;

const weight = z.number().int().min(0).max(QUIZ_LIMITS.maxWeight);

export const quizSetupSchema = z
  .object({
    /** Decks to draw from, each with its subdecks; empty means every deck. */
    deckIds: z.array(id).max(500).default([]),
    /** Only notes with at least one of these topic tags; empty means any. */
    tags: z.array(z.string().min(1).max(60)).max(200).default([]),
    // Optional fields come before the required ones, so that an error names the wrong field
    // among the first issues even when the required fields are missing too.
    /** Mock interview only (required there): the total time, which cannot be paused. */
    timeLimitMs: z.number().int().min(QUIZ_LIMITS.minTotalMs).max(QUIZ_LIMITS.maxTotalMs).nullable().default(null),
    /** Mock interview only, optional: the time for each question, paced by the quiz screen. */
    perQuestionMs: z.number().int().min(QUIZ_LIMITS.minPerQuestionMs).max(QUIZ_LIMITS.maxPerQuestionMs).nullable().default(null),
    /** Fixes question order, choice order and distractors; drawn from the clock when null. */
    seed: z.number().int().min(0).max(0xffffffff).nullable().default(null),
    count: z.number().int().min(1).max(QUIZ_LIMITS.maxQuestions),
    /** Relative share of each kind of question; 0 leaves the kind out. */
    mix: z.object({ choice: weight, truefalse: weight, typed: weight, prompt: weight }),
    mode: quizModeSchema,
  })
  .superRefine((s, ctx) => {
    if (QUIZ_KINDS.every((k) => s.mix[k] === 0)) {
      ctx.addIssue({ code: 'custom', path: ['mix'], message: 'choose at least one kind of question' });
    }
    if (s.mode === 'mock' && s.timeLimitMs === null) {
      ctx.addIssue({ code: 'custom', path: ['timeLimitMs'], message: 'a mock interview needs a time limit' });
    }
  });
export type QuizSetup = z.output<typeof quizSetupSchema>;
export type QuizSetupInput = z.input<typeof quizSetupSchema>;

/**
 * Scores use one definition everywhere: a question is worth 1 point; a right choice, true/false or
 * typed answer scores 1 and a wrong one 0; an interview prompt scores the share of its rubric
 * ticked. Scores are points / questions; counters show the points.
 */
export const topicScoreSchema = z.object({
  tag: z.string(),
  /** Questions with this tag that scored their full point. */
  correct: z.number().int(),
  /** Points scored on the questions with this tag. */
  points: z.number(),
  total: z.number().int(),
  /** points / total, 0..1. */
  score: z.number(),
});
export type TopicScore = z.infer<typeof topicScoreSchema>;

export const quizFeedbackSchema = z.object({
  /** null: an interview prompt not graded yet. */
  correct: z.boolean().nullable(),
  points: z.number(),
  /** choice / true-false: index of the right choice. */
  correctChoice: z.number().int().nullable(),
  /** The correct answer as text (the model answer of a prompt). */
  answerText: z.string(),
  explanation: z.string().nullable(),
  /** A note shown with the answer where the source is dated (deck-format `caveat`). */
  caveat: caveatSchema.nullable(),
  /** Prompts: the points a good answer covers, and which of them the user ticked. */
  rubric: z.array(z.string()).nullable(),
  rubricChecked: z.array(z.number().int()).nullable(),
  /** A typed answer the user marked right ("I was right"). */
  overridden: z.boolean(),
  /** Whether the user may still mark this typed answer right. */
  canOverride: z.boolean(),
});
export type QuizFeedback = z.infer<typeof quizFeedbackSchema>;

export const quizQuestionViewSchema = z.object({
  position,
  cardId: id,
  kind: quizKindSchema,
  prompt: z.string(),
  /** choice: options in shown order; truefalse: ['True', 'False']; null otherwise. */
  choices: z.array(z.string()).nullable(),
  tags: z.array(z.string()),
  /** Mock interviews with a time per question: when this question's time runs out (server clock); null before it is shown. */
  expiresAt: z.number().nullable(),
  /** What the user answered; null while unanswered. */
  answer: z
    .object({
      choice: z.number().int().nullable(),
      text: z.string().nullable(),
      answeredAt: z.number(),
      durationMs: z.number().int(),
    })
    .nullable(),
  /** Answered questions in practice mode, and every question once the attempt is finished. */
  feedback: quizFeedbackSchema.nullable(),
});
export type QuizQuestionView = z.infer<typeof quizQuestionViewSchema>;

export const quizResultSchema = z.object({
  /** points / total, 0..1; unanswered and ungraded questions count 0. */
  score: z.number(),
  /** Questions that scored their full point. */
  correct: z.number().int(),
  /** Points scored (see topicScoreSchema). */
  points: z.number(),
  total: z.number().int(),
  answered: z.number().int(),
  /** Wrong or unanswered questions, and prompts graded below half their rubric (retaking asks these again). */
  missed: z.number().int(),
  /** Answered wrongly (below half a point): only these went back to review as Again. */
  wrong: z.number().int(),
  /** Answered prompts not graded yet. */
  ungraded: z.number().int(),
  /** From start to finish (to the deadline for a timed-out attempt). */
  timeUsedMs: z.number().int(),
  /** Time spent on the answered questions, summed. */
  answerTimeMs: z.number().int(),
  byTopic: z.array(topicScoreSchema),
});
export type QuizResult = z.infer<typeof quizResultSchema>;

export const quizAttemptViewSchema = z.object({
  id,
  seed: z.number().int(),
  mode: quizModeSchema,
  status: quizStatusSchema,
  setup: quizSetupSchema,
  startedAt: z.number(),
  /** Mock interviews: answers after this server time are rejected. */
  deadlineAt: z.number().nullable(),
  perQuestionMs: z.number().int().nullable(),
  finishedAt: z.number().nullable(),
  retakeOf: id.nullable(),
  /** The position of the question the user was last shown (a reload returns to it). */
  viewing: position,
  /** The server's clock when this view was made; the screen counts down from it. */
  now: z.number(),
  questions: z.array(quizQuestionViewSchema),
  answered: z.number().int(),
  /** Set once the attempt is finished. */
  result: quizResultSchema.nullable(),
});
export type QuizAttemptView = z.infer<typeof quizAttemptViewSchema>;

export const quizHistoryEntrySchema = z.object({
  id,
  mode: quizModeSchema,
  status: quizStatusSchema,
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** null while running. */
  score: z.number().nullable(),
  correct: z.number().int(),
  points: z.number(),
  total: z.number().int(),
  timeUsedMs: z.number().int().nullable(),
  retakeOf: id.nullable(),
  byTopic: z.array(topicScoreSchema),
});
export type QuizHistoryEntry = z.infer<typeof quizHistoryEntrySchema>;

export const quizContract = {
  'quiz.options': {
    input: z.object({}),
    output: z.object({
      decks: z.array(z.object({ id, name: z.string(), path: z.string(), depth: z.number().int(), cards: z.number().int() })),
      /** Topic tags of the cards that can be asked, with how many cards carry each. */
      tags: z.array(z.object({ tag: z.string(), cards: z.number().int() })),
      lastSetup: quizSetupSchema.nullable(),
      running: z
        .object({
          id,
          mode: quizModeSchema,
          deadlineAt: z.number().nullable(),
          answered: z.number().int(),
          total: z.number().int(),
        })
        .nullable(),
      now: z.number(),
    }),
  },
  'quiz.start': {
    input: quizSetupSchema,
    output: quizAttemptViewSchema,
  },
  'quiz.current': {
    input: z.object({}),
    output: quizAttemptViewSchema.nullable(),
  },
  'quiz.get': {
    input: z.object({ id }),
    output: quizAttemptViewSchema,
  },
  'quiz.answer': {
    input: z
      .object({
        attemptId: id,
        position,
        /** choice / true-false questions. */
        choice: z.number().int().min(0).max(99).optional(),
        /** typed answers and interview prompts. */
        text: z.string().max(QUIZ_LIMITS.maxAnswerChars).optional(),
        /** Time spent on the question, as measured by the quiz screen. */
        durationMs: z.number().int().min(0).max(QUIZ_LIMITS.maxTotalMs),
      })
      .refine((a) => (a.choice === undefined) !== (a.text === undefined), 'give either a choice or a text answer'),
    output: quizAttemptViewSchema,
  },
  'quiz.submit': {
    input: z.object({ attemptId: id }),
    output: quizAttemptViewSchema,
  },
  /** The screen shows a question: remembered for a reload, and it starts that question's own clock. */
  'quiz.view': {
    input: z.object({ attemptId: id, position }),
    output: quizAttemptViewSchema,
  },
  /** "I was right": mark a typed answer judged wrong as right (practice feedback, or a finished attempt). */
  'quiz.override': {
    input: z.object({ attemptId: id, position }),
    output: quizAttemptViewSchema,
  },
  'quiz.grade': {
    input: z.object({ attemptId: id, position, rubricChecked: z.array(z.number().int().min(0).max(99)).max(100) }),
    output: quizAttemptViewSchema,
  },
  'quiz.retakeMissed': {
    input: z.object({ attemptId: id }),
    output: quizAttemptViewSchema,
  },
  'quiz.history': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({
      /** Newest first. */
      attempts: z.array(quizHistoryEntrySchema),
    }),
  },
} as const;
