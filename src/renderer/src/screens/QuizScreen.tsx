import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { errorMessage } from '../api/error-message';
import { ApiCallError, call } from '../api/transport';
import { navigate } from '../router';
import { QuizQuestionCard } from './QuizQuestionCard';
import { QuizResults } from './QuizResults';
import { QuizActions } from './QuizActions';
import { QuizDots } from './QuizDots';
import { QuizRunTop } from './QuizRunTop';
import { QuizSubmitDialog } from './QuizSubmitDialog';
import { useQuizKeys } from './use-quiz-keys';
import { answerInput, canAnswer, currentQuestion, initialQuizRunState, nextOpenIndex, questionLeftMs, quizRunReducer, unansweredCount } from './quiz-run-state';
import { remainingMs } from './quiz-time';

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
      .catch((err: unknown) => dispatch({ type: 'failed', message: errorMessage(err) }));
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
      dispatch({ type: 'failed', message: errorMessage(err) });
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

  useQuizKeys(stateRef, dispatch, submitAnswer);

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

  return (
    <main className="screen quiz-run">
      <QuizRunTop attempt={attempt} current={state.current} left={left} busy={state.busy} onSubmit={askSubmit} />

      <QuizDots attempt={attempt} current={state.current} lapsed={state.lapsed} onGoto={(index) => dispatch({ type: 'goto', index, at: Date.now() })} />

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

      <QuizActions
        current={state.current}
        total={total}
        open={open}
        allAnswered={attempt.answered === total}
        busy={state.busy}
        canSubmitAnswer={answerInput(state, clientNow) !== null}
        promptKind={question?.kind === 'prompt'}
        onPrev={() => dispatch({ type: 'prev', at: Date.now() })}
        onNext={() => dispatch({ type: 'next', at: Date.now() })}
        onSubmitAnswer={submitAnswer}
        onFinish={submitQuiz}
      />
      <p className="hint muted quiz-keys">
        Keys: <kbd>A</kbd>–<kbd>D</kbd> or <kbd>1</kbd>–<kbd>9</kbd> choose, <kbd>Enter</kbd> submits, <kbd>N</kbd> next question, <kbd>P</kbd>{' '}
        previous.
        {attempt.mode === 'mock' && ' Answers and explanations appear when the quiz is finished.'}
      </p>

      {state.confirmingSubmit && (
        <QuizSubmitDialog
          unanswered={unansweredCount(attempt)}
          total={total}
          left={left}
          busy={state.busy}
          onCancel={() => dispatch({ type: 'cancelSubmit' })}
          onSubmit={submitQuiz}
        />
      )}
    </main>
  );
}
