/**
 * An FSRS fit in a worker thread, so the app keeps answering meanwhile: fsrs-rs (through
 * @open-spaced-repetition/binding) evaluates the current parameters on the history, fits new ones
 * (`computeParameters`) and evaluates them on the same history (log loss and RMSE over bins,
 * fsrs-rs's own `evaluate`). The thread's code is a few lines of plain JavaScript given to the
 * Worker as text, so it needs no build step; it loads the binding the app resolves. The current
 * parameters are evaluated while fsrs-rs trains on its own threads. Cancelling
 * asks fsrs-rs to stop at its next progress report (its progress callback answers false); a
 * thread that does not stop soon after is terminated.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { TrainingHistory } from '../core/fsrs-training';

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
// Loaded while the caller still reads the history.
const b = require(workerData.binding);
let cancelled = false;
const post = (m) => parentPort.postMessage(m);
parentPort.on('message', (m) => {
  if (m && m.type === 'cancel') cancelled = true;
  else if (m && m.type === 'run') fit(m).catch((err) => post({ type: 'error', message: err && err.message ? err.message : String(err) }));
});
async function fit(job) {
  const { cardStarts, ratings, deltas } = job.history;
  const items = [];
  for (let c = 0; c + 1 < cardStarts.length; c++) {
    const reviews = [];
    for (let i = cardStarts[c]; i < cardStarts[c + 1]; i++) {
      reviews.push(new b.FSRSBindingReview(ratings[i], deltas[i]));
      if (reviews.length > 1 && deltas[i] > 0) items.push(new b.FSRSBindingItem(reviews.slice()));
    }
  }
  if (cancelled) return post({ type: 'cancelled' });
  // fsrs-rs trains on its own threads; the current parameters are evaluated here meanwhile.
  const fit = b.computeParameters(items, {
    enableShortTerm: true,
    numRelearningSteps: job.numRelearningSteps,
    timeout: job.progressMs,
    progress: (done, total) => {
      if (!cancelled) post({ type: 'phase', phase: 'fitting', done, total });
      return !cancelled;
    },
  });
  fit.catch(() => undefined);
  const current = new b.FSRSBinding(job.current).evaluate(items);
  let weights;
  try {
    weights = await fit;
  } catch (err) {
    if (cancelled) return post({ type: 'cancelled' });
    throw err;
  }
  if (cancelled) return post({ type: 'cancelled' });
  post({ type: 'phase', phase: 'evaluating', done: 1, total: 1 });
  const fitted = new b.FSRSBinding(weights).evaluate(items);
  post({ type: 'done', items: items.length, current, fitted: { weights, logLoss: fitted.logLoss, rmseBins: fitted.rmseBins } });
}
`;

/** How often fsrs-rs reports its progress (and so how soon it hears a cancel), in ms. */
export const FIT_PROGRESS_MS = 50;
/** How long a cancelled thread may take to stop before it is terminated. */
const CANCEL_GRACE_MS = 3000;

export interface FitMetrics {
  logLoss: number;
  rmseBins: number;
}

export type OptimizerOutcome =
  | { kind: 'done'; items: number; current: FitMetrics; fitted: FitMetrics & { weights: number[] } }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

export interface OptimizerPhase {
  phase: 'evaluating' | 'fitting';
  done: number;
  total: number;
}

export interface RunningFit {
  outcome: Promise<OptimizerOutcome>;
  cancel(): void;
}

export interface FitInput {
  history: TrainingHistory;
  /** The parameters in force now, evaluated on the same history. */
  current: readonly number[];
  /** Relearning steps within a day (fsrs-rs fits the short-term parameters for them). */
  numRelearningSteps: number;
  onPhase(p: OptimizerPhase): void;
}

/** The binding's entry point; throws, saying so, where it is not installed. */
function fsrsBindingPath(): string {
  try {
    return createRequire(import.meta.url).resolve('@open-spaced-repetition/binding');
  } catch (err) {
    throw new Error(`fsrs-rs (@open-spaced-repetition/binding) is not installed: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
}

/** A fit's thread, started before its history is read so that its start-up overlaps the reading. */
export interface FitWorker {
  /** Fit the history; the thread ends when the fit does. */
  run(input: FitInput): RunningFit;
  /** End the thread unused (too little history). */
  stop(): void;
}

export function startFitWorker(): FitWorker {
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { binding: fsrsBindingPath() } });
  // A fit never keeps the process alive on its own (the app closing ends it).
  worker.unref();
  let onPhase: (p: OptimizerPhase) => void = () => undefined;
  let settle: (o: OptimizerOutcome) => void = () => undefined;
  const outcome = new Promise<OptimizerOutcome>((resolve) => {
    let settled = false;
    settle = (o) => {
      if (settled) return;
      settled = true;
      resolve(o);
      void worker.terminate();
    };
  });
  worker.on('message', (m: { type: string } & Record<string, unknown>) => {
    if (m.type === 'phase') onPhase(m as unknown as OptimizerPhase);
    else if (m.type === 'done') settle({ kind: 'done', ...(m as unknown as Omit<Extract<OptimizerOutcome, { kind: 'done' }>, 'kind'>) });
    else if (m.type === 'cancelled') settle({ kind: 'cancelled' });
    else if (m.type === 'error') settle({ kind: 'error', message: String(m.message) });
  });
  worker.once('error', (err) => settle({ kind: 'error', message: err.message }));
  worker.once('exit', (code) => settle({ kind: 'error', message: `the fit stopped (exit code ${code})` }));
  let cancelling = false;
  const running: RunningFit = {
    outcome,
    cancel() {
      if (cancelling) return;
      cancelling = true;
      worker.postMessage({ type: 'cancel' });
      setTimeout(() => settle({ kind: 'cancelled' }), CANCEL_GRACE_MS).unref();
    },
  };
  return {
    run(input) {
      onPhase = input.onPhase;
      const { cardStarts, ratings, deltas } = input.history;
      worker.postMessage(
        {
          type: 'run',
          history: { cardStarts, ratings, deltas },
          current: [...input.current],
          numRelearningSteps: input.numRelearningSteps,
          progressMs: FIT_PROGRESS_MS,
        },
        [cardStarts.buffer as ArrayBuffer, ratings.buffer as ArrayBuffer, deltas.buffer as ArrayBuffer],
      );
      return running;
    },
    stop() {
      settle({ kind: 'cancelled' });
    },
  };
}
