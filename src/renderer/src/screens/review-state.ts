/**
 * Review screen logic as a pure reducer: which phase the screen is in, and which keys do what.
 * Components only render this state and dispatch actions.
 */
import type { ReviewSession } from '../../../shared/api/review-contract';

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
  | { type: 'failed'; message: string };

export const initialReviewState: ReviewState = { phase: 'loading', session: null, shownAt: 0, busy: false, pending: false, queued: null, error: null };

function loaded(session: ReviewSession, at: number): ReviewState {
  return { phase: session.card ? 'question' : 'done', session, shownAt: at, busy: false, pending: false, queued: null, error: null };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'loaded':
      return loaded(action.session, action.at);
    case 'reveal':
      return state.phase === 'question' && !state.busy ? { ...state, phase: 'answer' } : state;
    case 'busy':
      return { ...state, busy: true, queued: null };
    case 'advanced': {
      const next = state.session?.upcoming;
      if (!state.session || !next) return state;
      // Counts and progress wait for the answer's session; the card does not.
      const session = { ...state.session, card: next, upcoming: null };
      return { phase: 'question', session, shownAt: action.at, busy: false, pending: true, queued: null, error: null };
    }
    case 'answered': {
      const shown = state.session?.card;
      const same = state.pending && shown && action.session.card?.cardId === shown.cardId && (state.phase === 'question' || state.phase === 'answer');
      // The card shown ahead is confirmed: keep its phase and the time it was shown. Otherwise (another card, or no card
      // was shown ahead and the rated card itself comes back) show what the server says as a fresh question.
      return same ? { ...state, session: action.session, busy: false, pending: false, error: null } : loaded(action.session, action.at);
    }
    case 'queue':
      // Also once the card was confirmed: the screen may have queued from the state it last rendered,
      // still pending, after the confirming answer was dispatched. The queued rating is then sent at once.
      return state.phase === 'answer' && !state.busy ? { ...state, queued: action.rating } : state;
    case 'failed':
      return { ...state, busy: false, pending: false, queued: null, error: action.message, phase: state.session ? state.phase : 'error' };
  }
}

export type ReviewCommand =
  | { type: 'reveal' }
  | { type: 'rate'; rating: 1 | 2 | 3 | 4 }
  | { type: 'undo' }
  | { type: 'leave' }
  | null;

/** Anki's keys: Space/Enter show the answer (and rate Good once shown), 1–4 rate, Ctrl/Cmd+Z undo, Escape leaves. */
export function keyCommand(
  state: ReviewState,
  key: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat: boolean },
): ReviewCommand {
  if (key.repeat || key.altKey) return null;
  if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'z') {
    return state.session?.canUndo && !state.busy && !state.pending ? { type: 'undo' } : null;
  }
  if (key.ctrlKey || key.metaKey) return null;
  if (key.key === 'Escape') return { type: 'leave' };
  if (state.busy) return null;
  if (state.phase === 'question' && (key.key === ' ' || key.key === 'Enter')) return { type: 'reveal' };
  if (state.phase === 'answer') {
    if (key.key === ' ' || key.key === 'Enter') return { type: 'rate', rating: 3 };
    if (key.key === '1' || key.key === '2' || key.key === '3' || key.key === '4') {
      return { type: 'rate', rating: Number(key.key) as 1 | 2 | 3 | 4 };
    }
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
