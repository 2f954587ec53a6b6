import { useCallback, useEffect, useReducer, useRef } from 'react';
import { call, ApiCallError } from '../api/transport';
import { CardInfoPanel } from '../components/CardInfoPanel';
import { MediaCardContent } from '../components/MediaCardContent';
import { navigate } from '../router';
import { initialReviewState, keyCommand, progress, reviewReducer } from './review-state';

const RATINGS = [
  { rating: 1, label: 'Again', key: '1', className: 'again' },
  { rating: 2, label: 'Hard', key: '2', className: 'hard' },
  { rating: 3, label: 'Good', key: '3', className: 'good' },
  { rating: 4, label: 'Easy', key: '4', className: 'easy' },
] as const;

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function ReviewScreen({ deckId }: { deckId: number }) {
  const [state, dispatch] = useReducer(reviewReducer, initialReviewState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const showAnswerRef = useRef<HTMLButtonElement>(null);
  const goodRef = useRef<HTMLButtonElement>(null);

  const fail = (err: unknown) => dispatch({ type: 'failed', message: err instanceof ApiCallError ? err.message : String(err) });

  const load = useCallback(() => {
    call('review.next', { deckId })
      .then((session) => dispatch({ type: 'loaded', session, at: performance.now() }))
      .catch(fail);
  }, [deckId]);

  useEffect(load, [load]);

  const rate = useCallback(
    (rating: 1 | 2 | 3 | 4) => {
      const s = stateRef.current;
      const card = s.session?.card;
      if (!card || s.phase !== 'answer' || s.busy) return;
      dispatch({ type: 'busy' });
      const durationMs = Math.min(3_600_000, Math.max(0, Math.round(performance.now() - s.shownAt)));
      call('review.answer', { cardId: card.cardId, rating, durationMs })
        .then(() => call('review.next', { deckId }))
        .then((session) => dispatch({ type: 'loaded', session, at: performance.now() }))
        .catch(fail);
    },
    [deckId],
  );

  const undo = useCallback(() => {
    dispatch({ type: 'busy' });
    call('review.undo', { deckId })
      .then((session) => dispatch({ type: 'loaded', session, at: performance.now() }))
      .catch(fail);
  }, [deckId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const cmd = keyCommand(stateRef.current, e);
      if (!cmd) return;
      e.preventDefault();
      if (cmd.type === 'reveal') dispatch({ type: 'reveal' });
      else if (cmd.type === 'rate') rate(cmd.rating);
      else if (cmd.type === 'undo') undo();
      else navigate('/');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rate, undo]);

  // Keep keyboard focus on the button the next key press would use.
  useEffect(() => {
    if (state.phase === 'question') showAnswerRef.current?.focus();
    if (state.phase === 'answer') goodRef.current?.focus();
  }, [state.phase, state.session?.card?.cardId]);

  const session = state.session;
  const card = session?.card ?? null;
  const pct = Math.round(progress(session) * 100);

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

  return (
    <main className="screen review">
      <div className="review-top">
        <button className="btn ghost" onClick={() => navigate('/')} title="Back to decks (Esc)">
          ← Decks
        </button>
        <div className="review-title">{session?.deckName ?? ''}</div>
        <div className="counts" aria-label="Cards left today">
          <span className="count new" title="New">{session?.counts.newCount ?? 0}</span>
          <span className="count learn" title="Learning">{session?.counts.learningCount ?? 0}</span>
          <span className="count due" title="To review">{session?.counts.dueCount ?? 0}</span>
        </div>
        <button className="btn ghost" onClick={undo} disabled={!session?.canUndo || state.busy} title="Undo last answer (Ctrl+Z)">
          ↶ Undo
        </button>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Today's progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {state.error && (
        <div className="banner error" role="alert">
          {state.error}
        </div>
      )}

      {state.phase === 'loading' && <div className="card-frame muted">Loading…</div>}

      {card && (state.phase === 'question' || state.phase === 'answer') && (
        <>
          <article className="card-frame" aria-live="polite" data-card-id={card.cardId}>
            <div className="card-meta">
              <span className="chip">{card.section || card.deckName}</span>
              {card.tags.slice(0, 3).map((t) => (
                <span key={t} className="chip subtle">
                  {t}
                </span>
              ))}
            </div>
            <MediaCardContent className="front" text={card.front} format={card.format} />
            {state.phase === 'answer' && (
              <>
                <hr className="answer-rule" />
                <MediaCardContent className="back" text={card.back} format={card.format} />
              </>
            )}
            <CardInfoPanel info={card.info} />
          </article>
          <div className="answer-bar">
            {state.phase === 'question' ? (
              <button ref={showAnswerRef} className="btn primary wide" onClick={() => dispatch({ type: 'reveal' })} disabled={state.busy}>
                Show answer <kbd>Space</kbd>
              </button>
            ) : (
              <div className="ratings" role="group" aria-label="Rate your recall">
                {RATINGS.map((r, i) => (
                  <button
                    key={r.rating}
                    ref={r.rating === 3 ? goodRef : undefined}
                    className={`btn rating ${r.className}`}
                    onClick={() => rate(r.rating)}
                    disabled={state.busy}
                    aria-keyshortcuts={r.key}
                  >
                    <span className="interval">{card.intervals[i]}</span>
                    <span className="label">{r.label}</span>
                    <kbd>{r.key}</kbd>
                  </button>
                ))}
              </div>
            )}
          </div>
        </>
      )}

      {state.phase === 'done' && session && (
        <section className="card-frame done" aria-live="polite">
          <div className="done-mark" aria-hidden="true">✓</div>
          <h1>Done for today</h1>
          <p>
            You answered <strong>{session.answeredToday}</strong> {session.answeredToday === 1 ? 'card' : 'cards'} in this deck today.
          </p>
          {session.nextLearningDueAt !== null && (
            <p>More learning cards come due at {formatTime(session.nextLearningDueAt)}.</p>
          )}
          <p>
            Due tomorrow: <strong>{session.dueTomorrow}</strong>
          </p>
          <div className="row gap">
            <button className="btn primary" onClick={() => navigate('/')} autoFocus>
              Back to decks
            </button>
            {session.canUndo && (
              <button className="btn" onClick={undo}>
                Undo last answer
              </button>
            )}
          </div>
        </section>
      )}
    </main>
  );
}
