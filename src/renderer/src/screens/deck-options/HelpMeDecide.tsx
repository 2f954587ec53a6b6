/**
 * "Help me decide": the workload simulator (`simulate.run`) for the deck (or the whole collection),
 * comparing desired retentions by minutes per day and cards remembered, with the best knowledge per
 * minute marked; "Use" puts the chosen retention into the form (saved with the other options).
 * The charts load only when a comparison is shown.
 */
import { lazy, Suspense, useId, useState } from 'react';
import { SIMULATE_LIMITS, type Simulation } from '../../../../shared/api/plan-contract';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';
import './help-me-decide.css';

const SimulationCharts = lazy(() => import('../plan/SimulationCharts').then((m) => ({ default: m.SimulationCharts })));

const BASE_RETENTIONS = [0.75, 0.8, 0.85, 0.9, 0.95];
const DAY_CHOICES = [30, 90, 180, 365] as const;

/** The retentions compared: the usual range plus the one in the form, if it is a valid other value. */
function retentionsFor(current: number): number[] {
  const list = [...BASE_RETENTIONS];
  const r = Math.round(current * 100) / 100;
  if (r >= 0.7 && r <= 0.99 && !list.includes(r)) list.push(r);
  return list.sort((a, b) => a - b).slice(0, SIMULATE_LIMITS.maxRetentions);
}

const pct = (r: number) => `${Math.round(r * 100)}%`;
const num = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function HelpMeDecide({ deckId, current, onApply }: { deckId: number | null; current: string; onApply: (retention: number) => void }) {
  const [days, setDays] = useState<number>(90);
  const [sim, setSim] = useState<Simulation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<number | null>(null);
  const daysField = useId();
  const formRetention = Number(current);

  const run = () => {
    setBusy(true);
    setError(null);
    setApplied(null);
    call('simulate.run', { deckId, days, retentions: retentionsFor(Number.isFinite(formRetention) ? formRetention : 0.9), seed: 1 })
      .then(setSim)
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  const apply = (r: number) => {
    onApply(r);
    setApplied(r);
  };

  return (
    <section className="panel options-group help-decide" aria-labelledby={`${daysField}-title`} aria-busy={busy} data-testid="help-me-decide">
      <h2 id={`${daysField}-title`} className="help-decide-title">
        Help me decide
      </h2>
      <p className="muted">
        Simulates your {deckId === null ? 'collection' : 'deck and its subdecks'} day by day with FSRS to compare desired retentions: the minutes of study they ask
        for and how many cards you would remember at the end.
      </p>
      <div className="help-decide-controls">
        <label htmlFor={daysField}>Days ahead</label>
        <select id={daysField} value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {DAY_CHOICES.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={run} disabled={busy}>
          {busy ? 'Simulating…' : sim ? 'Simulate again' : 'Compare retentions'}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          The simulation could not run: {error}
        </p>
      )}
      {sim && <SimulationTable sim={sim} formRetention={formRetention} applied={applied} onApply={apply} />}
      {applied !== null && (
        <p role="status" className="text-ok">
          Desired retention set to {applied.toFixed(2)}: save options to keep it.
        </p>
      )}
      {sim && (
        <Suspense fallback={<p className="muted">Loading charts…</p>}>
          <SimulationCharts sim={sim} />
        </Suspense>
      )}
    </section>
  );
}

function SimulationTable({ sim, formRetention, applied, onApply }: { sim: Simulation; formRetention: number; applied: number | null; onApply: (r: number) => void }) {
  const times = sim.timesFromHistory ? 'your median answer times' : 'default answer times (no history yet)';
  return (
    <div className="help-decide-table" role="region" aria-label="Desired retentions compared" tabIndex={0}>
      <table>
        <caption>
          {sim.cards.toLocaleString('en-US')} cards over {sim.days} days, with {times}: {Math.round(sim.secondsPerReview)} s a review, {Math.round(sim.secondsPerNewCard)} s a new
          card. Best value: {pct(sim.bestRetention)}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Desired retention</th>
            <th scope="col">Minutes a day</th>
            <th scope="col">Reviews</th>
            <th scope="col">Remembered at the end</th>
            <th scope="col">Remembered per minute</th>
            <th scope="col">
              <span className="sr-only">Apply</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sim.rows.map((r) => {
            const best = r.desiredRetention === sim.bestRetention;
            const inForm = Math.abs(r.desiredRetention - formRetention) < 0.005;
            return (
              <tr key={r.desiredRetention} className={best ? 'best' : undefined} data-retention={r.desiredRetention}>
                <th scope="row">
                  {pct(r.desiredRetention)}
                  {best && <span className="chip help-decide-best">Best value</span>}
                  {inForm && <span className="chip subtle">{applied === null ? 'Current' : 'Chosen'}</span>}
                </th>
                <td>{num(r.minutesPerDay, 1)}</td>
                <td>{num(r.reviews)}</td>
                <td>{num(r.knowledge)}</td>
                <td>{num(r.knowledgePerMinute, 2)}</td>
                <td>
                  <button type="button" className="btn small" disabled={inForm} onClick={() => onApply(r.desiredRetention)} aria-label={`Use ${pct(r.desiredRetention)} desired retention`}>
                    Use
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
