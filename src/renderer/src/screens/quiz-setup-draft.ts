/** The quiz setup form: its draft, filled from the last setup, and the `quiz.start` input it makes (or what is wrong with it). */
import type { QuizKind, QuizMode, QuizSetup, QuizSetupInput } from '../../../shared/api/quiz-contract';
import { QUIZ_KINDS, QUIZ_LIMITS } from '../../../shared/api/quiz-contract';

export interface SetupDraft {
  deckIds: number[];
  tags: string[];
  count: string;
  mix: Record<QuizKind, number>;
  mode: QuizMode;
  /** Mock interview: total minutes, and optional seconds per question (empty: none). */
  minutes: string;
  perQuestionSeconds: string;
  /** Empty: drawn from the clock. */
  seed: string;
}

/** Sets one field of the draft (and clears its error). */
export type SetDraftField = <K extends keyof SetupDraft>(key: K, value: SetupDraft[K]) => void;

export const DEFAULT_SETUP_DRAFT: SetupDraft = {
  deckIds: [],
  tags: [],
  count: '10',
  mix: { choice: 2, truefalse: 1, typed: 1, prompt: 1 },
  mode: 'practice',
  minutes: '15',
  perQuestionSeconds: '',
  seed: '',
};

/** The form filled from the last setup used. */
export function draftFromSetup(s: QuizSetup | null): SetupDraft {
  if (!s) return DEFAULT_SETUP_DRAFT;
  return {
    deckIds: [...s.deckIds],
    tags: [...s.tags],
    count: String(s.count),
    mix: { ...s.mix },
    mode: s.mode,
    minutes: s.timeLimitMs === null ? DEFAULT_SETUP_DRAFT.minutes : String(Math.round((s.timeLimitMs / 60_000) * 100) / 100),
    perQuestionSeconds: s.perQuestionMs === null ? '' : String(Math.round(s.perQuestionMs / 1000)),
    seed: s.seed === null ? '' : String(s.seed),
  };
}

export type SetupErrors = Partial<Record<'count' | 'mix' | 'minutes' | 'perQuestionSeconds' | 'seed', string>>;

/** The `quiz.start` input for a filled form, or what is wrong with it. */
export function setupFromDraft(d: SetupDraft): { ok: true; setup: QuizSetupInput } | { ok: false; errors: SetupErrors } {
  const errors: SetupErrors = {};
  const count = Number(d.count);
  if (!Number.isInteger(count) || count < 1 || count > QUIZ_LIMITS.maxQuestions) errors.count = `Choose 1 to ${QUIZ_LIMITS.maxQuestions} questions.`;
  if (QUIZ_KINDS.every((k) => d.mix[k] <= 0)) errors.mix = 'Choose at least one kind of question.';
  let timeLimitMs: number | null = null;
  let perQuestionMs: number | null = null;
  if (d.mode === 'mock') {
    const minutes = Number(d.minutes);
    const max = QUIZ_LIMITS.maxTotalMs / 60_000;
    if (d.minutes.trim() === '' || !Number.isFinite(minutes) || minutes < 1 || minutes > max) errors.minutes = `Give 1 to ${max} minutes.`;
    else timeLimitMs = Math.round(minutes * 60_000);
    if (d.perQuestionSeconds.trim() !== '') {
      const seconds = Number(d.perQuestionSeconds);
      const lo = QUIZ_LIMITS.minPerQuestionMs / 1000;
      const hi = QUIZ_LIMITS.maxPerQuestionMs / 1000;
      if (!Number.isInteger(seconds) || seconds < lo || seconds > hi) errors.perQuestionSeconds = `Give ${lo} to ${hi} seconds, or leave it empty.`;
      else perQuestionMs = seconds * 1000;
    }
  }
  let seed: number | null = null;
  if (d.seed.trim() !== '') {
    const n = Number(d.seed);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) errors.seed = 'A seed is a whole number from 0 to 4294967295.';
    else seed = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    setup: { deckIds: d.deckIds, tags: d.tags, count, mix: { ...d.mix }, mode: d.mode, timeLimitMs, perQuestionMs, seed },
  };
}
