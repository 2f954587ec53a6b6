/**
 * Retain evaluates FSRS parameters (log loss, RMSE over bins) itself, in one pass per card, and
 * reports the figures as fsrs-rs's own evaluation. Checked here against fsrs-rs (through
 * @open-spaced-repetition/binding, `FSRSBinding.evaluate`) on the same items, on seeded synthetic
 * histories that reach every branch: all four ratings, same-day answers, long gaps, groups the
 * outlier filter drops, and parameter lists of every length fsrs-rs accepts, some out of bounds.
 * Skipped, with the reason, where the binding cannot load.
 */
import { describe, expect, it } from 'vitest';
import { evaluateParameters, evaluationPlan } from '../../src/main/core/fsrs-evaluation';
import { joinTrainingHistories, packAnswer, trainingChunks, trainingHistory, type TrainingCardLog, type TrainingHistory } from '../../src/main/core/fsrs-training';
import { createRng } from '../../src/main/core/quiz/rng';
import { CardStates } from '../../src/main/core/scheduler';
import { fsrsBinding as binding } from '../support/fsrs-binding';

const DAY = 86_400_000;

/** The answers of `cards` cards: a learning run, then reviews at growing gaps, lapses, now and then a same-day answer. */
function syntheticLog(seed: number, cards: number): TrainingCardLog[] {
  const next = createRng(seed);
  const log: TrainingCardLog[] = [];
  for (let card = 1; card <= cards; card++) {
    const rows: number[] = [];
    log.push(rows);
    let day = Math.floor(next() * 30);
    const answers = 2 + Math.floor(next() * 14);
    let gap = 1 + Math.floor(next() * 4);
    for (let k = 0; k < answers; k++) {
      const u = next();
      const rating = u < 0.15 ? 1 : u < 0.25 ? 2 : u < 0.9 ? 3 : 4;
      rows.push(packAnswer(day * DAY + 36_000_000 + k * 60_000, rating, k === 0 ? CardStates.New : CardStates.Review));
      if (next() < 0.2) continue; // the next answer the same day
      // A few long first intervals, which the outlier filter drops.
      gap = k === 0 && next() < 0.05 ? 120 + Math.floor(next() * 400) : rating === 1 ? 1 : Math.ceil(gap * (1.5 + next() * 2));
      day += gap;
    }
  }
  return log;
}

const dayOf = (t: number): number => Math.floor(t / DAY);

/** fsrs-rs's items for a history, in card order, as the optimizer's thread builds them. */
function bindingItems(h: TrainingHistory) {
  const b = binding;
  if (!b) throw new Error('no binding');
  const items = [];
  for (let c = 0; c + 1 < h.cardStarts.length; c++) {
    const reviews = [];
    for (let i = h.cardStarts[c] as number; i < (h.cardStarts[c + 1] as number); i++) {
      reviews.push(new b.FSRSBindingReview(h.ratings[i] as number, h.deltas[i] as number));
      if (reviews.length > 1 && (h.deltas[i] as number) > 0) items.push(new b.FSRSBindingItem(reviews.slice()));
    }
  }
  return items;
}

describe.skipIf(binding === null)('evaluating FSRS parameters as fsrs-rs does', () => {
  const fittedLike = [0.4, 1.1, 3.2, 15.7, 7.1, 0.53, 1.46, 0.0046, 1.55, 0.12, 1.01, 1.93, 0.11, 0.29, 2.27, 0.23, 2.99, 0.52, 0.34, 0.1, 0.2];
  const outOfBounds = [200, 0, 3, 20, 12, 5, -1, 0.9, 6, 1, 4, 6, 0.5, 1, 5, 2, 0.5, 3, 3, 1, 0.05];
  const fsrs5 = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621];
  const fsrs4 = fsrs5.slice(0, 17);

  for (const seed of [1, 2, 3]) {
    it(`gives fsrs-rs's log loss and RMSE (bins) on synthetic history ${seed}`, () => {
      const h = trainingHistory(syntheticLog(seed, 1500), dayOf);
      expect(h.reviews).toBeGreaterThan(5000);
      const items = bindingItems(h);
      expect(items).toHaveLength(h.reviews);
      const plan = evaluationPlan(h);
      // Some items are left out by the outlier filter, as fsrs-rs does.
      expect(plan.order.length).toBeLessThan(h.reviews);
      for (const weights of [[], fittedLike, outOfBounds, fsrs5, fsrs4]) {
        const reference = new binding!.FSRSBinding(weights).evaluate(items);
        const ours = evaluateParameters(plan, weights);
        expect(ours.logLoss, `log loss, ${weights.length} parameters`).toBeCloseTo(reference.logLoss, 6);
        expect(ours.rmseBins, `RMSE, ${weights.length} parameters`).toBeCloseTo(reference.rmseBins, 6);
      }
    });
  }

  it('refuses parameter lists fsrs-rs refuses', () => {
    const plan = evaluationPlan(trainingHistory(syntheticLog(4, 50), dayOf));
    expect(() => evaluateParameters(plan, [1, 2, 3])).toThrow(/17, 19 or 21/);
    expect(() => evaluateParameters(plan, [...fittedLike.slice(0, 20), Number.NaN])).toThrow(/finite/);
  });
});

describe('packing the history in pieces for the fit thread', () => {
  it('cuts at card boundaries and joins back to the whole', () => {
    const rows = syntheticLog(5, 400);
    const whole = trainingHistory(rows, dayOf);
    const pieces = [...trainingChunks(rows, dayOf, 300)];
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces.slice(0, -1)) expect(p.ratings.length).toBeGreaterThanOrEqual(300);
    expect(pieces.reduce((n, p) => n + p.reviews, 0)).toBe(whole.reviews);
    const joined = joinTrainingHistories(pieces);
    expect([...joined.cardStarts]).toEqual([...whole.cardStarts]);
    expect([...joined.ratings]).toEqual([...whole.ratings]);
    expect([...joined.deltas]).toEqual([...whole.deltas]);
    expect(joined.cards).toBe(whole.cards);
  });
});
