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
  busy: boolean;
  error: string | null;
}

export type ReviewAction =
  | { type: 'loaded'; session: ReviewSession; at: number }
  | { type: 'reveal' }
  | { type: 'busy' }
  | { type: 'failed'; message: string };

export const initialReviewState: ReviewState = { phase: 'loading', session: null, shownAt: 0, busy: false, error: null };

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'loaded':
      return {
        phase: action.session.card ? 'question' : 'done',
        session: action.session,
        shownAt: action.at,
        busy: false,
        error: null,
      };
    case 'reveal':
      return state.phase === 'question' && !state.busy ? { ...state, phase: 'answer' } : state;
    case 'busy':
      return { ...state, busy: true };
    case 'failed':
      return { ...state, busy: false, error: action.message, phase: state.session ? state.phase : 'error' };
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
  if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'z') return state.session?.canUndo ? { type: 'undo' } : null;
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
export function progress(session: ReviewSession | null): number {
  if (!session) return 0;
  const left = session.counts.newCount + session.counts.learningCount + session.counts.dueCount;
  const total = session.answeredToday + left;
  return total === 0 ? 1 : session.answeredToday / total;
}
