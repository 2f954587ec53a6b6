import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiCallError, call } from '../api/transport';
import { navigate } from '../router';
import { QuizQuestionCard } from './QuizQuestionCard';
import { QuizResults } from './QuizResults';
import { QuizTimer } from './QuizTimer';
import {
  answerInput,
  canAnswer,
  currentQuestion,
  formatClock,
  initialQuizRunState,
  MODE_LABELS,
  nextOpenIndex,
  questionLeftMs,
  quizKeyCommand,
  quizRunReducer,
  remainingMs,
  unansweredCount,
} from './quiz-state';

/** `#/quiz/<id>`: runs the attempt, or shows its results once it is finished. */
export function QuizScreen({ attemptId }: { attemptId: number }) {
  const [state, dispatch] = useReducer(quizRunReducer, initialQuizRunState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [clientNow, setClientNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);
  const autoSubmitted = useRef(false);
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const questionRef = useRef<HTMLElement>(null);

  const load = useCallback(() => {
    call('quiz.get', { id: attemptId })
      .then((attempt) => dispatch({ type: 'loaded', attempt, at: Date.now() }))
      .catch((err: unknown) => dispatch({ type: 'failed', message: err instanceof ApiCallError ? err.message : String(err) }));
  }, [attemptId]);

  useEffect(load, [load]);

  /** The attempt changed under us (time ran out, answered elsewhere): show the server's view. */
  const handleError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiCallError && (err.code === 'quiz_expired' || err.code === 'quiz_finished' || err.code === 'conflict')) {
        if (err.code === 'quiz_expired') setNotice('The time ran out before that answer arrived, so it was not counted.');
        load();
        return;
      }
      dispatch({ type: 'failed', message: err instanceof ApiCallError ? err.message : String(err) });
    },
    [load],
  );

  const submitAnswer = useCallback(() => {
    const input = answerInput(stateRef.current, Date.now());
    if (!input) return;
    dispatch({ type: 'busy' });
    call('quiz.answer', input)
      .then((attempt) => dispatch({ type: 'answered', attempt, at: Date.now() }))
      .catch(handleError);
  }, [handleError]);

  const submitQuiz = useCallback(() => {
    const s = stateRef.current;
    if (!s.attempt || s.phase !== 'running') return;
    dispatch({ type: 'busy' });
    call('quiz.submit', { attemptId: s.attempt.id })
      .then((attempt) => dispatch({ type: 'loaded', attempt, at: Date.now() }))
      .catch(handleError);
  }, [handleError]);

  const askSubmit = useCallback(() => {
    if (unansweredCount(stateRef.current.attempt) > 0) dispatch({ type: 'askSubmit' });
    else submitQuiz();
  }, [submitQuiz]);

  // The clock: the screen counts down with its own clock from the server's deadline and time.
  useEffect(() => {
    if (state.phase !== 'running') return;
    setClientNow(Date.now());
    const timer = setInterval(() => setClientNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [state.phase]);

  const attempt = state.attempt;
  const left = attempt ? remainingMs(attempt.deadlineAt, state.skewMs, clientNow) : null;
  const question = currentQuestion(state);
  const open = canAnswer(state);
  const perLeft = questionLeftMs(state, clientNow);
  const shownPosition = state.phase === 'running' ? question?.position : undefined;
  // Every question left has run out of its own time: the server finishes the quiz; ask it until it has.
  const allRunOut = state.phase === 'running' && attempt !== null && attempt.perQuestionMs !== null && nextOpenIndex(attempt, 0, state.lapsed) === -1 && unansweredCount(attempt) > 0;

  // At zero the quiz is submitted automatically; the timer cannot be paused.
  useEffect(() => {
    if (left === 0 && state.phase === 'running' && !autoSubmitted.current) {
      autoSubmitted.current = true;
      submitQuiz();
    }
  }, [left, state.phase, submitQuiz]);

  // The per-question limit: what was chosen or typed is submitted, otherwise the question is left.
  useEffect(() => {
    if (perLeft !== 0 || state.busy) return;
    if (answerInput(stateRef.current, Date.now())) submitAnswer();
    else dispatch({ type: 'lapse', at: Date.now() });
  }, [perLeft, state.busy, submitAnswer]);

  // Tell the server which question is shown: a reload comes back to it, and its own clock starts.
  useEffect(() => {
    if (shownPosition === undefined) return;
    call('quiz.view', { attemptId, position: shownPosition })
      .then((a) => dispatch({ type: 'loaded', attempt: a, at: Date.now() }))
      .catch(handleError);
  }, [attemptId, shownPosition, handleError]);

  useEffect(() => {
    if (!allRunOut) return;
    load();
    const timer = setInterval(load, 1000);
    return () => clearInterval(timer);
  }, [allRunOut, load]);

  const override = useCallback(() => {
    const s = stateRef.current;
    const q = currentQuestion(s);
    if (!s.attempt || !q) return;
    dispatch({ type: 'busy' });
    call('quiz.override', { attemptId: s.attempt.id, position: q.position })
      .then((a) => dispatch({ type: 'loaded', attempt: a, at: Date.now() }))
      .catch(handleError);
  }, [handleError]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName;
      const isChoice = target?.dataset.choice !== undefined;
      // Other buttons and links keep their own Enter and Space.
      if ((tag === 'BUTTON' || tag === 'A' || tag === 'SELECT') && !isChoice && (e.key === 'Enter' || e.key === ' ')) return;
      if (tag === 'INPUT' && (target as HTMLInputElement).type !== 'text') return;
      const field = tag === 'TEXTAREA' ? 'textarea' : tag === 'INPUT' ? 'input' : null;
      const cmd = quizKeyCommand(stateRef.current, {
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        repeat: e.repeat,
        field,
      });
      if (!cmd) return;
      e.preventDefault();
      const at = Date.now();
      if (cmd.type === 'select') dispatch({ type: 'select', choice: cmd.choice });
      else if (cmd.type === 'submitAnswer') submitAnswer();
      else if (cmd.type === 'next') dispatch({ type: 'next', at, key: true });
      else if (cmd.type === 'prev') dispatch({ type: 'prev', at });
      else dispatch({ type: 'cancelSubmit' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submitAnswer]);

  // Keep the keyboard where the next key goes: the answer box, or the question itself.
  const position = question?.position;
  useEffect(() => {
    if (state.phase !== 'running' || state.confirmingSubmit) return;
    if (open && fieldRef.current) fieldRef.current.focus();
    else questionRef.current?.focus();
  }, [position, open, state.phase, state.confirmingSubmit]);

  if (state.phase === 'error') {
    return (
      <main className="screen center">
        <div className="panel error-panel" role="alert">
          <h1>Could not open this quiz</h1>
          <p>{state.error}</p>
          <button className="btn" onClick={() => navigate('/quiz')}>
            Back to quiz setup
          </button>
        </div>
      </main>
    );
  }
  if (!attempt || state.phase === 'loading') return <main className="screen muted">Loading quiz…</main>;
  if (state.phase === 'finished') {
    return <QuizResults attempt={attempt} notice={notice} onChange={(a) => dispatch({ type: 'loaded', attempt: a, at: Date.now() })} />;
  }

  const total = attempt.questions.length;
  const pct = total === 0 ? 0 : Math.round((attempt.answered / total) * 100);
  const allAnswered = attempt.answered === total;

  return (
    <main className="screen quiz-run">
      <div className="quiz-top">
        <div className="quiz-top-title">
          <span className="chip">{MODE_LABELS[attempt.mode]}</span>
          <span className="quiz-progress-text" aria-live="polite">
            Question {state.current + 1} of {total}
          </span>
        </div>
        {left !== null && <QuizTimer remainingMs={left} />}
        <button className="btn" onClick={askSubmit} disabled={state.busy}>
          Submit quiz
        </button>
      </div>
      <div className="progress" role="progressbar" aria-label="Questions answered" aria-valuemin={0} aria-valuemax={total} aria-valuenow={attempt.answered}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>

      <nav className="quiz-dots" aria-label="Questions">
        {attempt.questions.map((q, i) => {
          const lapsed = state.lapsed.includes(q.position);
          const status = q.answer ? 'answered' : lapsed ? 'lapsed' : 'open';
          return (
            <button
              key={q.position}
              className={`quiz-dot ${status} ${i === state.current ? 'current' : ''}`}
              aria-current={i === state.current ? 'step' : undefined}
              aria-label={`Question ${i + 1}, ${status === 'open' ? 'not answered' : status === 'lapsed' ? 'time ran out' : 'answered'}`}
              onClick={() => dispatch({ type: 'goto', index: i, at: Date.now() })}
            >
              {i + 1}
            </button>
          );
        })}
      </nav>

      {notice && (
        <div className="banner info" role="status">
          {notice}
        </div>
      )}
      {state.error && (
        <div className="banner error" role="alert">
          {state.error}
        </div>
      )}

      {question && (
        <QuizQuestionCard
          key={question.position}
          question={question}
          number={state.current + 1}
          open={open}
          lapsed={state.lapsed.includes(question.position)}
          busy={state.busy}
          selected={state.selected}
          draft={state.drafts[question.position] ?? ''}
          perQuestionLeft={perLeft}
          fieldRef={fieldRef}
          questionRef={questionRef}
          onSelect={(choice) => dispatch({ type: 'select', choice })}
          onDraft={(text) => dispatch({ type: 'draft', text })}
          onOverride={override}
        />
      )}

      <div className="quiz-actions">
        <button className="btn ghost" onClick={() => dispatch({ type: 'prev', at: Date.now() })} disabled={state.current === 0} aria-keyshortcuts="P">
          ← Previous
        </button>
        <div className="quiz-actions-main">
          {open ? (
            <button className="btn primary wide" onClick={submitAnswer} disabled={state.busy || answerInput(state, clientNow) === null} aria-keyshortcuts="Enter">
              Submit answer <kbd>{question?.kind === 'prompt' ? 'Ctrl+Enter' : 'Enter'}</kbd>
            </button>
          ) : allAnswered ? (
            <button className="btn primary wide" onClick={submitQuiz} disabled={state.busy}>
              Finish and see results
            </button>
          ) : (
            <button className="btn primary wide" onClick={() => dispatch({ type: 'next', at: Date.now() })} aria-keyshortcuts="N">
              Next question <kbd>N</kbd>
            </button>
          )}
        </div>
        <button
          className={`btn ghost ${open ? '' : 'hidden'}`}
          onClick={() => dispatch({ type: 'next', at: Date.now() })}
          disabled={!open || state.current >= total - 1}
          aria-keyshortcuts="N"
        >
          Skip →
        </button>
      </div>
      <p className="hint muted quiz-keys">
        Keys: <kbd>A</kbd>–<kbd>D</kbd> or <kbd>1</kbd>–<kbd>9</kbd> choose, <kbd>Enter</kbd> submits, <kbd>N</kbd> next question, <kbd>P</kbd>{' '}
        previous.
        {attempt.mode === 'mock' && ' Answers and explanations appear when the quiz is finished.'}
      </p>

      {state.confirmingSubmit && (
        <div className="quiz-dialog-backdrop">
          <div className="panel quiz-dialog" role="alertdialog" aria-modal="true" aria-labelledby="submit-title" aria-describedby="submit-desc">
            <h2 id="submit-title">Submit the quiz?</h2>
            <p id="submit-desc">
              {unansweredCount(attempt)} of {total} questions are not answered. They count as missed.
              {left !== null && ` ${formatClock(left)} left.`}
            </p>
            <div className="row gap">
              <button className="btn" onClick={() => dispatch({ type: 'cancelSubmit' })} autoFocus>
                Keep answering
              </button>
              <button className="btn primary" onClick={submitQuiz} disabled={state.busy}>
                Submit quiz
              </button>
            </div>
          </div>
        </div>
      )}
    </main>
  );
}
