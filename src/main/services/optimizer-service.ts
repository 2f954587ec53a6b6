/**
 * Fitting FSRS parameters to a preset's review history (Anki's "Optimize"). The history of the
 * preset's decks is read and packed here (one pass over the log) and handed in pieces to a worker
 * thread (optimizer-worker), which builds fsrs-rs's items while the rest is read and then fits.
 * The current and the fitted parameters are evaluated here on the packed history, as fsrs-rs
 * evaluates (core/fsrs-evaluation), the current ones while the thread fits. Nothing is written by
 * a fit: its result is kept in memory, and
 * `apply` stores the fitted parameters in the preset (its `fsrsWeights`, which the preset's
 * scheduler reads) only when they beat the current ones on the same history and the preset's
 * parameters have not changed since. Only one fit runs at a time.
 */
import { randomUUID } from 'node:crypto';
import { default_w } from 'ts-fsrs';
import { AppError } from '../../shared/api/errors';
import { FSRS_MIN_TRAINING_REVIEWS, type FsrsOptimizeResult, type FsrsProgress } from '../../shared/api/fsrs-contract';
import { stepSeconds } from '../../shared/settings';
import { studyDayCounter } from '../core/day';
import { evaluateParameters, evaluationPlan } from '../core/fsrs-evaluation';
import { joinTrainingHistories, trainingChunks, type TrainingHistory } from '../core/fsrs-training';
import type { Repos } from '../db/repos';
import { beginFit, type FitRun, type OptimizerPhase, type RunningFit } from './optimizer-worker';
import { presetWeights, type SettingsService } from './settings-service';

/** Finished fits kept for `apply` (the latest ones). */
const KEPT_RESULTS = 8;
const DAY_S = 86_400;
/** Answers per piece of history handed to the fit's thread while the log is read (the first pieces smaller, so it starts at once). */
const PIECE_ANSWERS = 4096;
const FIRST_PIECE_ANSWERS = 256;

type DoneResult = Extract<FsrsOptimizeResult, { status: 'done' }>;

/** Share of the job done: reading up to 5%, fitting (with the current parameters evaluated meanwhile) to 95%, then the fitted ones evaluated. */
function percentOf(p: OptimizerPhase): number {
  return p.phase === 'fitting' ? 5 + (90 * p.done) / Math.max(1, p.total) : 95;
}

const sameWeights = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function createOptimizerService(repos: Repos, settings: SettingsService) {
  const progress = new Map<string, FsrsProgress>();
  const results = new Map<string, DoneResult>();
  let running: { jobId: string; fit: RunningFit | null; cancelled: boolean } | null = null;

  /** The parameters the preset's scheduler uses now: its own, or FSRS-6's defaults. */
  const currentWeights = (presetId: number): number[] => presetWeights(repos.settings.presetConfig(presetId)) ?? [...default_w];

  function existingPreset(presetId: number): void {
    if (!repos.settings.presets().some((p) => p.id === presetId)) throw new AppError('not_found', `preset ${presetId} not found`);
  }

  /** Fit parameters to the preset's history; `onProgress` hears each step (the handler pushes it to the renderer). */
  async function optimize(
    presetId: number,
    includeQuiz: boolean,
    jobId: string = randomUUID(),
    onProgress: (p: FsrsProgress) => void = () => undefined,
  ): Promise<FsrsOptimizeResult> {
    const report = (p: FsrsProgress): void => {
      progress.set(p.jobId, p);
      if (progress.size > 32) progress.delete(progress.keys().next().value as string);
      onProgress(p);
    };
    existingPreset(presetId);
    if (running) throw new AppError('conflict', 'An optimization is already running; wait for it or cancel it first.');
    const job: { jobId: string; fit: RunningFit | null; cancelled: boolean } = { jobId, fit: null, cancelled: false };
    running = job;
    const started = performance.now();
    let run: FitRun | undefined;
    try {
      report({ jobId, state: 'reading', percent: 0, reviews: 0 });
      run = beginThread();
      const dayOf = studyDayCounter(settings.collection().dayStartHour, settings.timeZone());
      // The thread builds each piece's items while the next one is read.
      const pieces: TrainingHistory[] = [];
      for (const piece of trainingChunks(repos.fsrsHistory.presetLog(presetId, includeQuiz), dayOf, PIECE_ANSWERS, FIRST_PIECE_ANSWERS)) {
        run.add(piece);
        pieces.push(piece);
      }
      const history = joinTrainingHistories(pieces);
      if (history.reviews < FSRS_MIN_TRAINING_REVIEWS) {
        report({ jobId, state: 'done', percent: 100, reviews: history.reviews });
        return {
          status: 'too_little_history',
          jobId,
          presetId,
          reviews: history.reviews,
          minimum: FSRS_MIN_TRAINING_REVIEWS,
          needed: FSRS_MIN_TRAINING_REVIEWS - history.reviews,
        };
      }
      if (job.cancelled) return cancelled(jobId, presetId, history.reviews, report);
      const current = currentWeights(presetId);
      const relearnInDay = countStepsWithinDay(settings.presetConfig(presetId).relearningSteps);
      const fitting = (p: OptimizerPhase): void => report({ jobId, state: p.phase, percent: Math.min(100, percentOf(p)), reviews: history.reviews });
      job.fit = run.fit(relearnInDay, fitting);
      // The history is read: the fit is under way (fsrs-rs reports its own progress only after its first interval).
      fitting({ phase: 'fitting', done: 0, total: 1 });
      // The current parameters are evaluated here while the thread builds the last items and fsrs-rs fits.
      const plan = evaluating(() => evaluationPlan(history));
      const currentFit = evaluating(() => evaluateParameters(plan, current));
      const outcome = await job.fit.outcome;
      if (outcome.kind === 'cancelled' || job.cancelled) return cancelled(jobId, presetId, history.reviews, report);
      if (outcome.kind === 'error') {
        report({ jobId, state: 'failed', percent: 100, reviews: history.reviews });
        throw new AppError('internal', `The parameters could not be fitted: ${outcome.message}`);
      }
      report({ jobId, state: 'evaluating', percent: 95, reviews: history.reviews });
      const fitted = { weights: outcome.weights, ...evaluating(() => evaluateParameters(plan, outcome.weights)) };
      const result: DoneResult = {
        status: 'done',
        jobId,
        presetId,
        reviews: history.reviews,
        cards: history.cards,
        includeQuiz,
        current: { weights: current, ...currentFit },
        fitted,
        better: fitted.logLoss < currentFit.logLoss && fitted.rmseBins < currentFit.rmseBins,
        durationMs: Math.max(0, Math.round(performance.now() - started)),
      };
      results.set(jobId, result);
      if (results.size > KEPT_RESULTS) results.delete(results.keys().next().value as string);
      report({ jobId, state: 'done', percent: 100, reviews: history.reviews });
      return result;
    } finally {
      // Finished, unused (too little history) or cancelled: the thread waits for the next fit.
      run?.end();
      if (running === job) running = null;
    }
  }

  function cancelled(jobId: string, presetId: number, reviews: number, report: (p: FsrsProgress) => void): FsrsOptimizeResult {
    report({ jobId, state: 'cancelled', percent: 100, reviews });
    return { status: 'cancelled', jobId, presetId };
  }

  return {
    optimize,
    progress(jobId: string): FsrsProgress {
      return progress.get(jobId) ?? { jobId, state: 'unknown', percent: 0, reviews: 0 };
    },
    /** Stop the running fit with this id; false when none runs under it. */
    cancel(jobId: string): boolean {
      if (!running || running.jobId !== jobId) return false;
      running.cancelled = true;
      running.fit?.cancel();
      return true;
    },
    /** Store a finished fit's parameters in its preset, in one transaction. */
    apply(jobId: string): { presetId: number; weights: number[] } {
      const r = results.get(jobId);
      if (!r) throw new AppError('not_found', `no finished optimization "${jobId}" (it may have been cancelled, or the app restarted): run Optimize again`);
      if (!r.better) throw new AppError('conflict', 'The fitted parameters do not predict this history better than the current ones; they were not applied.');
      existingPreset(r.presetId);
      repos.db
        .transaction(() => {
          const stored = repos.settings.presetConfig(r.presetId);
          if (!sameWeights(currentWeights(r.presetId), r.current.weights)) {
            throw new AppError('conflict', "The preset's parameters changed since this optimization ran; run Optimize again.");
          }
          const base = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
          repos.settings.savePresetConfig(r.presetId, { ...base, fsrsWeights: r.fitted.weights });
        })
        .immediate();
      // The preset's scheduler is cached with the old parameters.
      settings.invalidate();
      results.delete(jobId);
      return { presetId: r.presetId, weights: r.fitted.weights };
    },
  };
}

/** A fit on its worker thread; a binding that cannot be found is reported as a clear error. */
function beginThread(): FitRun {
  try {
    return beginFit();
  } catch (err) {
    throw new AppError('internal', `The parameters cannot be fitted here: ${(err as Error).message}`);
  }
}

/** Evaluating parameters on the history (as fsrs-rs does); a history or parameters it cannot take is a clear error. */
function evaluating<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw new AppError('internal', `The parameters could not be evaluated on this history: ${(err as Error).message}`);
  }
}

/** Relearning steps that end within a day of the lapse (fsrs-rs fits the same-day parameters for them). */
function countStepsWithinDay(steps: readonly string[]): number {
  let total = 0;
  let n = 0;
  for (const s of steps) {
    total += stepSeconds(s);
    if (total >= DAY_S) break;
    n++;
  }
  return n;
}

export type OptimizerService = ReturnType<typeof createOptimizerService>;
