import type { Output } from '../../../shared/api/contract';
import { navigate } from '../router';
import { MODE_LABELS } from './quiz-labels';
import { formatClock } from './quiz-time';

type Running = NonNullable<Output<'quiz.options'>['running']>;

/** A quiz is in progress: how far it got and the time left, with "Resume quiz" and "End it now". */
export function QuizResumeBanner({ running, now, busy, onEnd }: { running: Running; now: number; busy: boolean; onEnd: (id: number) => void }) {
  return (
    <section className="resume-banner" aria-labelledby="resume-title">
      <div>
        <h2 id="resume-title">A quiz is in progress</h2>
        <p>
          {MODE_LABELS[running.mode]} · {running.answered} of {running.total} answered
          {running.deadlineAt !== null && ` · about ${formatClock(running.deadlineAt - now)} left`}
        </p>
      </div>
      <div className="row gap">
        <button className="btn primary" onClick={() => navigate(`/quiz/${running.id}`)} autoFocus>
          Resume quiz
        </button>
        <button className="btn ghost" onClick={() => onEnd(running.id)} disabled={busy}>
          End it now
        </button>
      </div>
    </section>
  );
}
