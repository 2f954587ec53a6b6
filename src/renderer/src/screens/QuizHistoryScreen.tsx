import { lazy, Suspense, useMemo, useState } from 'react';
import { useCall } from '../api/use-call';
import { toggle } from './list-toggle';
import { formatPoints, MODE_LABELS, percent, STATUS_LABELS } from './quiz-labels';
import { formatDuration } from './quiz-time';
import { OVERALL, trendRows, trendTopics } from './quiz-trend';

// The chart library is loaded only when a trend is shown, so the review screen's bundle does not carry it.
const QuizTrendChart = lazy(() => import('./QuizTrendChart').then((m) => ({ default: m.QuizTrendChart })));

/** Topics drawn at first: the ones asked most often. */
const FIRST_TOPICS = 3;

/** `#/history`: every attempt, and the score trend per topic (chart plus the same numbers as a table). */
export function QuizHistoryScreen() {
  const { data, error } = useCall('quiz.history', {});
  const attempts = data?.attempts ?? null;
  const [chosen, setChosen] = useState<string[] | null>(null);

  const topics = useMemo(() => (attempts ? trendTopics(attempts) : []), [attempts]);
  const shown = chosen ?? topics.slice(0, FIRST_TOPICS);
  const rows = useMemo(() => (attempts ? trendRows(attempts, shown) : []), [attempts, shown]);

  if (error) {
    return (
      <main className="screen">
        <div className="banner error" role="alert">
          {error}
        </div>
      </main>
    );
  }
  if (!attempts) return <main className="screen muted">Loading history…</main>;

  return (
    <main className="screen quiz-history">
      <header className="page-head">
        <div>
          <h1>Quiz history</h1>
          <p className="muted">
            {attempts.length === 0 ? 'No quizzes yet.' : `${attempts.length} ${attempts.length === 1 ? 'attempt' : 'attempts'}, newest first.`}
          </p>
        </div>
        <a className="btn primary" href="#/quiz">
          New quiz
        </a>
      </header>

      {attempts.length === 0 ? (
        <div className="panel empty">
          <h2>Nothing here yet</h2>
          <p>
            Finished quizzes appear here with their scores. <a href="#/quiz">Set up a quiz</a>.
          </p>
        </div>
      ) : (
        <>
          <section className="panel trend" aria-labelledby="trend-title">
            <div className="trend-head">
              <h2 id="trend-title">Score trend by topic</h2>
              <span className="muted">Percent per finished attempt, oldest to newest</span>
            </div>
            {rows.length < 2 ? (
              <p className="muted">The trend appears after two finished quizzes.</p>
            ) : (
              <Suspense fallback={<p className="muted">Loading chart…</p>}>
                <QuizTrendChart rows={rows} topics={shown} />
              </Suspense>
            )}
            {topics.length > 0 && (
              <div className="tag-picks" role="group" aria-label="Topics in the trend">
                {topics.map((t) => {
                  const on = shown.includes(t);
                  return (
                    <button key={t} type="button" className={`tag-pick ${on ? 'on' : ''}`} aria-pressed={on} onClick={() => setChosen(toggle(shown, t))}>
                      {t}
                    </button>
                  );
                })}
              </div>
            )}
            <details className="trend-table">
              <summary>Trend as a table</summary>
              <div className="table-scroll">
                <table className="deck-table">
                  <caption className="sr-only">Score in percent per attempt, for the overall score and each chosen topic</caption>
                  <thead>
                    <tr>
                      <th scope="col">Attempt</th>
                      <th scope="col" className="num">
                        {OVERALL}
                      </th>
                      {shown.map((t) => (
                        <th key={t} scope="col" className="num">
                          {t}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.label}</th>
                        {[OVERALL, ...shown].map((t) => (
                          <td key={t} className="num">
                            {r[t] === null || r[t] === undefined ? '—' : `${r[t]}%`}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </section>

          <table className="deck-table history-table">
            <caption className="sr-only">Quiz attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Mode</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col" className="num">
                  Time
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a className="deck-link" href={`#/quiz/${a.id}`}>
                      {new Date(a.startedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}
                    </a>
                    <span className="muted"> #{a.id}</span>
                    {a.retakeOf !== null && <span className="chip subtle history-retake">retake of #{a.retakeOf}</span>}
                  </td>
                  <td>{MODE_LABELS[a.mode]}</td>
                  <td className="num">{a.score === null ? '—' : <strong className={scoreClass(a.score)}>{percent(a.score)}</strong>}</td>
                  <td className="num">
                    {a.score === null ? a.total : `${formatPoints(a.points)} / ${a.total}`}
                  </td>
                  <td className="num">{a.timeUsedMs === null ? '—' : formatDuration(a.timeUsedMs)}</td>
                  <td>
                    <span className={`status-pill ${a.status}`}>{STATUS_LABELS[a.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}

function scoreClass(score: number): string {
  return score >= 0.8 ? 'score-high' : score >= 0.5 ? 'score-mid' : 'score-low';
}
