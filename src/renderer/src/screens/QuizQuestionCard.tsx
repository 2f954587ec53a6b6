import type { QuizQuestionView } from '../../../shared/api/quiz-contract';
import { CardContent } from '../components/CardContent';
import { DatedCaveat } from '../components/DatedCaveat';
import { choiceKey } from './quiz-keys';
import { KIND_LABELS } from './quiz-labels';
import { formatClock } from './quiz-time';

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
  /** "I was right" on practice feedback of a typed answer graded wrong. */
  onOverride(): void;
}

/** One question of a running attempt: the prompt, the choices or the answer box, and practice feedback. */
export function QuizQuestionCard(p: QuestionCardProps) {
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
          {fb.overridden && <p className="quiz-override-note">You marked this answer right; it counts as correct.</p>}
          {fb.canOverride && (
            <div className="row gap quiz-override-row">
              <button type="button" className="btn small quiz-override" onClick={p.onOverride} disabled={p.busy}>
                I was right
              </button>
              <span className="muted">Counts your answer as correct.</span>
            </div>
          )}
          {fb.explanation && <p className="quiz-explanation">{fb.explanation}</p>}
          <DatedCaveat caveat={fb.caveat} />
        </div>
      )}
    </article>
  );
}
