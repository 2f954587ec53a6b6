/**
 * Review screen logic as a pure reducer: which phase the screen is in, and which keys do what.
 * Components only render this state and dispatch actions.
 */
import type { ReviewSession, TypedCheck } from '../../../shared/api/review-contract';
import { ACTION_KEYS, choiceKeyIndex, type ReviewActionName } from './review/review-keys';

/** What Ctrl+Z takes back, latest last: a rating (review.undo) or a card action (actions.undo with its id). */
export type UndoEntry = { kind: 'answer' } | { kind: 'action'; id: number; label: string };

/** The status line after an action: its message, and its undo while it is the latest thing done. */
export interface ReviewToast {
  message: string;
  undoId: number | null;
}

export type ReviewPhase = 'loading' | 'question' | 'answer' | 'done' | 'error';

export interface ReviewState {
  phase: ReviewPhase;
  session: ReviewSession | null;
  /** performance.now() when the current card was shown, to measure the answer time. */
  shownAt: number;
  /** A call is in flight and the screen waits for it (loading, undo, an answer with no card to show yet). */
  busy: boolean;
  /** An answer is on its way while the card that follows it is already shown; its session confirms or replaces that card. */
  pending: boolean;
  /** A rating given while `pending`: it is sent once the shown card is confirmed (at once if it already is), and dropped if the card is replaced. */
  queued: 1 | 2 | 3 | 4 | null;
  error: string | null;
  /** The option picked on a choice card (index into `card.choices.options`), or null. */
  picked: number | null;
  /** The typed answer's comparison, once revealed and checked. */
  typedCheck: TypedCheck | null;
  /** Answers and actions of this visit, for Ctrl+Z (answers from before it are undone through review.undo too). */
  undo: UndoEntry[];
  toast: ReviewToast | null;
  /** The keyboard shortcut overlay is open. */
  overlay: boolean;
  /** Ctrl+Z pressed while an answer was on its way: that answer is undone once it is written. */
  undoQueued: boolean;
}

export type ReviewAction =
  | { type: 'loaded'; session: ReviewSession; at: number }
  | { type: 'reveal' }
  | { type: 'busy' }
  /** The current card was rated and the session's `upcoming` card is shown at once. */
  | { type: 'advanced'; at: number }
  /** The answer's session came back. */
  | { type: 'answered'; session: ReviewSession; at: number }
  | { type: 'queue'; rating: 1 | 2 | 3 | 4 }
  | { type: 'failed'; message: string }
  /** An option of a choice card was picked: it is marked and the answer is shown. */
  | { type: 'pick'; index: number }
  | { type: 'typedChecked'; cardId: number; check: TypedCheck }
  | { type: 'rated' }
  /** A rating was not written: its undo entry goes. */
  | { type: 'ratingFailed' }
  /** A card action was done (its result's message and undo id); the session is reloaded after. */
  | { type: 'acted'; message: string; undoId: number | null }
  /** The latest undo entry was taken back; `message` says what. */
  | { type: 'undone'; message: string }
  | { type: 'flagged'; cardId: number; flag: number }
  | { type: 'dismissToast' }
  | { type: 'queueUndo' }
  | { type: 'overlay'; open: boolean };

/** Nothing in flight and nothing picked, typed or failed: how each card (or the done screen) starts. */
const FRESH = { busy: false, pending: false, queued: null, error: null, picked: null, typedCheck: null } as const;

export const initialReviewState: ReviewState = { phase: 'loading', session: null, shownAt: 0, ...FRESH, undo: [], toast: null, overlay: false, undoQueued: false };

/** A fresh card (or none): what was picked or typed for the card before goes; the undo history and the status line stay. */
function loaded(state: ReviewState, session: ReviewSession, at: number): ReviewState {
  return { ...state, ...FRESH, phase: session.card ? 'question' : 'done', session, shownAt: at };
}

/** The rating the answer bar offers first: Again after a wrong pick or a wrong typed answer, Good otherwise. */
export function suggestedRating(state: ReviewState): 1 | 3 {
  const choices = state.session?.card?.choices;
  if (choices && state.picked !== null && state.picked !== choices.correct) return 1;
  if (state.typedCheck && !state.typedCheck.correct) return 1;
  return 3;
}

/** The latest undo entry, or an answer from before this visit when the server has one. */
export function nextUndo(state: ReviewState): UndoEntry | null {
  const last = state.undo[state.undo.length - 1];
  if (last) return last;
  return state.session?.canUndo ? { kind: 'answer' } : null;
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'loaded':
      return loaded(state, action.session, action.at);
    case 'reveal':
      return state.phase === 'question' && !state.busy ? { ...state, phase: 'answer' } : state;
    case 'busy':
      return { ...state, busy: true, queued: null, undoQueued: false };
    case 'queueUndo':
      return state.pending || state.busy ? { ...state, undoQueued: true, queued: null } : state;
    case 'advanced': {
      const next = state.session?.upcoming;
      if (!state.session || !next) return state;
      // Counts and progress wait for the answer's session; the card does not.
      const session = { ...state.session, card: next, upcoming: null };
      return { ...state, ...FRESH, phase: 'question', session, shownAt: action.at, pending: true };
    }
    case 'pick': {
      const options = state.session?.card?.choices?.options;
      if (state.phase !== 'question' || state.busy || !options || action.index < 0 || action.index >= options.length) return state;
      return { ...state, phase: 'answer', picked: action.index };
    }
    case 'typedChecked':
      return state.session?.card?.cardId === action.cardId ? { ...state, typedCheck: action.check } : state;
    case 'rated':
      return { ...state, undo: [...state.undo, { kind: 'answer' }], toast: null };
    case 'ratingFailed': {
      const i = state.undo.map((e) => e.kind).lastIndexOf('answer');
      return i < 0 ? state : { ...state, undo: [...state.undo.slice(0, i), ...state.undo.slice(i + 1)] };
    }
    case 'acted':
      return {
        ...state,
        undo: action.undoId === null ? state.undo : [...state.undo, { kind: 'action', id: action.undoId, label: action.message }],
        toast: { message: action.message, undoId: action.undoId },
      };
    case 'undone':
      return { ...state, undo: state.undo.slice(0, -1), toast: { message: action.message, undoId: null } };
    case 'flagged': {
      const card = state.session?.card;
      if (!state.session || !card || card.cardId !== action.cardId) return state;
      return { ...state, session: { ...state.session, card: { ...card, flag: action.flag } } };
    }
    case 'dismissToast':
      return state.toast ? { ...state, toast: null } : state;
    case 'overlay':
      return { ...state, overlay: action.open };
    case 'answered': {
      const shown = state.session?.card;
      const same = state.pending && shown && action.session.card?.cardId === shown.cardId && (state.phase === 'question' || state.phase === 'answer');
      // The card shown ahead is confirmed: keep its phase and the time it was shown. Otherwise (another card, or no card
      // was shown ahead and the rated card itself comes back) show what the server says as a fresh question.
      return same ? { ...state, session: action.session, busy: false, pending: false, error: null } : loaded(state, action.session, action.at);
    }
    case 'queue':
      // Also once the card was confirmed: the screen may have queued from the state it last rendered,
      // still pending, after the confirming answer was dispatched. The queued rating is then sent at once.
      return state.phase === 'answer' && !state.busy ? { ...state, queued: action.rating } : state;
    case 'failed':
      return { ...state, busy: false, pending: false, queued: null, undoQueued: false, error: action.message, phase: state.session ? state.phase : 'error' };
  }
}

export type ReviewCommand =
  | { type: 'reveal' }
  | { type: 'rate'; rating: 1 | 2 | 3 | 4 }
  | { type: 'pick'; index: number }
  | { type: 'undo' }
  | { type: 'leave' }
  | { type: 'action'; action: ReviewActionName }
  | { type: 'flag'; flag: number }
  | { type: 'replay' }
  | { type: 'edit' }
  | { type: 'overlay'; open: boolean }
  | null;

/**
 * Anki's keys: Space/Enter show the answer (and rate the suggested button once shown), 1–4 rate,
 * 1–9/A–D pick an option of a choice card before the answer is shown, - = @ ! bury and suspend,
 * Ctrl+1…7 flag, Ctrl+Delete delete the note, R replay audio, E edit, ? shortcuts, Ctrl/Cmd+Z
 * undo, Escape leaves (or closes the shortcuts).
 */
export function keyCommand(
  state: ReviewState,
  key: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat: boolean },
): ReviewCommand {
  if (key.repeat || key.altKey) return null;
  if (state.overlay) return key.key === 'Escape' || key.key === '?' ? { type: 'overlay', open: false } : null;
  const ctrl = key.ctrlKey || key.metaKey;
  const studying = (state.phase === 'question' || state.phase === 'answer') && Boolean(state.session?.card);
  const idle = !state.busy && !state.pending;
  // While an answer is on its way, Ctrl+Z waits for it and then takes it back.
  // Pressed while an answer is on its way (pending, or busy waiting for the next card), it waits for it and then undoes it.
  if (ctrl && key.key.toLowerCase() === 'z') return state.busy || state.pending || nextUndo(state) ? { type: 'undo' } : null;
  if (ctrl && /^[1-7]$/.test(key.key)) {
    const flag = Number(key.key);
    return studying && idle ? { type: 'flag', flag: state.session?.card?.flag === flag ? 0 : flag } : null;
  }
  if (ctrl && (key.key === 'Delete' || (key.metaKey && key.key === 'Backspace'))) {
    return studying && idle ? { type: 'action', action: 'deleteNote' } : null;
  }
  if (ctrl) return null;
  if (key.key === 'Escape') return { type: 'leave' };
  if (key.key === '?') return { type: 'overlay', open: true };
  if (state.busy || !studying) return null;
  const action = ACTION_KEYS[key.key];
  if (action) return idle ? { type: 'action', action } : null;
  if (key.key === 'e' || key.key === 'E') return idle ? { type: 'edit' } : null;
  if (key.key === 'r' || key.key === 'R') return { type: 'replay' };
  if (state.phase === 'question') {
    if (key.key === ' ' || key.key === 'Enter') return { type: 'reveal' };
    const options = state.session?.card?.choices?.options.length ?? 0;
    const index = choiceKeyIndex(key.key);
    return index >= 0 && index < options ? { type: 'pick', index } : null;
  }
  if (key.key === ' ' || key.key === 'Enter') return { type: 'rate', rating: suggestedRating(state) };
  if (key.key === '1' || key.key === '2' || key.key === '3' || key.key === '4') {
    return { type: 'rate', rating: Number(key.key) as 1 | 2 | 3 | 4 };
  }
  return null;
}

/** Share of today's queue done, for the progress bar (0..1). */
export function progress(counts: ReviewSession['counts'] | undefined, answeredToday: number): number {
  if (!counts) return 0;
  const left = counts.newCount + counts.learningCount + counts.dueCount;
  const total = answeredToday + left;
  return total === 0 ? 1 : answeredToday / total;
}
