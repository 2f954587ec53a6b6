import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { ankiFsrsHistory, type AnkiRevlogEntry } from '../../src/main/interchange/anki/anki-history';
import { memoryStateFromSm2 } from '../../src/main/interchange/anki/anki-card-state';
import { haveShared, sharedPath } from '../support/shared-dir';

let nextId = 1_700_000_000_000;
/** An entry an hour after the previous one. */
const e = (type: number, ease: number, ivl: number, factor = 2500): AnkiRevlogEntry => ({ id: (nextId += 3_600_000), ease, ivl, factor, type, time: 1000 });
const eases = (h: ReturnType<typeof ankiFsrsHistory>): number[] | undefined => h?.entries.map((x) => x.ease);

describe('ankiFsrsHistory (Anki’s reviews_for_fsrs)', () => {
  it('a full history from the first learning answer is complete', () => {
    const h = ankiFsrsHistory([e(0, 1, -60, 0), e(0, 3, 1), e(1, 3, 3), e(1, 1, -600), e(2, 3, 1)]);
    expect(eases(h)).toEqual([1, 3, 3, 1, 3]);
    expect(h?.complete).toBe(true);
  });

  it('starts at the last run of learning answers', () => {
    const h = ankiFsrsHistory([e(0, 3, 1), e(1, 3, 3), e(0, 1, -60, 0), e(0, 4, 4), e(1, 3, 9)]);
    expect(eases(h)).toEqual([1, 4, 3]);
    expect(h?.complete).toBe(true);
  });

  it('a reset ends the history; learning after it makes it complete', () => {
    const h = ankiFsrsHistory([e(0, 3, 1), e(1, 3, 3), e(4, 0, 0, 0), e(0, 3, 1), e(1, 2, 2)]);
    expect(eases(h)).toEqual([3, 2]);
    expect(h?.complete).toBe(true);
  });

  it('a reset followed by reviews only leaves an incomplete history', () => {
    const h = ankiFsrsHistory([e(0, 3, 1), e(4, 0, 0, 0), e(4, 0, 5, 2500), e(1, 3, 8)]);
    expect(eases(h)).toEqual([3]);
    expect(h?.complete).toBe(false);
  });

  it('a reset not answered since leaves nothing', () => {
    expect(ankiFsrsHistory([e(0, 3, 1), e(1, 3, 4), e(4, 0, 0, 0)])).toBeUndefined();
  });

  it('cram answers (filtered deck, no rescheduling) never count; rescheduling filtered answers do', () => {
    const h = ankiFsrsHistory([e(0, 3, 1), e(3, 1, 0, 0), e(3, 3, 4, 2500), e(5, 0, 9, 2500)]);
    expect(eases(h)).toEqual([3, 3]);
  });

  it('without learning answers: from the first interday answer, incomplete', () => {
    const h = ankiFsrsHistory([e(1, 1, -600), e(2, 3, 1), e(1, 3, 4)]);
    expect(eases(h)).toEqual([3, 3]);
    expect(h?.complete).toBe(false);
  });
});

describe.skipIf(!haveShared('fixtures', 'fsrs-vectors', 'fsrs_reference_vectors.json'))('memoryStateFromSm2', () => {
  it('matches fsrs-rs memory_state_from_sm2 (default parameters)', () => {
    const json = JSON.parse(readFileSync(sharedPath('fixtures', 'fsrs-vectors', 'fsrs_reference_vectors.json'), 'utf8')) as {
      vectors: Array<{ id: string; cases?: Array<{ ease_factor: number; interval: number; sm2_retention: number; stability: number; difficulty: number }> }>;
    };
    const cases = json.vectors.find((v) => v.id === 'fsrs_rs_memory_state_from_sm2')?.cases ?? [];
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const m = memoryStateFromSm2(undefined, c.ease_factor, c.interval, c.sm2_retention);
      expect(Math.abs((m?.stability ?? 0) - c.stability) / c.stability).toBeLessThan(1e-4);
      expect(Math.abs((m?.difficulty ?? 0) - c.difficulty) / c.difficulty).toBeLessThan(1e-4);
    }
  });
});
