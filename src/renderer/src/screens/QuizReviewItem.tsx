import { useState } from 'react';
import type { QuizAttemptView, QuizQuestionView } from '../../../shared/api/quiz-contract';
import { call } from '../api/transport';
import { DatedCaveat } from '../components/DatedCaveat';
import { toggle } from './list-toggle';
import { choiceKey } from './quiz-keys';
import { formatPoints, KIND_LABELS } from './quiz-labels';
import { formatDuration } from './quiz-time';

function answerText(q: QuizQuestionView): string {
  if (!q.answer) return 'Not answered';
  if (q.answer.choice !== null) return q.choices?.[q.answer.choice] ?? '—';
  return q.answer.text?.trim() ? q.answer.text : '(empty)';
}

/** How a question went, by its points: full, part (a prompt graded in part), none, or not yet graded. */
function verdict(q: QuizQuestionView): { label: string; className: string; icon: string } {
  const fb = q.feedback;
  if (!q.answer) return { label: 'Not answered', className: 'missed', icon: '–' };
  if (!fb || fb.correct === null) return { label: 'To grade', className: 'ungraded', icon: '?' };
  if (fb.points >= 1) return { label: fb.overridden ? 'Correct (marked by you)' : 'Correct', className: 'right', icon: '✓' };
  if (fb.points > 0) return { label: `Partly right: ${formatPoints(fb.points)} of 1 point`, className: 'partial', icon: '½' };
  return { label: 'Wrong', className: 'wrong', icon: '✗' };
}

/** One question on the results screen: the answers, why, prompt grading and "I was right". */
export function QuizReviewItem({
  attempt,
  question: q,
  number,
  onChange,
  onError,
}: {
  attempt: QuizAttemptView;
  question: QuizQuestionView;
  number: number;
  onChange(a: QuizAttemptView): void;
  onError(err: unknown): void;
}) {
  const fb = q.feedback;
  const v = verdict(q);
  const [ticks, setTicks] = useState<number[]>(fb?.rubricChecked ?? []);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const gradable = q.kind === 'prompt' && q.answer !== null && fb?.rubric;

  const override = () => {
    setSaving(true);
    call('quiz.override', { attemptId: attempt.id, position: q.position })
      .then((a) => {
        setSaving(false);
        onChange(a);
      })
      .catch((err: unknown) => {
        setSaving(false);
        onError(err);
      });
  };
  // Misses and prompts still to grade start open; grading does not fold the item away.
  const [startOpen] = useState(v.className !== 'right');

  const save = () => {
    setSaving(true);
    call('quiz.grade', { attemptId: attempt.id, position: q.position, rubricChecked: ticks })
      .then((a) => {
        setSaving(false);
        setSaved(true);
        onChange(a);
      })
      .catch((err: unknown) => {
        setSaving(false);
        onError(err);
      });
  };

  return (
    <li className={`review-item ${v.className}`}>
      <details open={startOpen}>
        <summary>
          <span className={`verdict ${v.className}`} aria-hidden="true">
            {v.icon}
          </span>
          <span className="review-number">{number}.</span>
          <span className="review-prompt">{q.prompt}</span>
          <span className="sr-only">: {v.label}</span>
          <span className="review-time muted">{q.answer ? formatDuration(q.answer.durationMs) : ''}</span>
        </summary>
        <div className="review-body">
          <div className="card-meta">
            <span className="chip">{KIND_LABELS[q.kind]}</span>
            {q.tags.map((t) => (
              <span key={t} className="chip subtle">
                {t}
              </span>
            ))}
          </div>
          {q.choices && (
            <ul className="review-choices">
              {q.choices.map((c, i) => {
                const correct = fb?.correctChoice === i;
                const mine = q.answer?.choice === i;
                return (
                  <li key={i} className={`${correct ? 'correct' : ''} ${mine && !correct ? 'wrong' : ''}`}>
                    <kbd>{choiceKey(i)}</kbd> {c}
                    {correct && <span className="tag-inline ok">correct answer</span>}
                    {mine && <span className={`tag-inline ${correct ? 'ok' : 'bad'}`}>your answer</span>}
                  </li>
                );
              })}
            </ul>
          )}
          {!q.choices && (
            <dl className="answer-compare">
              <div className={q.kind === 'prompt' ? '' : v.className}>
                <dt>Your answer</dt>
                <dd className={q.answer ? 'prose' : 'muted'}>{answerText(q)}</dd>
              </div>
              <div className="correct">
                <dt>{q.kind === 'prompt' ? 'Model answer' : 'Correct answer'}</dt>
                <dd className="prose">{fb?.answerText}</dd>
              </div>
            </dl>
          )}
          {q.choices && !q.answer && <p className="muted">You did not answer this question.</p>}
          {fb?.overridden && <p className="quiz-override-note">You marked this answer right; it counts as correct and its card was not sent back to review.</p>}
          {fb?.canOverride && (
            <div className="row gap">
              <button className="btn small quiz-override" onClick={override} disabled={saving}>
                I was right
              </button>
              <span className="muted">Counts this answer as correct and takes its card out of the Again pile.</span>
            </div>
          )}
          {fb?.explanation && (
            <p className="quiz-explanation">
              <strong>Why: </strong>
              {fb.explanation}
            </p>
          )}
          <DatedCaveat caveat={fb?.caveat} />
          {gradable && (
            <fieldset className="rubric">
              <legend>Which key points did your answer cover?</legend>
              {fb.rubric?.map((point, i) => (
                <label key={i} className="field check">
                  <input
                    type="checkbox"
                    checked={ticks.includes(i)}
                    onChange={() => {
                      setSaved(false);
                      setTicks((t) => toggle(t, i));
                    }}
                  />
                  <span>{point}</span>
                </label>
              ))}
              <div className="row gap">
                <button className="btn primary small" onClick={save} disabled={saving}>
                  Save grading
                </button>
                <span className="muted" role="status">
                  {saved
                    ? `Saved: ${formatPoints(fb.points)} of 1 point${fb.points < 0.5 ? ', counted as answered wrongly' : ''}.`
                    : `${ticks.length} of ${fb.rubric?.length ?? 0} ticked`}
                </span>
              </div>
            </fieldset>
          )}
          {q.kind === 'prompt' && !q.answer && fb?.rubric && (
            <div className="rubric">
              <p className="muted">Key points a good answer covers:</p>
              <ul>
                {fb.rubric.map((point, i) => (
                  <li key={i}>{point}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </details>
    </li>
  );
}
