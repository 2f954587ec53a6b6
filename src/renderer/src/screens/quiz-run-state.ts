/**
 * The running quiz attempt as a pure reducer: the question shown, drafts and choices not yet
 * submitted, time spent per question, questions whose own time ran out, and the answer to send.
 */
import type { QuizAttemptView, QuizQuestionView } from '../../../shared/api/quiz-contract';
import { QUIZ_LIMITS } from '../../../shared/api/quiz-contract';

export type QuizPhase = 'loading' | 'running' | 'finished' | 'error';

export interface QuizRunState {
  phase: QuizPhase;
  attempt: QuizAttemptView | null;
  /** Index into `attempt.questions` of the question shown. */
  current: number;
  /** Choice picked on the shown question, not yet submitted. */
  selected: number | null;
  /** Typed text per question position, not yet submitted. */
  drafts: Record<number, string>;
  /** Server clock minus the screen's clock when the attempt was loaded. */
  skewMs: number;
  /** Screen clock when the shown question was shown, and time spent per position before that. */
  shownAt: number;
  spentMs: Record<number, number>;
  /** Positions whose per-question time ran out in this session (locked, left unanswered). */
  lapsed: number[];
  /**
   * Mock interviews: the position a submitted answer moved on to by itself. The next N would
   * otherwise skip it unseen, so the first N there only clears this.
   */
  advancedTo: number | null;
  confirmingSubmit: boolean;
  busy: boolean;
  error: string | null;
}

export type QuizRunAction =
  /** A fresh view of the attempt (`at` = screen clock when it arrived). */
  | { type: 'loaded'; attempt: QuizAttemptView; at: number }
  /** The view returned by an answer: a mock interview moves on to the next unanswered question. */
  | { type: 'answered'; attempt: QuizAttemptView; at: number }
  | { type: 'select'; choice: number }
  | { type: 'draft'; text: string }
  | { type: 'goto'; index: number; at: number }
  /** `key`: from the N key (not a button). */
  | { type: 'next'; at: number; key?: boolean }
  | { type: 'prev'; at: number }
  /** The per-question limit of the shown question ran out with nothing to submit. */
  | { type: 'lapse'; at: number }
  | { type: 'askSubmit' }
  | { type: 'cancelSubmit' }
  | { type: 'busy' }
  | { type: 'failed'; message: string };

export const initialQuizRunState: QuizRunState = {
  phase: 'loading',
  attempt: null,
  current: 0,
  selected: null,
  drafts: {},
  skewMs: 0,
  shownAt: 0,
  spentMs: {},
  lapsed: [],
  advancedTo: null,
  confirmingSubmit: false,
  busy: false,
  error: null,
};

export function currentQuestion(state: QuizRunState): QuizQuestionView | null {
  return state.attempt?.questions[state.current] ?? null;
}

/** Whether a question's own time (server clock) ran out, by the screen's clock corrected for the skew. */
export function expired(q: QuizQuestionView, skewMs: number, clientNow: number): boolean {
  return q.expiresAt !== null && clientNow + skewMs >= q.expiresAt;
}

/** Whether the shown question can still be answered in this session. */
export function canAnswer(state: QuizRunState): boolean {
  const q = currentQuestion(state);
  return state.phase === 'running' && q !== null && q.answer === null && !state.lapsed.includes(q.position);
}

/** Time left on the shown question's own clock, or null when it has none (or is answered or lapsed). */
export function questionLeftMs(state: QuizRunState, clientNow: number): number | null {
  const q = currentQuestion(state);
  const a = state.attempt;
  if (!a || !q || a.perQuestionMs === null || !canAnswer(state)) return null;
  // Before the server has recorded the showing, count from when the screen showed it.
  const end = q.expiresAt ?? state.shownAt + state.skewMs + a.perQuestionMs;
  return Math.max(0, end - (clientNow + state.skewMs));
}

/** Index of the first open question at or after `from` (wrapping around), or -1. */
export function nextOpenIndex(attempt: QuizAttemptView, from: number, lapsed: readonly number[] = []): number {
  const n = attempt.questions.length;
  for (let k = 0; k < n; k++) {
    const i = (from + k) % n;
    const q = attempt.questions[i];
    if (q && q.answer === null && !lapsed.includes(q.position)) return i;
  }
  return -1;
}

/** Move to question `index`, booking the time spent on the one left. */
function show(state: QuizRunState, index: number, at: number): QuizRunState {
  const count = state.attempt?.questions.length ?? 0;
  if (count === 0) return state;
  const target = Math.min(count - 1, Math.max(0, index));
  const left = currentQuestion(state);
  const spentMs = left ? { ...state.spentMs, [left.position]: (state.spentMs[left.position] ?? 0) + Math.max(0, at - state.shownAt) } : state.spentMs;
  return { ...state, current: target, selected: target === state.current ? state.selected : null, spentMs, shownAt: at, advancedTo: null };
}

/** Positions whose own time ran out by the server's clock, as seen in a fresh view. */
function expiredPositions(a: QuizAttemptView): number[] {
  return a.questions.filter((q) => q.answer === null && q.expiresAt !== null && a.now >= q.expiresAt).map((q) => q.position);
}

export function quizRunReducer(state: QuizRunState, action: QuizRunAction): QuizRunState {
  switch (action.type) {
    case 'loaded': {
      const a = action.attempt;
      const same = state.attempt?.id === a.id;
      const base: QuizRunState = {
        ...state,
        attempt: a,
        phase: a.status === 'running' ? 'running' : 'finished',
        skewMs: a.now - action.at,
        busy: false,
        error: null,
        confirmingSubmit: false,
      };
      const lapsed = [...new Set([...(same ? state.lapsed : []), ...expiredPositions(a)])];
      if (same) return { ...base, lapsed, current: Math.min(state.current, Math.max(0, a.questions.length - 1)) };
      // A reload returns to the question the user was looking at.
      const viewed = a.questions.findIndex((q) => q.position === a.viewing);
      const open = nextOpenIndex(a, 0, lapsed);
      const current = viewed !== -1 ? viewed : open === -1 ? 0 : open;
      return { ...base, current, selected: null, drafts: {}, spentMs: {}, lapsed, advancedTo: null, shownAt: action.at };
    }
    case 'answered': {
      const loaded = quizRunReducer(state, { type: 'loaded', attempt: action.attempt, at: action.at });
      if (loaded.phase !== 'running') return loaded;
      const q = currentQuestion(loaded);
      const drafts = { ...loaded.drafts };
      if (q) delete drafts[q.position];
      const cleared = { ...loaded, selected: null, drafts };
      // Practice shows the feedback first; a mock interview moves straight on.
      if (action.attempt.mode === 'practice') return cleared;
      const open = nextOpenIndex(action.attempt, state.current + 1, loaded.lapsed);
      if (open === -1) return cleared;
      const moved = show(cleared, open, action.at);
      return { ...moved, advancedTo: moved.attempt?.questions[open]?.position ?? null };
    }
    case 'select': {
      const q = currentQuestion(state);
      if (!canAnswer(state) || state.busy || !q?.choices || action.choice < 0 || action.choice >= q.choices.length) return state;
      return { ...state, selected: action.choice, advancedTo: null };
    }
    case 'draft': {
      const q = currentQuestion(state);
      if (!q || !canAnswer(state)) return state;
      return { ...state, drafts: { ...state.drafts, [q.position]: action.text }, advancedTo: null };
    }
    case 'goto':
      return state.phase === 'running' ? show(state, action.index, action.at) : state;
    case 'next': {
      if (state.phase !== 'running') return state;
      // The answer already moved on to this question: this N meant "next" for the answered one.
      const q = currentQuestion(state);
      if (action.key && q && state.advancedTo === q.position && canAnswer(state)) return { ...state, advancedTo: null };
      return show(state, state.current + 1, action.at);
    }
    case 'prev':
      return state.phase === 'running' ? show(state, state.current - 1, action.at) : state;
    case 'lapse': {
      const q = currentQuestion(state);
      if (!q || state.phase !== 'running' || state.lapsed.includes(q.position)) return state;
      const lapsed = [...state.lapsed, q.position];
      const next = state.attempt ? nextOpenIndex(state.attempt, state.current + 1, lapsed) : -1;
      const marked = { ...state, lapsed, selected: null };
      return next === -1 ? marked : show(marked, next, action.at);
    }
    case 'askSubmit':
      return state.phase === 'running' ? { ...state, confirmingSubmit: true } : state;
    case 'cancelSubmit':
      return { ...state, confirmingSubmit: false };
    case 'busy':
      return { ...state, busy: true };
    case 'failed':
      return { ...state, busy: false, error: action.message, phase: state.attempt ? state.phase : 'error' };
  }
}

/** Time spent on a question so far in this session, counting the current visit. */
export function timeOn(state: QuizRunState, position: number, now: number): number {
  const before = state.spentMs[position] ?? 0;
  const q = currentQuestion(state);
  return q?.position === position ? before + Math.max(0, now - state.shownAt) : before;
}

export interface AnswerInput {
  attemptId: number;
  position: number;
  choice?: number;
  text?: string;
  durationMs: number;
}

/** The `quiz.answer` input for the shown question, or null when there is nothing to submit. */
export function answerInput(state: QuizRunState, now: number): AnswerInput | null {
  const q = currentQuestion(state);
  if (!state.attempt || !q || !canAnswer(state) || state.busy) return null;
  const durationMs = Math.min(QUIZ_LIMITS.maxTotalMs, Math.round(timeOn(state, q.position, now)));
  if (q.choices) return state.selected === null ? null : { attemptId: state.attempt.id, position: q.position, choice: state.selected, durationMs };
  const text = (state.drafts[q.position] ?? '').trim();
  return text === '' ? null : { attemptId: state.attempt.id, position: q.position, text, durationMs };
}

export function unansweredCount(attempt: QuizAttemptView | null): number {
  return attempt ? attempt.questions.filter((q) => q.answer === null).length : 0;
}
