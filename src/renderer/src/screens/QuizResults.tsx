import { useState } from 'react';
import type { QuizAttemptView } from '../../../shared/api/quiz-contract';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';
import { navigate } from '../router';
import { QuizReviewItem } from './QuizReviewItem';
import { formatPoints, MODE_LABELS, percent, STATUS_LABELS } from './quiz-labels';
import { formatDuration } from './quiz-time';

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
    setError(errorMessage(err));
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
              <dt>Points</dt>
              <dd data-testid="quiz-points">
                {formatPoints(result.points)} / {result.total}
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
              <dt>Wrong</dt>
              <dd>{result.wrong}</dd>
            </div>
            <div>
              <dt>Not answered</dt>
              <dd>{result.total - result.answered}</dd>
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
                  {percent(t.score)} <span className="muted">({formatPoints(t.points)}/{t.total})</span>
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
            <QuizReviewItem key={q.position} attempt={attempt} question={q} number={i + 1} onChange={onChange} onError={fail} />
          ))}
        </ol>
      </section>
      <p className="hint muted">
        Seed {attempt.seed}: start a quiz with this seed and the same setup to get the same questions again.
      </p>
    </main>
  );
}
