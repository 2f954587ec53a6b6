import { describe, expect, it } from 'vitest';
import { createRng, randomIndex } from '../../src/main/core/quiz/rng';
import { checkReviewBody } from '../../src/main/core/sync/review-body-check';
import { cardEventBodies } from '../../src/main/core/sync/sync-events';

const schema = cardEventBodies.review;

const valid = (): Record<string, unknown> => ({
  at: 1_773_144_000_000,
  rating: 3,
  durationMs: 4_000,
  kind: 0,
  stateBefore: 2,
  elapsedDays: 3,
  scheduledDays: 12,
  parent: '00mhk3x2a.0001.abcdefghijkl',
  after: { due: 1_774_180_800_000, stability: 12.5, difficulty: 5.25, elapsedDays: 3, scheduledDays: 12, learningSteps: 0, reps: 5, lapses: 1, state: 2, lastReview: 1_773_144_000_000 },
  scheduling: '0123456789abcdef',
  history: false,
});

/** Values that sit on or across the edges of the schema's rules. */
const ODD: unknown[] = [
  0, -0, 1, 2, 3, 4, 5, -1, 1.5, 0.999, 3.0000001, 86_400_000, 86_400_001, 8.64e15, 8.64e15 + 2, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e300,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '3', '', 'x', null, undefined, true, false, {}, [], [3], { a: 1 },
  '00mhk3x2a.0001.abcdefghijkl', '00mhk3x2a.0001.ABCDEFGHIJKL', '00mhk3x2a.0001.abcdefghijk', '0123456789abcdef', '0123456789ABCDEF', '0123456789abcde',
  1n,
];

function mutate(body: Record<string, unknown>, rng: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[randomIndex(xs.length, rng)] as T;
  const target = rng() < 0.4 && typeof body.after === 'object' && body.after !== null ? (body.after as Record<string, unknown>) : body;
  const keys = Object.keys(target);
  const r = rng();
  if (r < 0.1) delete target[pick(keys)];
  else if (r < 0.15) target[pick(['extra', 'Due', 'at ', '', 'constructor', 'valueOf'])] = pick(ODD);
  else if (r < 0.2) return pick(ODD);
  else if (r < 0.25) body.after = pick([null, undefined, {}, [], valid().after, 'state']);
  else target[pick(keys)] = pick(ODD);
  return body;
}

describe('the hand-written review body check', () => {
  it('takes a valid body as it is, and one without a state or parent', () => {
    const b = valid();
    expect(checkReviewBody(b)).toBe(b);
    expect(checkReviewBody({ ...valid(), after: null, parent: null, scheduling: null, history: true })).not.toBeNull();
  });

  it('gives the schema\'s verdict on 30,000 generated bodies (seeded), with 1 to 3 changes each', () => {
    const rng = createRng(20261202);
    let accepted = 0;
    for (let i = 0; i < 30_000; i++) {
      let body: unknown = valid();
      const changes = 1 + randomIndex(3, rng);
      for (let k = 0; k < changes && typeof body === 'object' && body !== null && !Array.isArray(body); k++) body = mutate(body as Record<string, unknown>, rng);
      const zod = schema.safeParse(body);
      const mine = checkReviewBody(body);
      if (zod.success !== (mine !== null)) throw new Error(`verdicts differ (zod ${zod.success}) on ${JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v))}`);
      if (zod.success) {
        accepted += 1;
        expect(mine).toEqual(zod.data);
      }
    }
    // Both verdicts occur often: the generated bodies sit on the rules' edges.
    expect(accepted).toBeGreaterThan(1_000);
    expect(accepted).toBeLessThan(29_000);
  });

  it('refuses keys JSON can smuggle in: __proto__, and a body that is not a plain object', () => {
    const smuggled = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(valid()).slice(1)}`) as unknown;
    expect(schema.safeParse(smuggled).success).toBe(false);
    expect(checkReviewBody(smuggled)).toBeNull();
    expect(checkReviewBody([valid()])).toBeNull();
    expect(checkReviewBody(null)).toBeNull();
    expect(checkReviewBody(JSON.stringify(valid()))).toBeNull();
  });

  it('drops a card state\'s unknown keys as the schema does, and refuses them beside the body\'s', () => {
    const after = { ...(valid().after as object), extra: 1, valueOf: 2 };
    const checked = checkReviewBody({ ...valid(), after });
    expect(checked?.after).toEqual(valid().after);
    expect(checkReviewBody({ ...valid(), extra: 1 })).toBeNull();
    expect(checkReviewBody({ ...valid(), valueOf: 1 })).toBeNull();
  });
});
