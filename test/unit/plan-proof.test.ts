/**
 * Proof that the interview planner helps: over 50 synthetic students with hidden FSRS-6
 * parameters (test/support/plan-student.ts), 600 new cards, 30 days and 20 minutes a day, the
 * planner against plain FSRS at 0.90 with the same budget (test/support/plan-proof.ts).
 */
import { describe, expect, it } from 'vitest';
import { PROOF_SETUP, runProof } from '../support/plan-proof';

const SEEDS = 50;

describe('the interview planner against plain FSRS at 0.90', () => {
  it('has students recall clearly more on the day at no more minutes, and projects what they achieve', () => {
    const proof = runProof(SEEDS);
    const pct = (x: number) => (100 * x).toFixed(1);
    console.log(
      `${SEEDS} students, ${PROOF_SETUP.cards} cards, ${PROOF_SETUP.days} days, ${PROOF_SETUP.minutesPerDay} min/day: ` +
        `plain ${pct(proof.plain.mean)}% (sd ${pct(proof.plain.sd)}), ${proof.plain.minutes.toFixed(0)} min; ` +
        `planner ${pct(proof.planner.mean)}% (sd ${pct(proof.planner.sd)}), ${proof.planner.minutes.toFixed(0)} min; ` +
        `margin ${pct(proof.margin.mean)} points (sd ${pct(proof.margin.sd)}, lowest ${pct(proof.margin.min)}); ` +
        `projection error ${pct(proof.projection.meanError)} points on average, ${pct(proof.projection.meanAbsError)} per student (largest ${pct(proof.projection.maxAbsError)}); ` +
        `planner spent more minutes for ${proof.moreMinutes} of ${SEEDS} students`,
    );
    // A clear margin: at least 2 points on average, and well clear of noise (the mean less two standard errors above 1 point).
    expect(proof.margin.mean).toBeGreaterThanOrEqual(0.02);
    expect(proof.margin.mean - (2 * proof.margin.sd) / Math.sqrt(SEEDS)).toBeGreaterThan(0.01);
    expect(proof.planner.minutes).toBeLessThanOrEqual(proof.plain.minutes);
    // The first morning's projection against what the students recalled on the day.
    expect(Math.abs(proof.projection.meanError)).toBeLessThanOrEqual(0.03);
    expect(proof.projection.meanAbsError).toBeLessThanOrEqual(0.03);
  }, 300_000);
});
