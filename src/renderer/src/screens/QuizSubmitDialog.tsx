import { formatClock } from './quiz-time';

/** "Submit the quiz?" when questions are still open: how many, and the time left. */
export function QuizSubmitDialog({
  unanswered,
  total,
  left,
  busy,
  onCancel,
  onSubmit,
}: {
  unanswered: number;
  total: number;
  left: number | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: () => void;
}) {
  return (
    <div className="quiz-dialog-backdrop">
      <div className="panel quiz-dialog" role="alertdialog" aria-modal="true" aria-labelledby="submit-title" aria-describedby="submit-desc">
        <h2 id="submit-title">Submit the quiz?</h2>
        <p id="submit-desc">
          {unanswered} of {total} questions are not answered. They count as missed.
          {left !== null && ` ${formatClock(left)} left.`}
        </p>
        <div className="row gap">
          <button className="btn" onClick={onCancel} autoFocus>
            Keep answering
          </button>
          <button className="btn primary" onClick={onSubmit} disabled={busy}>
            Submit quiz
          </button>
        </div>
      </div>
    </div>
  );
}
