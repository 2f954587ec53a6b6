/**
 * Seeded randomness for quizzes. Everything a quiz does at random goes through one of these
 * generators, so the same seed always yields the same quiz.
 */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny 32-bit generator, good enough for shuffling cards. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [0, n). */
export function randomIndex(n: number, rng: Rng): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** Fisher-Yates shuffle into a new array; the input is left untouched. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, rng);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/**
 * Lazily walks `items` in a random order without copying it: each call to `next()` returns the
 * index of an item not returned before, or -1 when all have been returned. Costs O(calls), not
 * O(items), so drawing a few items from a very large list stays cheap.
 */
export function randomOrder(length: number, rng: Rng): { next(): number } {
  const swapped = new Map<number, number>();
  let drawn = 0;
  return {
    next(): number {
      if (drawn >= length) return -1;
      const j = drawn + randomIndex(length - drawn, rng);
      const atJ = swapped.get(j) ?? j;
      const atDrawn = swapped.get(drawn) ?? drawn;
      swapped.set(j, atDrawn);
      swapped.delete(drawn);
      drawn++;
      return atJ;
    },
  };
}

/** `n` distinct items (by position) chosen at random, in random order; all of them when n ≥ length. */
export function pick<T>(items: readonly T[], n: number, rng: Rng): T[] {
  const count = Math.max(0, Math.min(Math.floor(n), items.length));
  const order = randomOrder(items.length, rng);
  const out: T[] = [];
  for (let k = 0; k < count; k++) out.push(items[order.next()] as T);
  return out;
}

/**
 * Deterministic 32-bit hash (FNV-1a over the UTF-16 code units) of the parts, for deriving seeds
 * such as "this attempt, this card". Parts are separated so ("ab", "c") differs from ("a", "bc"),
 * and a number hashes differently from the same digits as a string.
 */
export function hashSeed(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  const mix = (code: number): void => {
    h ^= code & 0xffff;
    h = Math.imul(h, 0x01000193);
  };
  for (const part of parts) {
    mix(typeof part === 'number' ? 0x23 : 0x24);
    const s = String(part);
    for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
    mix(0x1f);
  }
  return h >>> 0;
}
