/**
 * How well FSRS parameters predict a training history: log loss and RMSE over bins, computed as
 * fsrs-rs 6.5's `FSRS::evaluate` does when @open-spaced-repetition/binding calls it (items in the
 * order given, fsrs-rs's outlier filter, recency weights by position, its (interval, length,
 * lapses) bins, single precision throughout), but in one pass per card instead of one per item:
 * the state before a card's k-th answer is the same for every item that contains it. What does
 * not depend on the parameters (order, weights, labels, bins) is worked out once per history, so
 * the current and the fitted parameters are evaluated on exactly the same items.
 */
import { f32Model } from './fsrs-f32-model';
import type { TrainingHistory } from './fsrs-training';

const f = Math.fround;

export interface FsrsEvaluation {
  logLoss: number;
  rmseBins: number;
}

/** The parameter-free part of an evaluation: items (training reviews, numbered in card order) in fsrs-rs's evaluation order. */
export interface EvaluationPlan {
  history: TrainingHistory;
  /** Item numbers in evaluation order (the outlier-filtered first reviews, then the later ones). */
  order: Int32Array;
  /** Per position in `order`: recency weight, label (1 recalled, 0 forgot), bin number. */
  weights: Float32Array;
  labels: Uint8Array;
  bins: Int32Array;
  binCount: number;
}

/**
 * fsrs-rs's bins are `round(scale · base^⌊log_base x⌋)` of the interval (base 3.62), the number of
 * long-term reviews plus one (1.89) and the lapses before (1.73, none apart): distinct exponents
 * give distinct bins, so the exponents name them here.
 */
const level = (x: number, base: number): number => Math.floor(Math.log(x) / Math.log(base));
const binKey = (interval: number, length: number, lapses: number): number =>
  (level(interval, 3.62) * 64 + level(length, 1.89)) * 64 + (lapses === 0 ? 0 : 1 + level(lapses, 1.73));

export function evaluationPlan(history: TrainingHistory): EvaluationPlan {
  const { cardStarts, ratings, deltas } = history;
  const items = history.reviews;
  const firstItems: number[] = [];
  const firstRating = new Uint8Array(items);
  const firstDelta = new Int32Array(items);
  const keys = new Float64Array(items);
  const label = new Uint8Array(items);
  let n = 0;
  for (let c = 0; c + 1 < cardStarts.length; c++) {
    const start = cardStarts[c] as number;
    const end = cardStarts[c + 1] as number;
    const r0 = ratings[start] as number;
    let longTerm = 0;
    let lapses = 0;
    let firstLongTerm = 0;
    for (let i = start + 1; i < end; i++) {
      const dt = deltas[i] as number;
      const rating = ratings[i] as number;
      if (dt > 0) {
        longTerm++;
        if (longTerm === 1) {
          firstLongTerm = dt;
          firstItems.push(n);
        }
        firstRating[n] = r0;
        firstDelta[n] = firstLongTerm;
        label[n] = rating > 1 ? 1 : 0;
        keys[n] = binKey(dt, longTerm + 1, lapses);
        n++;
        if (rating === 1) lapses++;
      }
    }
  }
  // fsrs-rs's outlier filter: first reviews grouped by (first rating, interval); per rating, the
  // smallest groups making up 5% (at least 20) and groups too small or too long are dropped,
  // and with them every later review of the cards that began so.
  const removed = new Set<number>();
  const keptFirst: number[] = [];
  for (let rating = 1; rating <= 4; rating++) {
    const groups = new Map<number, number[]>();
    for (const i of firstItems) {
      if (firstRating[i] !== rating) continue;
      const g = groups.get(firstDelta[i] as number);
      if (g) g.push(i);
      else groups.set(firstDelta[i] as number, [i]);
    }
    const total = [...groups.values()].reduce((sum, g) => sum + g.length, 0);
    const smallFirst = [...groups].sort(([da, a], [db, b]) => a.length - b.length || da - db);
    let dropped = 0;
    for (const [delta, g] of smallFirst) {
      if (dropped + g.length >= Math.max(20, Math.floor(total / 20))) {
        if (g.length >= 6 && delta <= (rating !== 4 ? 100 : 365)) keptFirst.push(...g);
        else removed.add(rating * 1e6 + delta);
      } else {
        dropped += g.length;
        removed.add(rating * 1e6 + delta);
      }
    }
  }
  const isFirst = new Uint8Array(items);
  for (const i of firstItems) isFirst[i] = 1;
  const order: number[] = keptFirst;
  for (let i = 0; i < items; i++) if (!isFirst[i] && !removed.has((firstRating[i] as number) * 1e6 + (firstDelta[i] as number))) order.push(i);
  if (order.length === 0) throw new Error('no reviews left to evaluate on after the outlier filter');

  const length = Math.max(f(order.length - 1), 1);
  const weights = new Float32Array(order.length);
  const labels = new Uint8Array(order.length);
  const bins = new Int32Array(order.length);
  const binIds = new Map<number, number>();
  order.forEach((item, p) => {
    const x = f(p / length);
    weights[p] = f(0.25 + f(0.75 * f(x * f(x * x))));
    labels[p] = label[item] as number;
    const key = keys[item] as number;
    let id = binIds.get(key);
    if (id === undefined) binIds.set(key, (id = binIds.size));
    bins[p] = id;
  });
  return { history, order: Int32Array.from(order), weights, labels, bins, binCount: binIds.size };
}

/** Retrievability the parameters predicted before each training review (by item number). */
function predictions(history: TrainingHistory, parameters: readonly number[]): Float32Array {
  const { cardStarts, ratings, deltas } = history;
  const model = f32Model(parameters);
  const out = new Float32Array(history.reviews);
  let n = 0;
  for (let c = 0; c + 1 < cardStarts.length; c++) n = model.predictCard(ratings, deltas, cardStarts[c] as number, cardStarts[c + 1] as number, out, n);
  return out;
}

/** Log loss (recency-weighted) and RMSE over bins of `parameters` on the plan's history. */
export function evaluateParameters(plan: EvaluationPlan, parameters: readonly number[]): FsrsEvaluation {
  const p = predictions(plan.history, parameters);
  const predicted = new Float32Array(plan.binCount);
  const actual = new Float32Array(plan.binCount);
  const count = new Float32Array(plan.binCount);
  const binWeight = new Float32Array(plan.binCount);
  let loss = 0;
  let weightSum = 0;
  for (let k = 0; k < plan.order.length; k++) {
    const r = p[plan.order[k] as number] as number;
    const y = plan.labels[k] as number;
    const w = plan.weights[k] as number;
    loss = f(loss + f(f(f(y * f(Math.log(r))) + f((1 - y) * f(Math.log(f(1 - r))))) * w));
    weightSum = f(weightSum + w);
    const b = plan.bins[k] as number;
    predicted[b] = f((predicted[b] as number) + r);
    actual[b] = f((actual[b] as number) + y);
    count[b] = f((count[b] as number) + 1);
    binWeight[b] = f((binWeight[b] as number) + w);
  }
  let squares = 0;
  let weights = 0;
  for (let b = 0; b < plan.binCount; b++) {
    const n = count[b] as number;
    const gap = f(f((predicted[b] as number) / n) - f((actual[b] as number) / n));
    squares = f(squares + f(f(gap * gap) * (binWeight[b] as number)));
    weights = f(weights + (binWeight[b] as number));
  }
  const logLoss = f(-loss / weightSum);
  const rmseBins = f(Math.sqrt(f(squares / weights)));
  if (!Number.isFinite(logLoss) || !Number.isFinite(rmseBins)) throw new Error('the parameters predict no finite recall on this history');
  return { logLoss, rmseBins };
}
