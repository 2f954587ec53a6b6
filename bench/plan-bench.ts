/**
 * The interview planner and its forward model:
 * - the planner's proof (test/support/plan-proof.ts) as a result row: the share of cards 50
 *   synthetic students recall on the interview day with the planner (value) and with plain FSRS at
 *   0.90 (baseline), in percent, not milliseconds; the margin and the projection error in its name;
 * - a 90-day simulation of a 100,000-card collection with a year of history, against the exact
 *   knowledge curve alone (every card's retrievability, every day; the simulation estimates it from
 *   a random sample of 20,000 cards).
 */
import { default_w } from 'ts-fsrs';
import { MemoryModel } from '../src/main/core/plan/memory-model';
import { simulate } from '../src/main/core/plan/simulate';
import type { ModelCard } from '../src/main/core/plan/types';
import { createRng } from '../src/main/core/quiz/rng';
import { PROOF_SETUP, runProof } from '../test/support/plan-proof';
import type { BenchContext } from './bench-context';
import { median, paired, percentile, type BenchResult } from './stats';

const TODAY = 20_000;

/** 100,000 cards: 85% studied over the past year (log-normal stabilities around 20 days), the rest new. */
export function yearOfHistory(total: number): ModelCard[] {
  const rng = createRng(13);
  const cards: ModelCard[] = [];
  for (let i = 0; i < total; i++) {
    if (i % 20 < 3) {
      cards.push({ isNew: true, stability: 0, difficulty: 0, lastReviewDay: null, dueDay: TODAY, topics: [i % 20] });
      continue;
    }
    const stability = Math.min(3000, Math.max(0.5, 20 * Math.exp(1.2 * (rng() + rng() + rng() - 1.5))));
    const last = TODAY - Math.floor(rng() * Math.min(365, stability * 1.2));
    cards.push({ isNew: false, stability, difficulty: 1 + 9 * rng(), lastReviewDay: last, dueDay: last + Math.max(1, Math.round(stability)), topics: [i % 20] });
  }
  return cards;
}

export async function planBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const seeds = 50;
  const proof = runProof(seeds);
  const pts = (x: number) => (100 * x).toFixed(1);
  ctx.log(
    `planner proof: plain ${pts(proof.plain.mean)}% ± ${pts(proof.plain.sd)} in ${proof.plain.minutes.toFixed(0)} min, planner ${pts(proof.planner.mean)}% ± ${pts(proof.planner.sd)} in ${proof.planner.minutes.toFixed(0)} min, ` +
      `margin ${pts(proof.margin.mean)} ± ${pts(proof.margin.sd)} points, projection error ${pts(proof.projection.meanError)} (per student ${pts(proof.projection.meanAbsError)}, largest ${pts(proof.projection.maxAbsError)})`,
  );

  const total = 100_000;
  const cards = yearOfHistory(total);
  const settings = { weights: default_w, maximumIntervalDays: 36500, secondsPerReview: 10, secondsPerNewCard: 30 };
  const input = { cards, settings, today: TODAY, days: 90, newPerDay: 20, desiredRetention: 0.9, seed: 1 };
  const model = new MemoryModel(default_w, 36500);
  let sink = 0;
  const bare = () => {
    for (let day = TODAY; day < TODAY + 90; day++) {
      for (const c of cards) if (!c.isNew) sink += model.retrievability(day - (c.lastReviewDay as number), c.stability);
    }
  };
  const first = simulate(input);
  ctx.log(`simulation: 90 days of ${total.toLocaleString('en-US')} cards, ${Math.round(first.reviews).toLocaleString('en-US')} reviews, ${Math.round(first.totalMinutes / 90)} min/day, knowledge ${Math.round(first.knowledge)}`);
  const r = await paired(3, 1, () => simulate(input), bare);
  if (sink < 0) ctx.log('unreachable');
  return [
    {
      name: `interview planner vs plain FSRS 0.90, recalled on the day in % (not ms; ${seeds} students, ${PROOF_SETUP.cards} cards, ${PROOF_SETUP.days} days, ${PROOF_SETUP.minutesPerDay} min/day): margin ${pts(proof.margin.mean)} ± ${pts(proof.margin.sd)} points, minutes ${proof.planner.minutes.toFixed(0)} vs ${proof.plain.minutes.toFixed(0)}, projection error ${pts(proof.projection.meanAbsError)} points`,
      value_ms: 100 * proof.planner.mean,
      baseline_ms: 100 * proof.plain.mean,
      ratio: proof.planner.mean / proof.plain.mean,
      target: 'clear margin, no more minutes, projection within 3 points',
    },
    {
      name: 'simulate: 90 days of a 100k-card collection with a year of history vs the exact knowledge curve alone (every card, every day)',
      value_ms: median(r.measured),
      baseline_ms: median(r.baseline),
      ratio: median(r.measured) / median(r.baseline),
      target: 'value < 2000 ms',
      p99_ms: percentile(r.measured, 99),
    },
  ];
}
