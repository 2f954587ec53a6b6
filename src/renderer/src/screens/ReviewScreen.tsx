/**
 * Daily review of a deck. One call per answer: `review.answer` returns the deck's next session.
 * When the session names the card that follows (`upcoming`), it is shown as soon as a rating is
 * given, and the answer's session then confirms it (or replaces it, if the queue changed meanwhile).
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { call } from '../api/transport';
import { errorMessage } from '../api/error-message';
import { prepareCardContent } from '../components/MediaCardContent';
import { navigate } from '../router';
import { ReviewAnswerBar } from './ReviewAnswerBar';
import { ReviewCard } from './ReviewCard';
import { ReviewDone } from './ReviewDone';
import { ReviewTopBar } from './ReviewTopBar';
import { initialReviewState, keyCommand, reviewReducer } from './review-state';

export function ReviewScreen({ deckId }: { deckId: number }) {
  const [state, dispatch] = useReducer(reviewReducer, initialReviewState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const fail = useCallback((err: unknown) => dispatch({ type: 'failed', message: errorMessage(err) }), []);

  const load = useCallback(() => {
    call('review.next', { deckId })
      .then((session) => dispatch({ type: 'loaded', session, at: performance.now() }))
      .catch(fail);
  }, [deckId, fail]);

  useEffect(load, [load]);

  const rate = useCallback(
    (rating: 1 | 2 | 3 | 4) => {
      const s = stateRef.current;
      const card = s.session?.card;
      if (!card || s.phase !== 'answer' || s.busy) return;
      // The previous answer is still on its way (a few milliseconds): this rating follows it once the card is confirmed.
      if (s.pending) {
        dispatch({ type: 'queue', rating });
        return;
      }
      const durationMs = Math.min(3_600_000, Math.max(0, Math.round(performance.now() - s.shownAt)));
      const optimistic = Boolean(s.session?.upcoming);
      dispatch(optimistic ? { type: 'advanced', at: performance.now() } : { type: 'busy' });
      call('review.answer', { cardId: card.cardId, rating, durationMs, deckId })
        .then((answered) => {
          if (answered.session) dispatch({ type: 'answered', session: answered.session, at: performance.now() });
          else load();
        })
        .catch((err: unknown) => {
          fail(err);
          // The answer was not written: show the deck as the server has it (the rated card again).
          if (optimistic) load();
        });
    },
    [deckId, fail, load],
  );

  const undo = useCallback(() => {
    dispatch({ type: 'busy' });
    call('review.undo', { deckId })
      .then((session) => dispatch({ type: 'loaded', session, at: performance.now() }))
      .catch(fail);
  }, [deckId, fail]);

  const reveal = useCallback(() => dispatch({ type: 'reveal' }), []);

  useEffect(() => {
    if (!state.pending && state.queued !== null) rate(state.queued);
  }, [state.pending, state.queued, rate]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const cmd = keyCommand(stateRef.current, e);
      if (!cmd) return;
      e.preventDefault();
      if (cmd.type === 'reveal') reveal();
      else if (cmd.type === 'rate') rate(cmd.rating);
      else if (cmd.type === 'undo') undo();
      else navigate('/');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rate, undo, reveal]);

  // Sanitize the next card and fetch its media while this one is studied.
  const upcoming = state.session?.upcoming;
  useEffect(() => {
    if (!upcoming) return;
    // In a task of its own, after the render that brought it (the card shown is already painted by then).
    const timer = window.setTimeout(() => {
      prepareCardContent(upcoming.front, upcoming.format);
      prepareCardContent(upcoming.back, upcoming.format);
    }, 0);
    return () => window.clearTimeout(timer);
  }, [upcoming]);

  const session = state.session;
  const card = session?.card ?? null;

  if (state.phase === 'error') {
    return (
      <main className="screen center">
        <div className="panel error-panel" role="alert">
          <h1>Could not open this deck</h1>
          <p>{state.error}</p>
          <button className="btn" onClick={() => navigate('/')}>Back to decks</button>
        </div>
      </main>
    );
  }

  const studying = card && (state.phase === 'question' || state.phase === 'answer');
  return (
    <main className="screen review" data-answer-pending={state.pending || state.busy ? 'true' : 'false'}>
      <ReviewTopBar
        deckName={session?.deckName ?? ''}
        counts={session?.counts}
        answeredToday={session?.answeredToday ?? 0}
        canUndo={Boolean(session?.canUndo) && !state.busy && !state.pending}
        onUndo={undo}
      />
      {state.error && (
        <div className="banner error" role="alert">
          {state.error}
        </div>
      )}
      {state.phase === 'loading' && <div className="card-frame muted">Loading…</div>}
      {studying && (
        <>
          <ReviewCard card={card} revealed={state.phase === 'answer'} />
          <ReviewAnswerBar
            cardId={card.cardId}
            intervals={card.intervals}
            revealed={state.phase === 'answer'}
            busy={state.busy}
            onReveal={reveal}
            onRate={rate}
          />
        </>
      )}
      {state.phase === 'done' && session && <ReviewDone session={session} onUndo={undo} />}
    </main>
  );
}
