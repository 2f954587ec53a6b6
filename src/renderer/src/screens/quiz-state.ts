/**
 * Quiz screen logic, kept pure: the running attempt's reducer (current question, drafts, time per
 * question), the keys, the countdown (from the server's deadline and clock), the setup form and
 * the history trend. Components render this state and dispatch actions.
 */
import type {
  QuizAttemptView,
  QuizHistoryEntry,
  QuizKind,
  QuizMode,
  QuizQuestionView,
  QuizSetup,
  QuizSetupInput,
} from '../../../shared/api/quiz-contract';
import { QUIZ_KINDS, QUIZ_LIMITS } from '../../../shared/api/quiz-contract';

// ---- the running attempt ----------------------------------------------------------------------

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

// ---- keys ---------------------------------------------------------------------------------------

export type QuizCommand =
  | { type: 'select'; choice: number }
  | { type: 'submitAnswer' }
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'cancelSubmit' }
  | null;

export interface QuizKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  /** Where the key was typed: a one-line answer box, a multi-line one, or elsewhere. */
  field: 'input' | 'textarea' | null;
}

const LETTERS = ['a', 'b', 'c', 'd'];

/** The key label of choice `i`: A–D for multiple choice, 1–9 beyond that. */
export function choiceKey(i: number): string {
  return i < LETTERS.length ? (LETTERS[i] ?? '').toUpperCase() : String(i + 1);
}

/**
 * 1–9 or A–D pick a choice, Enter submits the answer (Ctrl/Cmd+Enter in a long answer), N goes
 * to the next question and P to the previous one; in an answer box only Enter acts. Escape
 * closes the submit confirmation.
 */
export function quizKeyCommand(state: QuizRunState, k: QuizKey): QuizCommand {
  if (k.repeat || k.altKey) return null;
  if (state.confirmingSubmit) return k.key === 'Escape' ? { type: 'cancelSubmit' } : null;
  if (state.phase !== 'running' || state.busy) return null;
  const q = currentQuestion(state);
  if (!q) return null;
  const open = canAnswer(state);
  if (k.field === 'textarea') return k.key === 'Enter' && (k.ctrlKey || k.metaKey) && open ? { type: 'submitAnswer' } : null;
  if (k.field === 'input') return k.key === 'Enter' && !k.shiftKey && open ? { type: 'submitAnswer' } : null;
  if (k.ctrlKey || k.metaKey) return null;
  const key = k.key.toLowerCase();
  if (key === 'n') return { type: 'next' };
  if (key === 'p') return { type: 'prev' };
  if (k.key === 'Enter') return open ? (state.selected !== null ? { type: 'submitAnswer' } : null) : { type: 'next' };
  if (!open || !q.choices) return null;
  const n = q.choices.length;
  if (/^[1-9]$/.test(key) && Number(key) <= n) return { type: 'select', choice: Number(key) - 1 };
  const letter = LETTERS.indexOf(key);
  if (letter !== -1 && letter < n) return { type: 'select', choice: letter };
  return null;
}

// ---- time ---------------------------------------------------------------------------------------

/** Time left before the server's deadline, by the screen's clock corrected for the skew. */
export function remainingMs(deadlineAt: number | null, skewMs: number, clientNow: number): number | null {
  return deadlineAt === null ? null : Math.max(0, deadlineAt - (clientNow + skewMs));
}

/** "4:05", "1:02:03". Rounds up, so the clock shows 0:00 only when the time is up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "45 s", "2 min 05 s", "1 h 10 min". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  return s === 0 ? `${m} min` : `${m} min ${String(s).padStart(2, '0')} s`;
}

export type TimerLevel = 'normal' | 'warning' | 'critical';

/** Warning colour under a minute, critical under ten seconds. */
export function timerLevel(ms: number): TimerLevel {
  return ms < 10_000 ? 'critical' : ms < 60_000 ? 'warning' : 'normal';
}

/**
 * What to tell screen readers when the time left goes from `before` to `after`: at each whole
 * minute, then at 30 and 10 seconds, and when the time is up; null between those. When a jump
 * crosses several marks, only the last one is said.
 */
export function timeAnnouncement(before: number, after: number): string | null {
  if (after >= before) return null;
  if (after <= 0) return before > 0 ? 'Time is up.' : null;
  for (const mark of [10_000, 30_000]) if (before > mark && after <= mark) return `${mark / 1000} seconds left.`;
  const minute = Math.ceil(after / 60_000) * 60_000;
  if (before > minute && after <= minute) return minute === 60_000 ? '1 minute left.' : `${minute / 60_000} minutes left.`;
  return null;
}

// ---- the setup form -----------------------------------------------------------------------------

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

export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

// ---- history ------------------------------------------------------------------------------------

export const OVERALL = 'Overall';

/** Topics by how many finished attempts asked them (most first, then by name). */
export function trendTopics(attempts: readonly QuizHistoryEntry[]): string[] {
  const seen = new Map<string, number>();
  for (const a of attempts) if (a.score !== null) for (const t of a.byTopic) seen.set(t.tag, (seen.get(t.tag) ?? 0) + 1);
  return [...seen].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([t]) => t);
}

export type TrendRow = { id: number; label: string } & Record<string, number | string | null>;

/**
 * One row per finished attempt, oldest first: the overall score and the score of each topic in
 * `topics`, in percent (null where the attempt did not ask the topic).
 */
export function trendRows(attempts: readonly QuizHistoryEntry[], topics: readonly string[]): TrendRow[] {
  return attempts
    .filter((a) => a.score !== null)
    .slice()
    .sort((x, y) => x.startedAt - y.startedAt || x.id - y.id)
    .map((a) => {
      const row: TrendRow = { id: a.id, label: `#${a.id}`, [OVERALL]: Math.round((a.score ?? 0) * 100) };
      for (const t of topics) {
        const s = a.byTopic.find((b) => b.tag === t);
        row[t] = s ? Math.round(s.score * 100) : null;
      }
      return row;
    });
}

export const STATUS_LABELS = { running: 'Running', submitted: 'Submitted', timedOut: 'Time ran out' } as const;
export const MODE_LABELS = { practice: 'Practice', mock: 'Mock interview' } as const;
export const KIND_LABELS: Record<QuizKind, string> = {
  choice: 'Multiple choice',
  truefalse: 'True / false',
  typed: 'Typed answer',
  prompt: 'Interview prompt',
};

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** Points as shown everywhere: "3", "2.5", "1.33". */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}
