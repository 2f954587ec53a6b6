import type { QuizAttemptView } from '../../../shared/api/quiz-contract';

/** One button per question, marked answered, open or run out of time; a click goes to it. */
export function QuizDots({
  attempt,
  current,
  lapsed,
  onGoto,
}: {
  attempt: QuizAttemptView;
  current: number;
  lapsed: readonly number[];
  onGoto: (index: number) => void;
}) {
  return (
    <nav className="quiz-dots" aria-label="Questions">
      {attempt.questions.map((q, i) => {
        const status = q.answer ? 'answered' : lapsed.includes(q.position) ? 'lapsed' : 'open';
        return (
          <button
            key={q.position}
            className={`quiz-dot ${status} ${i === current ? 'current' : ''}`}
            aria-current={i === current ? 'step' : undefined}
            aria-label={`Question ${i + 1}, ${status === 'open' ? 'not answered' : status === 'lapsed' ? 'time ran out' : 'answered'}`}
            onClick={() => onGoto(i)}
          >
            {i + 1}
          </button>
        );
      })}
    </nav>
  );
}
