import { useState } from 'react';
import type { QuizAttemptView, QuizQuestionView } from '../../../shared/api/quiz-contract';
import { ApiCallError, call } from '../api/transport';
import { navigate } from '../router';
import { choiceKey, formatDuration, KIND_LABELS, MODE_LABELS, percent, STATUS_LABELS, toggle } from './quiz-state';

function ScoreRing({ score }: { score: number }) {
  const r = 52;
  const circumference = 2 * Math.PI * r;
  const level = score >= 0.8 ? 'high' : score >= 0.5 ? 'mid' : 'low';
  return (
    <div className={`score-ring ${level}`} role="img" aria-label={`Score ${percent(score)}`}>
      <svg viewBox="0 0 120 120" aria-hidden="true">
        <circle className="score-ring-track" cx="60" cy="60" r={r} />
        <circle
          className="score-ring-fill"
          cx="60"
          cy="60"
          r={r}
          strokeDasharray={`${circumference * score} ${circumference}`}
          transform="rotate(-90 60 60)"
        />
      </svg>
      <span className="score-ring-value" data-testid="quiz-score">
        {percent(score)}
      </span>
    </div>
  );
}

function answerText(q: QuizQuestionView): string {
  if (!q.answer) return 'Not answered';
  if (q.answer.choice !== null) return q.choices?.[q.answer.choice] ?? '—';
  return q.answer.text?.trim() ? q.answer.text : '(empty)';
}

function verdict(q: QuizQuestionView): { label: string; className: string; icon: string } {
  const c = q.feedback?.correct;
  if (!q.answer) return { label: 'Not answered', className: 'missed', icon: '–' };
  if (c === true) return { label: 'Correct', className: 'right', icon: '✓' };
  if (c === false) return { label: 'Wrong', className: 'wrong', icon: '✗' };
  return { label: 'To grade', className: 'ungraded', icon: '?' };
}

/** The results of a finished attempt: score, time, topics, every question, prompt grading, retake. */
export function QuizResults({
  attempt,
  notice,
  onChange,
}: {
  attempt: QuizAttemptView;
  notice: string | null;
  onChange(a: QuizAttemptView): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const result = attempt.result;
  if (!result) return null;
  const fail = (err: unknown) => {
    setBusy(false);
    setError(err instanceof ApiCallError ? err.message : String(err));
  };

  const retake = () => {
    setBusy(true);
    call('quiz.retakeMissed', { attemptId: attempt.id })
      .then((v) => navigate(`/quiz/${v.id}`))
      .catch(fail);
  };

  const perQuestion = result.answered > 0 ? result.answerTimeMs / result.answered : 0;

  return (
    <main className="screen quiz-results">
      <header className="panel results-head">
        <ScoreRing score={result.score} />
        <div className="results-summary">
          <h1>Quiz results</h1>
          <p className="muted">
            {MODE_LABELS[attempt.mode]} · {STATUS_LABELS[attempt.status]} · {new Date(attempt.startedAt).toLocaleString()}
            {attempt.retakeOf !== null && ` · retake of #${attempt.retakeOf}`}
          </p>
          <dl className="stat-grid">
            <div>
              <dt>Correct</dt>
              <dd>
                {result.correct} / {result.total}
              </dd>
            </div>
            <div>
              <dt>Time used</dt>
              <dd>{formatDuration(result.timeUsedMs)}</dd>
            </div>
            <div>
              <dt>Per question</dt>
              <dd>{result.answered > 0 ? formatDuration(perQuestion) : '—'}</dd>
            </div>
            <div>
              <dt>Missed</dt>
              <dd>{result.missed}</dd>
            </div>
          </dl>
        </div>
      </header>

      {notice && (
        <div className="banner info" role="status">
          {notice}
        </div>
      )}
      {attempt.status === 'timedOut' && (
        <div className="banner info" role="status">
          The time ran out, so the quiz was submitted automatically with the answers given by then.
        </div>
      )}
      {result.ungraded > 0 && (
        <div className="banner info" role="status">
          {result.ungraded === 1 ? 'One interview answer waits' : `${result.ungraded} interview answers wait`} for grading: tick the key
          points each answer covered, then save.
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}

      <div className="results-actions row gap">
        <button className="btn primary" onClick={retake} disabled={busy || result.missed === 0}>
          Retake missed questions{result.missed > 0 && ` (${result.missed})`}
        </button>
        <button className="btn" onClick={() => navigate('/quiz')}>
          Back to quiz setup
        </button>
        <a className="btn ghost" href="#/history">
          History
        </a>
      </div>

      <section className="panel results-topics" aria-labelledby="topics-title">
        <h2 id="topics-title">By topic</h2>
        {result.byTopic.length === 0 ? (
          <p className="muted">These questions had no topic tags.</p>
        ) : (
          <ul className="topic-bars">
            {result.byTopic.map((t) => (
              <li key={t.tag} className="topic-bar">
                <span className="topic-name">{t.tag}</span>
                <span className="topic-track" aria-hidden="true">
                  <span className={`topic-fill ${t.score >= 0.8 ? 'high' : t.score >= 0.5 ? 'mid' : 'low'}`} style={{ width: `${Math.max(2, t.score * 100)}%` }} />
                </span>
                <span className="topic-score">
                  {percent(t.score)} <span className="muted">({t.correct}/{t.total})</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="questions-title">
        <h2 id="questions-title" className="section-title">
          Questions
        </h2>
        <ol className="review-list">
          {attempt.questions.map((q, i) => (
            <ReviewItem key={q.position} attempt={attempt} question={q} number={i + 1} onChange={onChange} onError={fail} />
          ))}
        </ol>
      </section>
      <p className="hint muted">
        Seed {attempt.seed}: start a quiz with this seed and the same setup to get the same questions again.
      </p>
    </main>
  );
}

function ReviewItem({
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
          {fb?.explanation && (
            <p className="quiz-explanation">
              <strong>Why: </strong>
              {fb.explanation}
            </p>
          )}
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
                  {saved ? `Saved: ${percent(fb.points)}${fb.correct === false ? ', counted as missed' : ''}.` : `${ticks.length} of ${fb.rubric?.length ?? 0} ticked`}
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
