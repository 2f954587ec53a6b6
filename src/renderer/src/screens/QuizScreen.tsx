import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { QuizQuestionView } from '../../../shared/api/quiz-contract';
import { ApiCallError, call } from '../api/transport';
import { CardContent } from '../components/CardContent';
import { navigate } from '../router';
import { QuizResults } from './QuizResults';
import { QuizTimer } from './QuizTimer';
import {
  answerInput,
  canAnswer,
  choiceKey,
  currentQuestion,
  formatClock,
  initialQuizRunState,
  KIND_LABELS,
  MODE_LABELS,
  quizKeyCommand,
  quizRunReducer,
  remainingMs,
  timeOn,
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
  const perLeft =
    attempt?.perQuestionMs != null && question && open ? Math.max(0, attempt.perQuestionMs - timeOn(state, question.position, clientNow)) : null;

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
      else if (cmd.type === 'next') dispatch({ type: 'next', at });
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
        <QuestionCard
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

interface QuestionCardProps {
  question: QuizQuestionView;
  number: number;
  open: boolean;
  lapsed: boolean;
  busy: boolean;
  selected: number | null;
  draft: string;
  perQuestionLeft: number | null;
  fieldRef: React.RefObject<(HTMLInputElement & HTMLTextAreaElement) | null>;
  questionRef: React.RefObject<HTMLElement | null>;
  onSelect(choice: number): void;
  onDraft(text: string): void;
}

function QuestionCard(p: QuestionCardProps) {
  const q = p.question;
  const fb = q.feedback;
  const chosen = q.answer?.choice ?? p.selected;
  return (
    <article
      className="card-frame quiz-question"
      ref={p.questionRef}
      tabIndex={-1}
      aria-labelledby={`q-${q.position}-prompt`}
      data-position={q.position}
      data-kind={q.kind}
    >
      <div className="card-meta">
        <span className="chip">{KIND_LABELS[q.kind]}</span>
        {q.tags.slice(0, 3).map((t) => (
          <span key={t} className="chip subtle">
            {t}
          </span>
        ))}
        {p.perQuestionLeft !== null && (
          <span className={`chip quiz-question-clock ${p.perQuestionLeft < 10_000 ? 'warning' : ''}`}>
            {formatClock(p.perQuestionLeft)} for this question
          </span>
        )}
      </div>
      <div id={`q-${q.position}-prompt`} className="quiz-prompt">
        <span className="sr-only">Question {p.number}: </span>
        <CardContent text={q.prompt} format="markdown" />
      </div>

      {q.choices && (
        <div className="quiz-choices" role="group" aria-label="Choices">
          {q.choices.map((c, i) => {
            const isChosen = chosen === i;
            const mark = fb && fb.correctChoice === i ? 'correct' : fb && isChosen && fb.correct === false ? 'wrong' : '';
            return (
              <button
                key={i}
                type="button"
                data-choice={i}
                className={`quiz-choice ${isChosen ? 'chosen' : ''} ${mark}`}
                aria-pressed={isChosen}
                aria-keyshortcuts={`${choiceKey(i)} ${i + 1}`}
                disabled={!p.open || p.busy}
                onClick={() => p.onSelect(i)}
              >
                <kbd className="quiz-choice-key">{choiceKey(i)}</kbd>
                <span className="quiz-choice-text">{c}</span>
                {mark === 'correct' && <span className="quiz-choice-mark">✓ Correct answer</span>}
                {mark === 'wrong' && <span className="quiz-choice-mark">✗ Your answer</span>}
              </button>
            );
          })}
        </div>
      )}

      {q.kind === 'typed' && (
        <label className="quiz-answer-field">
          <span className="field-label">Your answer</span>
          {p.open ? (
            <input
              ref={p.fieldRef}
              type="text"
              value={p.draft}
              onChange={(e) => p.onDraft(e.target.value)}
              placeholder="Type your answer, then press Enter"
              autoComplete="off"
              spellCheck={false}
              disabled={p.busy}
            />
          ) : (
            <div className="quiz-given">{q.answer?.text ?? '—'}</div>
          )}
        </label>
      )}

      {q.kind === 'prompt' && (
        <label className="quiz-answer-field">
          <span className="field-label">Your answer</span>
          {p.open ? (
            <textarea
              ref={p.fieldRef}
              rows={7}
              value={p.draft}
              onChange={(e) => p.onDraft(e.target.value)}
              placeholder="Answer as you would in the interview. Ctrl+Enter submits."
              disabled={p.busy}
            />
          ) : (
            <div className="quiz-given prose">{q.answer?.text ?? '—'}</div>
          )}
          <span className="field-help">You grade this answer against the key points on the results screen.</span>
        </label>
      )}

      {p.lapsed && !q.answer && (
        <p className="quiz-feedback wrong" role="status">
          The time for this question ran out.
        </p>
      )}
      {q.answer && !fb && (
        <p className="quiz-feedback neutral" role="status">
          Answer saved.
        </p>
      )}
      {fb && (
        <div className={`quiz-feedback ${fb.correct === true ? 'right' : fb.correct === false ? 'wrong' : 'neutral'}`} role="status">
          <strong>{fb.correct === true ? 'Correct.' : fb.correct === false ? 'Not quite.' : 'Model answer:'}</strong>{' '}
          {fb.correct !== true && <span className="quiz-feedback-answer">{fb.correct === null ? fb.answerText : `The answer is: ${fb.answerText}`}</span>}
          {fb.explanation && <p className="quiz-explanation">{fb.explanation}</p>}
        </div>
      )}
    </article>
  );
}
