/**
 * Statistics (Anki 24.11's, for the whole collection or one deck with its subdecks): review
 * calendar and streaks, forecast, true retention, memory distributions, answer buttons, activity
 * per day and per hour, cards by state, and the calibration of the memory model. Charts come with this lazily loaded screen only.
 */
import { useId, useState } from 'react';
import { FORECAST_RANGES } from '../../../../shared/api/stats-contract';
import { useCall } from '../../api/use-call';
import { StatsBody } from './StatsBody';
import { StatsCalibration } from './StatsCalibration';
import './stats.css';

type Range = (typeof FORECAST_RANGES)[number];
const RANGE_LABELS: Record<Range, string> = { 30: '1 month', 90: '3 months', 365: '1 year' };

export function StatsScreen() {
  const [deckId, setDeckId] = useState<number | null>(null);
  const [includeQuiz, setIncludeQuiz] = useState(false);
  const [range, setRange] = useState<Range>(30);
  const decks = useCall('decks.list', {});
  const stats = useCall('stats.get', { deckId, includeQuiz, forecastDays: range });
  const deckField = useId();
  const data = stats.data;

  return (
    <main className="screen stats-screen">
      <header className="stats-head">
        <h1>Statistics</h1>
        <form className="stats-controls" onSubmit={(e) => e.preventDefault()} aria-label="What the statistics cover">
          <label htmlFor={deckField}>Deck</label>
          <select id={deckField} value={deckId ?? ''} onChange={(e) => setDeckId(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">Whole collection</option>
            {decks.data?.decks.map((d) => (
              <option key={d.id} value={d.id}>
                {'\u00a0\u00a0'.repeat(d.depth)}
                {d.name}
              </option>
            ))}
          </select>
          <label className="stats-check">
            <input type="checkbox" checked={includeQuiz} onChange={(e) => setIncludeQuiz(e.target.checked)} /> Include quiz answers
          </label>
          <fieldset className="stats-range">
            <legend>Range</legend>
            {FORECAST_RANGES.map((r) => (
              <label key={r}>
                <input type="radio" name="stats-range" value={r} checked={range === r} onChange={() => setRange(r)} /> {RANGE_LABELS[r]}
              </label>
            ))}
          </fieldset>
        </form>
      </header>
      {stats.error && (
        <div className="panel error-panel" role="alert">
          {stats.error}
        </div>
      )}
      {!data && !stats.error && <p className="muted">Loading statistics…</p>}
      {data && data.empty && (
        <section className="panel stats-empty" data-testid="stats-empty">
          <h2>No cards here yet</h2>
          <p>
            {data.deckName ? `The deck ${data.deckName} has no cards.` : 'Your collection has no cards.'} Add or import some, study a few, and
            your history, forecast and retention will show here.
          </p>
          <p>
            <a href="#/import">Import a deck</a> · <a href="#/add">Add a note</a>
          </p>
        </section>
      )}
      {data && !data.empty && (
        <StatsBody stats={data} busy={stats.loading} extra={<StatsCalibration deckId={deckId} includeQuiz={includeQuiz} />} />
      )}
    </main>
  );
}
