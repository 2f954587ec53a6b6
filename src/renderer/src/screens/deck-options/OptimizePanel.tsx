/**
 * "Optimize" in a preset's options: fits FSRS parameters to the review history of the decks that
 * use the preset (in the main process, off its main thread), with a progress bar and Cancel; shows
 * log loss and RMSE of the current and the fitted parameters on the same history; applies the
 * fitted ones only when they are better and the user confirms.
 */
import { useEffect, useRef, useState } from 'react';
import type { FsrsOptimizeResult, FsrsProgress } from '../../../../shared/api/fsrs-contract';
import { errorMessage } from '../../api/error-message';
import { call, onEvent } from '../../api/transport';
import './optimize-panel.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; jobId: string; progress: FsrsProgress | null; cancelling: boolean }
  | { kind: 'result'; result: FsrsOptimizeResult; confirming: boolean }
  | { kind: 'applied'; reviews: number }
  | { kind: 'error'; message: string };

const newJobId = (): string => `fit-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const loss = (x: number): string => x.toFixed(4);
const percent = (x: number): string => `${(x * 100).toFixed(2)}%`;

function progressText(p: FsrsProgress | null): string {
  if (!p || p.state === 'reading' || p.state === 'unknown') return 'Reading the review history…';
  const reviews = `${p.reviews.toLocaleString()} reviews`;
  if (p.state === 'fitting') return `Fitting the parameters to ${reviews}…`;
  if (p.state === 'evaluating') return `Measuring how well the parameters predict ${reviews}…`;
  return 'Finishing…';
}

export function OptimizePanel({ presetId, presetName, onApplied }: { presetId: number; presetName: string; onApplied: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [includeQuiz, setIncludeQuiz] = useState(false);
  const jobRef = useRef<string | null>(null);

  useEffect(
    () =>
      onEvent((event) => {
        if (event.type !== 'fsrs.progress' || event.progress.jobId !== jobRef.current) return;
        const progress = event.progress;
        setPhase((p) => (p.kind === 'running' && p.jobId === progress.jobId ? { ...p, progress } : p));
      }),
    [],
  );
  // Another preset chosen: what was shown was about the previous one.
  useEffect(() => setPhase({ kind: 'idle' }), [presetId]);

  const start = () => {
    const jobId = newJobId();
    jobRef.current = jobId;
    setPhase({ kind: 'running', jobId, progress: null, cancelling: false });
    call('fsrs.optimize', { presetId, includeQuiz, jobId })
      .then((result) => {
        if (jobRef.current === jobId) setPhase({ kind: 'result', result, confirming: false });
      })
      .catch((err: unknown) => {
        if (jobRef.current === jobId) setPhase({ kind: 'error', message: errorMessage(err) });
      });
  };

  const cancel = (jobId: string) => {
    setPhase((p) => (p.kind === 'running' ? { ...p, cancelling: true } : p));
    void call('fsrs.cancel', { jobId }).catch(() => undefined);
  };

  const apply = (result: Extract<FsrsOptimizeResult, { status: 'done' }>) => {
    call('fsrs.apply', { jobId: result.jobId })
      .then(() => {
        setPhase({ kind: 'applied', reviews: result.reviews });
        onApplied();
      })
      .catch((err: unknown) => setPhase({ kind: 'error', message: `Nothing was changed: ${errorMessage(err)}` }));
  };

  const running = phase.kind === 'running';
  const pct = running ? Math.round(phase.progress?.percent ?? 0) : 0;
  return (
    <section className="panel options-group optimize-panel" aria-labelledby="optimize-title">
      <h2 id="optimize-title" className="optimize-title">
        Fit FSRS to your answers
      </h2>
      <p className="muted">
        Computes memory-model parameters from your review history in the decks using “{presetName}”, and compares them with the
        current ones on that same history. Nothing changes until you apply the result.
      </p>
      <div className="optimize-actions">
        <label className="field check">
          <input type="checkbox" checked={includeQuiz} disabled={running} onChange={(e) => setIncludeQuiz(e.target.checked)} />
          <span>Include quiz answers</span>
        </label>
        {running ? (
          <button type="button" className="btn" onClick={() => cancel(phase.jobId)} disabled={phase.cancelling}>
            {phase.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="btn primary" onClick={start}>
            Optimize
          </button>
        )}
      </div>

      {running && (
        <div className="optimize-progress" role="status" aria-live="polite">
          <span>
            {progressText(phase.progress)} {pct}%
          </span>
          <div className="progress" role="progressbar" aria-label="Optimization progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <div className="progress-fill" style={{ width: `${Math.max(2, pct)}%` }} />
          </div>
        </div>
      )}

      {phase.kind === 'error' && (
        <p role="alert" className="text-error">
          {phase.message}
        </p>
      )}
      {phase.kind === 'applied' && (
        <p role="status" className="text-ok">
          Applied: “{presetName}” now schedules with the parameters fitted to your {phase.reviews.toLocaleString()} reviews.
        </p>
      )}
      {phase.kind === 'result' && phase.result.status === 'cancelled' && <p role="status">Cancelled. The parameters are unchanged.</p>}
      {phase.kind === 'result' && phase.result.status === 'too_little_history' && (
        <p role="status">
          Only {phase.result.reviews.toLocaleString()} of your reviews can be used for a fit (a review counts when it follows an earlier one of
          the same card on another day). FSRS needs at least {phase.result.minimum}, so {phase.result.needed.toLocaleString()} more are
          needed. The parameters are unchanged.
        </p>
      )}
      {phase.kind === 'result' && phase.result.status === 'done' && (
        <FitComparison
          result={phase.result}
          confirming={phase.confirming}
          onAsk={(confirming) => setPhase({ ...phase, confirming })}
          onApply={apply}
        />
      )}
    </section>
  );
}

function FitComparison({
  result,
  confirming,
  onAsk,
  onApply,
}: {
  result: Extract<FsrsOptimizeResult, { status: 'done' }>;
  confirming: boolean;
  onAsk: (confirming: boolean) => void;
  onApply: (r: Extract<FsrsOptimizeResult, { status: 'done' }>) => void;
}) {
  return (
    <div className="optimize-result" role="status">
      <table className="optimize-table">
        <caption>
          Prediction error on {result.reviews.toLocaleString()} reviews of {result.cards.toLocaleString()} cards
          {result.includeQuiz ? ', quiz answers included' : ''} (lower is better)
        </caption>
        <thead>
          <tr>
            <th scope="col">Parameters</th>
            <th scope="col">Log loss</th>
            <th scope="col">RMSE (bins)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Current</th>
            <td>{loss(result.current.logLoss)}</td>
            <td>{percent(result.current.rmseBins)}</td>
          </tr>
          <tr>
            <th scope="row">Fitted</th>
            <td>{loss(result.fitted.logLoss)}</td>
            <td>{percent(result.fitted.rmseBins)}</td>
          </tr>
        </tbody>
      </table>
      <details>
        <summary>The fitted parameters</summary>
        <p className="optimize-weights">{result.fitted.weights.map((w) => w.toFixed(4)).join(', ')}</p>
      </details>
      {!result.better ? (
        <p>The current parameters predict your history as well or better, so there is nothing to apply.</p>
      ) : confirming ? (
        <div className="optimize-confirm">
          <span>Replace this preset’s parameters with the fitted ones? Future intervals of its cards follow them.</span>
          <button type="button" className="btn primary" onClick={() => onApply(result)}>
            Yes, apply
          </button>
          <button type="button" className="btn" onClick={() => onAsk(false)}>
            Keep current
          </button>
        </div>
      ) : (
        <div className="optimize-confirm">
          <span>The fitted parameters predict your history better.</span>
          <button type="button" className="btn primary" onClick={() => onAsk(true)}>
            Apply fitted parameters…
          </button>
        </div>
      )}
    </div>
  );
}
