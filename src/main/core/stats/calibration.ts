/**
 * Calibration of the memory model against the user's own history: each card's answers replayed
 * with FSRS (its preset's parameters) from the first answer of its last learning run, and at
 * every answer given a study day or more after the one before, the retrievability the model
 * predicted just before it set against whether the user passed (Hard, Good or Easy). Predictions
 * are put in 5-point bins; the summary gives the mean prediction against the pass rate, the RMSE
 * of the bins (each weighted by its answers) and the log loss over every answer.
 * Answers of kinds not counted are left out of the replay, as the parameter fit leaves them out;
 * so are cards whose history does not reach back to an answer given while new.
 */
import type { Calibration } from '../../../shared/api/stats-contract';
import { CardStates } from '../scheduler';

/** The parts of ts-fsrs's FSRSAlgorithm the replay uses. */
export interface MemoryModel {
  forgetting_curve(elapsedDays: number, stability: number): number;
  next_state(memory: { stability: number; difficulty: number } | null, elapsedDays: number, rating: number, r?: number): { stability: number; difficulty: number };
}

export const CALIBRATION_BIN_POINTS = 5;
const BINS = 100 / CALIBRATION_BIN_POINTS;
const CLAMP = 1e-6;

export interface CalibrationOptions {
  /** The model of a deck's cards (its preset's parameters). */
  modelOf(deckId: number): MemoryModel;
  /** The study day an instant belongs to. */
  dayOf(epochMs: number): number;
  /** The review_log kinds replayed. */
  kinds: readonly number[];
}

export function createCalibration(options: CalibrationOptions) {
  const counted = new Set(options.kinds);
  const reviews = new Float64Array(BINS);
  const predicted = new Float64Array(BINS);
  const passed = new Float64Array(BINS);
  let logLoss = 0;
  let cards = 0;
  let card = -1;
  let started = false;
  let model: MemoryModel | null = null;
  let memory: { stability: number; difficulty: number } | null = null;
  let lastDay = 0;

  function visit(cardId: number, reviewedAt: number, kind: number, rating: number, stateBefore: number, deckId: number): void {
    if (cardId !== card) {
      card = cardId;
      started = false;
      memory = null;
      model = null;
    }
    if (!counted.has(kind) || rating < 1 || rating > 4) return;
    if (stateBefore === CardStates.New) {
      if (!started) cards += 1;
      started = true;
      memory = null;
    }
    if (!started) return;
    model ??= options.modelOf(deckId);
    const day = options.dayOf(reviewedAt);
    const elapsed = memory === null ? 0 : Math.max(0, day - lastDay);
    let r: number | undefined;
    if (memory !== null && elapsed >= 1) {
      r = model.forgetting_curve(elapsed, memory.stability);
      const bin = Math.min(BINS - 1, Math.floor(r * BINS));
      const pass = rating > 1;
      reviews[bin]! += 1;
      predicted[bin]! += r;
      if (pass) passed[bin]! += 1;
      const p = Math.min(1 - CLAMP, Math.max(CLAMP, r));
      logLoss -= pass ? Math.log(p) : Math.log(1 - p);
    }
    memory = model.next_state(memory, elapsed, rating, r);
    lastDay = day;
  }

  function result(): Calibration {
    const bins: Calibration['bins'] = [];
    let total = 0;
    let sumPredicted = 0;
    let sumPassed = 0;
    let squares = 0;
    for (let i = 0; i < BINS; i++) {
      const n = reviews[i]!;
      if (n === 0) continue;
      const p = predicted[i]! / n;
      const a = passed[i]! / n;
      bins.push({ from: i * CALIBRATION_BIN_POINTS, to: (i + 1) * CALIBRATION_BIN_POINTS, reviews: n, predicted: p, actual: a });
      total += n;
      sumPredicted += predicted[i]!;
      sumPassed += passed[i]!;
      squares += n * (p - a) ** 2;
    }
    return {
      reviews: total,
      cards,
      predicted: total === 0 ? null : sumPredicted / total,
      actual: total === 0 ? null : sumPassed / total,
      rmseBins: total === 0 ? null : Math.sqrt(squares / total),
      logLoss: total === 0 ? null : logLoss / total,
      bins,
    };
  }

  return { visit, result };
}
