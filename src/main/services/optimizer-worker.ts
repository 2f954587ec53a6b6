/**
 * The thread an FSRS fit runs in, so the app keeps answering meanwhile: fsrs-rs (through
 * @open-spaced-repetition/binding) fits parameters (`computeParameters`) to the items the thread
 * builds from the packed history. The history arrives in pieces while the caller still reads the
 * log, and the thread builds each piece's items as it comes: one FSRSBindingReview per distinct
 * answer, shared by every item that holds it, and one FSRSBindingItem per distinct run of answers,
 * listed once for every card that began with that run (fsrs-rs copies each item it is given, so it
 * fits exactly what one item per training review would give it, and building items through
 * Node-API is most of the thread's work). The thread's code is a few lines of plain
 * JavaScript given to the Worker as text, so it needs no build step; it loads the binding the app
 * resolves. A thread that finished a fit is kept a little while for the next one (another preset)
 * and then ends. Cancelling asks fsrs-rs to stop at its next progress report (its progress
 * callback answers false); a thread that does not stop soon after is terminated.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { TrainingHistory } from '../core/fsrs-training';

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const b = require(workerData.binding);
let job = null;
// Answer codes ((days since the answer before) * 4 + rating - 1) a shared path of answers can hold.
const ANSWER_CODES = 2 ** 22;
const post = (m) => parentPort.postMessage(m);
parentPort.on('message', (m) => {
  if (m.type === 'begin') job = { id: m.id, items: [], reviews: new Map(), prefixes: new Map(), shared: new Map(), nodes: 0, cancelled: false };
  else if (!job || m.id !== job.id) return;
  else if (m.type === 'chunk') { if (!job.cancelled) add(job, m.history); }
  else if (m.type === 'cancel') job.cancelled = true;
  else if (m.type === 'end') job = null;
  else if (m.type === 'fit') {
    const j = job;
    fit(j, m).catch((err) => post({ type: 'error', id: j.id, message: err && err.message ? err.message : String(err) })).finally(() => { j.items = []; j.shared.clear(); j.prefixes.clear(); });
  }
});
function add(job, h) {
  const { cardStarts, ratings, deltas } = h;
  const { reviews, prefixes, items } = job;
  for (let c = 0; c + 1 < cardStarts.length; c++) {
    const list = [];
    let node = 0;
    for (let i = cardStarts[c]; i < cardStarts[c + 1]; i++) {
      const answer = deltas[i] * 4 + ratings[i] - 1;
      let r = reviews.get(answer);
      if (r === undefined) reviews.set(answer, (r = new b.FSRSBindingReview(ratings[i], deltas[i])));
      list.push(r);
      // The card's answers so far, as a path from the root: cards that began alike share it (a
      // path through an answer code too large for a key is the card's own).
      if (node >= 0 && answer < ANSWER_CODES) {
        const key = node * ANSWER_CODES + answer;
        let next = prefixes.get(key);
        if (next === undefined) prefixes.set(key, (next = ++job.nodes));
        node = next;
      } else node = -1;
      if (list.length > 1 && deltas[i] > 0) {
        // The binding copies the answers it is given: one item serves every card with these answers.
        let item = node >= 0 ? job.shared.get(node) : undefined;
        if (item === undefined) {
          item = new b.FSRSBindingItem(list);
          if (node >= 0) job.shared.set(node, item);
        }
        items.push(item);
      }
    }
  }
}
async function fit(job, m) {
  const id = job.id;
  if (job.cancelled) return post({ type: 'cancelled', id });
  let weights;
  try {
    weights = await b.computeParameters(job.items, {
      enableShortTerm: true,
      numRelearningSteps: m.numRelearningSteps,
      timeout: m.progressMs,
      progress: (done, total) => {
        if (!job.cancelled) post({ type: 'phase', id, phase: 'fitting', done, total });
        return !job.cancelled;
      },
    });
  } catch (err) {
    if (job.cancelled) return post({ type: 'cancelled', id });
    throw err;
  }
  post(job.cancelled ? { type: 'cancelled', id } : { type: 'done', id, items: job.items.length, weights });
}
`;

/** How often fsrs-rs reports its progress (and so how soon it hears a cancel), in ms. */
export const FIT_PROGRESS_MS = 50;
/** How long a cancelled thread may take to stop before it is terminated. */
const CANCEL_GRACE_MS = 3000;
/** How long a thread waits for another fit before it ends. */
const IDLE_MS = 30_000;

export type OptimizerOutcome = { kind: 'done'; items: number; weights: number[] } | { kind: 'cancelled' } | { kind: 'error'; message: string };

export interface OptimizerPhase {
  phase: 'evaluating' | 'fitting';
  done: number;
  total: number;
}

export interface RunningFit {
  outcome: Promise<OptimizerOutcome>;
  cancel(): void;
}

/** One fit on a thread: the history's pieces, then the fit; `end` gives the thread back. */
export interface FitRun {
  /** Build the items of the next piece of the history (cards in order), while the caller reads on. */
  add(piece: TrainingHistory): void;
  /** Fit the items built so far (the relearning steps within a day: fsrs-rs fits the short-term parameters for them). */
  fit(numRelearningSteps: number, onPhase: (p: OptimizerPhase) => void): RunningFit;
  /** Done with the thread (after the outcome, or unused): it waits for the next fit or ends. */
  end(): void;
}

interface Thread {
  worker: Worker;
  dead: boolean;
  idleTimer?: ReturnType<typeof setTimeout>;
  onMessage?: (m: { type: string; id: number } & Record<string, unknown>) => void;
  onFailure?: (message: string) => void;
}

let idle: Thread | null = null;
let runs = 0;

/** The binding's entry point; throws, saying so, where it is not installed. */
function fsrsBindingPath(): string {
  try {
    return createRequire(import.meta.url).resolve('@open-spaced-repetition/binding');
  } catch (err) {
    throw new Error(`fsrs-rs (@open-spaced-repetition/binding) is not installed: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
}

function startThread(): Thread {
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { binding: fsrsBindingPath() } });
  // A thread never keeps the process alive on its own (the app closing ends it).
  worker.unref();
  const thread: Thread = { worker, dead: false };
  const fail = (message: string): void => {
    thread.dead = true;
    if (idle === thread) idle = null;
    thread.onFailure?.(message);
  };
  worker.on('message', (m: { type: string; id: number } & Record<string, unknown>) => thread.onMessage?.(m));
  worker.once('error', (err) => fail(err.message));
  worker.once('exit', (code) => fail(`the fit stopped (exit code ${code})`));
  return thread;
}

function kill(thread: Thread): void {
  thread.dead = true;
  if (idle === thread) idle = null;
  void thread.worker.terminate();
}

/** Start a fit on the waiting thread, or on a new one (its start overlaps the caller reading the history). */
export function beginFit(): FitRun {
  let thread = idle;
  idle = null;
  if (thread?.idleTimer) clearTimeout(thread.idleTimer);
  if (!thread || thread.dead) thread = startThread();
  const t = thread;
  const id = ++runs;
  t.worker.postMessage({ type: 'begin', id });
  let settle: (o: OptimizerOutcome) => void = () => undefined;
  const outcome = new Promise<OptimizerOutcome>((resolve) => (settle = resolve));
  t.onFailure = (message) => settle({ kind: 'error', message });
  // Set once the thread was asked to fit, and once it said it stopped (done, cancelled or failed).
  let fitting = false;
  let reported = false;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  return {
    add(piece) {
      const { cardStarts, ratings, deltas } = piece;
      // Copied (the caller keeps its own for the evaluation): a few bytes per answer.
      t.worker.postMessage({ type: 'chunk', id, history: { cardStarts, ratings, deltas } });
    },
    fit(numRelearningSteps, onPhase) {
      const stopped = (o: OptimizerOutcome): void => {
        reported = true;
        if (graceTimer) clearTimeout(graceTimer);
        settle(o);
      };
      t.onMessage = (m) => {
        if (m.id !== id) return;
        if (m.type === 'phase') onPhase(m as unknown as OptimizerPhase);
        else if (m.type === 'done') stopped({ kind: 'done', items: m.items as number, weights: m.weights as number[] });
        else if (m.type === 'cancelled') stopped({ kind: 'cancelled' });
        else if (m.type === 'error') stopped({ kind: 'error', message: String(m.message) });
      };
      fitting = true;
      t.worker.postMessage({ type: 'fit', id, numRelearningSteps, progressMs: FIT_PROGRESS_MS });
      return {
        outcome,
        cancel() {
          if (graceTimer || reported) return;
          t.worker.postMessage({ type: 'cancel', id });
          // Still fitting after the grace period: the thread goes.
          graceTimer = setTimeout(() => {
            settle({ kind: 'cancelled' });
            kill(t);
          }, CANCEL_GRACE_MS);
          graceTimer.unref();
        },
      };
    },
    end() {
      if (ended) return;
      ended = true;
      settle({ kind: 'cancelled' });
      t.onMessage = undefined;
      t.onFailure = undefined;
      if (t.dead) return;
      // Given up while fsrs-rs still fits (the caller failed): the thread goes rather than wait.
      if (fitting && !reported) {
        if (graceTimer) clearTimeout(graceTimer);
        kill(t);
        return;
      }
      t.worker.postMessage({ type: 'end', id });
      if (idle && idle !== t) kill(idle);
      idle = t;
      t.idleTimer = setTimeout(() => kill(t), IDLE_MS);
      t.idleTimer.unref();
    },
  };
}
