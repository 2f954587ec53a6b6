/** Below the question: previous, the main action (submit the answer, next question, or finish), and skip. */
export function QuizActions({
  current,
  total,
  open,
  allAnswered,
  busy,
  canSubmitAnswer,
  promptKind,
  onPrev,
  onNext,
  onSubmitAnswer,
  onFinish,
}: {
  current: number;
  total: number;
  open: boolean;
  allAnswered: boolean;
  busy: boolean;
  canSubmitAnswer: boolean;
  /** An interview prompt: its long answer is submitted with Ctrl+Enter. */
  promptKind: boolean;
  onPrev: () => void;
  onNext: () => void;
  onSubmitAnswer: () => void;
  onFinish: () => void;
}) {
  return (
    <div className="quiz-actions">
      <button className="btn ghost" onClick={onPrev} disabled={current === 0} aria-keyshortcuts="P">
        ← Previous
      </button>
      <div className="quiz-actions-main">
        {open ? (
          <button className="btn primary wide" onClick={onSubmitAnswer} disabled={busy || !canSubmitAnswer} aria-keyshortcuts="Enter">
            Submit answer <kbd>{promptKind ? 'Ctrl+Enter' : 'Enter'}</kbd>
          </button>
        ) : allAnswered ? (
          <button className="btn primary wide" onClick={onFinish} disabled={busy}>
            Finish and see results
          </button>
        ) : (
          <button className="btn primary wide" onClick={onNext} aria-keyshortcuts="N">
            Next question <kbd>N</kbd>
          </button>
        )}
      </div>
      <button className={`btn ghost ${open ? '' : 'hidden'}`} onClick={onNext} disabled={!open || current >= total - 1} aria-keyshortcuts="N">
        Skip →
      </button>
    </div>
  );
}
