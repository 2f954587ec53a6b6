import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/main/core/quiz/rng';
import { createScheduler, type CardState, type RatingCode } from '../../src/main/core/scheduler';

/**
 * An answer works out only its own rating's outcome (and the intervals below it); the buttons
 * work out all four. Both must give the same card for every rating, whatever the settings.
 */
describe('scheduling one rating', () => {
  it('gives what the four-button preview gives, over 12,000 seeded cards and settings', () => {
    const rng = createRng(20261202);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
    let checked = 0;
    for (let s = 0; s < 80; s++) {
      const scheduler = createScheduler(
        {
          desiredRetention: pick([0.8, 0.9, 0.95]),
          maximumIntervalDays: pick([36500, 365, 30]),
          fuzz: rng() < 0.7,
          loadBalancing: rng() < 0.6,
          learningSteps: pick([['1m', '10m'], [], ['10m', '1d', '3d']]),
          relearningSteps: pick([['10m'], [], ['1d', '2d']]),
          dayStartHour: pick([4, 0, 23]),
          ...(rng() < 0.5 ? { easyDays: [1, 1, 1, 1, 1, 0.5, 0] } : {}),
        },
        { timeZone: pick(['UTC', 'America/New_York', 'Asia/Kolkata']), shortTerm: rng() < 0.8 },
      );
      const load = new Map<number, number>();
      const dueOn = (day: number): number => {
        if (!load.has(day)) load.set(day, (day * 7919) % 61);
        return load.get(day) as number;
      };
      for (let k = 0; k < 150; k++) {
        const now = 1.77e12 + Math.floor(rng() * 1e10);
        const state = pick([0, 1, 2, 3] as const);
        const card: CardState = {
          due: now,
          stability: state === 0 ? 0 : pick([0.001, 0.5, 3, 40, 900]) * (0.1 + rng()),
          difficulty: state === 0 ? 0 : 1 + 9 * rng(),
          elapsedDays: 0,
          scheduledDays: Math.floor(rng() * 30),
          learningSteps: Math.floor(rng() * 3),
          reps: Math.floor(rng() * 20),
          lapses: Math.floor(rng() * 5),
          state,
          lastReview: state === 0 ? null : now - Math.floor(rng() * 1e9),
        };
        const id = Math.floor(rng() * 1e6);
        const balance = rng() < 0.7 ? dueOn : undefined;
        const all = scheduler.preview(card, now, id, balance);
        for (const g of [1, 2, 3, 4] as RatingCode[]) {
          const one = scheduler.schedule(card, now, g, id, balance);
          // Key by key, so a difference names the card and the rating.
          if (JSON.stringify(one) !== JSON.stringify(all[g])) expect({ card, g, one }).toEqual({ card, g, one: all[g] });
          checked += 1;
        }
      }
    }
    expect(checked).toBe(48_000);
  });
});
