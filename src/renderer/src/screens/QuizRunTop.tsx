import type { QuizAttemptView } from '../../../shared/api/quiz-contract';
import { QuizTimer } from './QuizTimer';
import { MODE_LABELS } from './quiz-labels';

/** The running attempt's top bar: mode, which question, the countdown, "Submit quiz", and the answered share. */
export function QuizRunTop({
  attempt,
  current,
  left,
  busy,
  onSubmit,
}: {
  attempt: QuizAttemptView;
  current: number;
  left: number | null;
  busy: boolean;
  onSubmit: () => void;
}) {
  const total = attempt.questions.length;
  const pct = total === 0 ? 0 : Math.round((attempt.answered / total) * 100);
  return (
    <>
      <div className="quiz-top">
        <div className="quiz-top-title">
          <span className="chip">{MODE_LABELS[attempt.mode]}</span>
          <span className="quiz-progress-text" aria-live="polite">
            Question {current + 1} of {total}
          </span>
        </div>
        {left !== null && <QuizTimer remainingMs={left} />}
        <button className="btn" onClick={onSubmit} disabled={busy}>
          Submit quiz
        </button>
      </div>
      <div className="progress" role="progressbar" aria-label="Questions answered" aria-valuemin={0} aria-valuemax={total} aria-valuenow={attempt.answered}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </>
  );
}
