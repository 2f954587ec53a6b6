/**
 * Daily review of a deck. One call per answer: `review.answer` returns the deck's next session.
 * When the session names the card that follows (`upcoming`), it is shown as soon as a rating is
 * given, and the answer's session then confirms it (or replaces it, if the queue changed meanwhile).
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { call } from '../api/transport';
import { nextPaint } from '../after-paint';
import { errorMessage } from '../api/error-message';
import { prepareCardContent } from '../components/MediaCardContent';
import { navigate } from '../router';
import { ReviewAnswerBar } from './ReviewAnswerBar';
import { ReviewCard } from './ReviewCard';
import { ReviewDone } from './ReviewDone';
import { ReviewTopBar } from './ReviewTopBar';
import { initialReviewState, keyCommand, nextUndo, reviewReducer, suggestedRating, type ReviewCommand } from './review-state';
import { ChoiceOptions } from './review/ChoiceOptions';
import { ReviewMenu } from './review/ReviewMenu';
import { ReviewToast } from './review/ReviewToast';
import { ShortcutOverlay } from './review/ShortcutOverlay';
import { TypedAnswer } from './review/TypedAnswer';
import { useAutoplay, useReviewCommands } from './review/use-review-commands';
import './review/review.css';

export function ReviewScreen({ deckId, tag }: { deckId: number; tag?: string | undefined }) {
  const [state, dispatch] = useReducer(reviewReducer, initialReviewState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const fail = useCallback((err: unknown) => dispatch({ type: 'failed', message: errorMessage(err) }), []);

  const load = useCallback(() => {
    call('review.next', { deckId, tag })
      .then((session) => dispatch({ type: 'loaded', session, at: performance.now() }))
      .catch(fail);
  }, [deckId, tag, fail]);

  useEffect(load, [load]);

  // An active interview plan's line ("Interview in 12 days: 74% ready, on track"), read once when the screen opens.
  const [planLine, setPlanLine] = useState<string | null>(null);
  useEffect(() => {
    call('plan.status', {})
      .then((r) => setPlanLine(r.status?.label ?? null))
      .catch(() => setPlanLine(null));
  }, []);

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
      dispatch({ type: 'rated' });
      dispatch(optimistic ? { type: 'advanced', at: performance.now() } : { type: 'busy' });
      // The card shown ahead is painted first; the request (a millisecond of the page's time) is sent right after.
      (optimistic ? nextPaint() : Promise.resolve())
        .then(() => call('review.answer', { cardId: card.cardId, rating, durationMs, deckId, tag }))
        .then((answered) => {
          if (answered.session) dispatch({ type: 'answered', session: answered.session, at: performance.now() });
          else load();
        })
        .catch((err: unknown) => {
          dispatch({ type: 'ratingFailed' });
          fail(err);
          // The answer was not written: show the deck as the server has it (the rated card again).
          if (optimistic) load();
        });
    },
    [deckId, tag, fail, load],
  );

  const commands = useReviewCommands(deckId, stateRef, dispatch, load, fail, tag);
  const { undo } = commands;

  // The typed card's answer box: empty each time a card is shown (the same card again too), without a render of its own;
  // checked by the server when the answer is shown.
  const [typedEntry, setTypedEntry] = useState({ shownAt: -1, text: '' });
  const typed = typedEntry.shownAt === state.shownAt ? typedEntry.text : '';
  const setTyped = useCallback((text: string) => setTypedEntry({ shownAt: stateRef.current.shownAt, text }), []);
  const typedRef = useRef(typed);
  typedRef.current = typed;

  const reveal = useCallback(() => {
    const card = stateRef.current.session?.card;
    dispatch({ type: 'reveal' });
    if (!card?.typed) return;
    call('review.checkTyped', { cardId: card.cardId, typed: typedRef.current })
      .then((check) => dispatch({ type: 'typedChecked', cardId: card.cardId, check }))
      .catch(fail);
  }, [fail]);

  const pick = useCallback((index: number) => dispatch({ type: 'pick', index }), []);

  const run = useCallback(
    (cmd: Exclude<ReviewCommand, null>) => {
      switch (cmd.type) {
        case 'reveal':
          return reveal();
        case 'rate':
          return rate(cmd.rating);
        case 'pick':
          return pick(cmd.index);
        case 'undo':
          return undo();
        case 'leave':
          return navigate('/');
        case 'action':
          return commands.act(cmd.action);
        case 'flag':
          return commands.flag(cmd.flag);
        case 'replay':
          return commands.replay();
        case 'edit':
          return commands.edit();
        case 'overlay':
          return dispatch({ type: 'overlay', open: cmd.open });
      }
    },
    [reveal, rate, pick, undo, commands],
  );

  useEffect(() => {
    if (!state.pending && state.queued !== null) rate(state.queued);
  }, [state.pending, state.queued, rate]);
  useEffect(() => {
    if (!state.pending && !state.busy && state.undoQueued) undo();
  }, [state.pending, state.busy, state.undoQueued, undo]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      // Keys typed into a box are text. An empty answer box lets Space (show the answer without typing),
      // Escape and Ctrl+Z through.
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
      const passes = e.key === ' ' || e.key === 'Escape' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z');
      if (typing && ((target as HTMLInputElement).value !== '' || !passes)) return;
      const cmd = keyCommand(stateRef.current, e);
      if (!cmd) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

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
  const revealed = state.phase === 'answer';
  useAutoplay(state.phase === 'question' || revealed ? card : null, revealed, session?.autoplayAudio ?? false);
  const dismissToast = useCallback(() => dispatch({ type: 'dismissToast' }), []);

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
        deckName={session ? (tag ? `${session.deckName} · ${tag}` : session.deckName) : ''}
        planLine={planLine}
        counts={session?.counts}
        answeredToday={session?.answeredToday ?? 0}
        canUndo={nextUndo(state) !== null && !state.busy && !state.pending}
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
          <ReviewCard card={card} revealed={revealed} />
          {card.choices && <ChoiceOptions choices={card.choices} picked={state.picked} revealed={revealed} onPick={pick} />}
          {card.typed && (
            <TypedAnswer shownAt={state.shownAt} value={typed} onChange={setTyped} revealed={revealed} check={state.typedCheck} onSubmit={reveal} />
          )}
          <div className="review-tools">
            <ReviewMenu flag={card.flag} disabled={state.busy || state.pending} onCommand={run} />
            <button className="btn ghost" onClick={() => run({ type: 'overlay', open: true })} title="Keyboard shortcuts (?)">
              Shortcuts <kbd>?</kbd>
            </button>
          </div>
          <ReviewAnswerBar
            cardId={card.cardId}
            intervals={card.intervals}
            revealed={revealed}
            busy={state.busy}
            suggested={suggestedRating(state)}
            typed={card.typed}
            onReveal={reveal}
            onRate={rate}
          />
        </>
      )}
      {state.phase === 'done' && session && <ReviewDone session={session} onUndo={undo} onDue={load} />}
      {state.toast && <ReviewToast toast={state.toast} onUndo={undo} onDismiss={dismissToast} />}
      {state.overlay && <ShortcutOverlay onClose={() => dispatch({ type: 'overlay', open: false })} />}
    </main>
  );
}
