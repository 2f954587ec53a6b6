/**
 * The scheduler wrapper against the FSRS reference vectors (../shared/fixtures/fsrs-vectors).
 * ts-fsrs is pinned to 5.4.2: for the FSRS-5 19-parameter short-term cases the vectors file gives
 * the values observed with 5.4.2 (`observed_ts_fsrs_5_4_2`), since 5.4.2 migrates w19 to 0.01.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScheduler, newCardState, type CardState, type RatingCode } from '../../src/main/core/scheduler';
import { haveShared, sharedPath } from '../support/shared-dir';

const FILE = ['fixtures', 'fsrs-vectors', 'fsrs_reference_vectors.json'];
const present = haveShared(...FILE);

interface Vectors {
  parameter_sets: Record<string, { w: number[] }>;
  vectors: Array<Record<string, unknown> & { id: string }>;
}
const data: Vectors = present ? (JSON.parse(readFileSync(sharedPath(...FILE), 'utf8')) as Vectors) : { parameter_sets: {}, vectors: [] };
const vector = (id: string) => {
  const v = data.vectors.find((x) => x.id === id);
  if (!v) throw new Error(`vector ${id} missing`);
  return v;
};
const weights = (name: string) => data.parameter_sets[name]?.w ?? [];

const BASE = { desiredRetention: 0.9, maximumIntervalDays: 36500, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'] };
const START = new Date(2022, 11, 29, 12, 30, 0).getTime();
const DAY = 86_400_000;

function history(w: number[], ratings: number[], shortTerm = true): CardState[] {
  const s = createScheduler(BASE, { weights: w, shortTerm });
  let card = newCardState(START);
  let now = START;
  const out: CardState[] = [];
  for (const r of ratings) {
    card = s.schedule(card, now, r as RatingCode);
    out.push(card);
    now = card.due;
  }
  return out;
}

function memory(w: number[], ratings: number[], daysBefore: number[], shortTerm: boolean): CardState {
  const s = createScheduler(BASE, { weights: w, shortTerm });
  let card = newCardState(START);
  let now = START;
  ratings.forEach((r, i) => {
    now += (daysBefore[i] ?? 0) * DAY;
    card = s.schedule(card, now, r as RatingCode);
  });
  return card;
}

describe.skipIf(!present)('FSRS wrapper against reference vectors (ts-fsrs 5.4.2)', () => {
  it('FSRS-6 interval history', () => {
    const v = vector('ivl_history_fsrs6');
    const got = history(weights('fsrs6_default'), v.ratings as number[]).map((c) => c.scheduledDays);
    expect(got).toEqual(v.expected_scheduled_days);
  });

  it('FSRS-5 interval history, with the 5.4.2 migration of w19', () => {
    const v = vector('ivl_history_fsrs5');
    const got = history(weights('fsrs5_tsfsrs_test'), v.ratings as number[]).map((c) => c.scheduledDays);
    expect(got).toEqual([0, 4, 14, 44, 125, 328, 0, 0, 6, 14, 31, 65, 130]);
    expect(got).not.toEqual(v.expected_scheduled_days);
  });

  it('FSRS-6 memory state, short-term on and long-term only', () => {
    const v = vector('memory_state_fsrs6');
    const e = v.expected as Record<string, { stability: number; difficulty: number }>;
    const on = memory(weights('fsrs6_default'), v.ratings as number[], v.days_added_before_each_review as number[], true);
    expect(on.stability).toBeCloseTo(e.short_term_enabled!.stability, 4);
    expect(on.difficulty).toBeCloseTo(e.short_term_enabled!.difficulty, 4);
    const off = memory(weights('fsrs6_default'), v.ratings as number[], v.days_added_before_each_review as number[], false);
    expect(off.stability).toBeCloseTo(e.long_term_only!.stability, 4);
    expect(off.difficulty).toBeCloseTo(e.long_term_only!.difficulty, 4);
  });

  it('FSRS-5 memory state (observed values for 5.4.2)', () => {
    const v = vector('memory_state_fsrs5');
    const observed = (v.observed_ts_fsrs_5_4_2 as Record<string, { stability: number; difficulty: number }>).short_term_enabled!;
    const on = memory(weights('fsrs5_tsfsrs_test'), v.ratings as number[], v.days_added_before_each_review as number[], true);
    expect(on.stability).toBeCloseTo(observed.stability, 4);
    expect(on.difficulty).toBeCloseTo(observed.difficulty, 4);
    const longOnly = (v.expected as Record<string, { stability: number }>).long_term_only!;
    const off = memory(weights('fsrs5_tsfsrs_test'), v.ratings as number[], v.days_added_before_each_review as number[], false);
    expect(off.stability).toBeCloseTo(longOnly.stability, 4);
  });

  it('first repeat from a new card for each rating, and preview agrees with schedule', () => {
    const v = vector('first_repeat_fsrs6');
    const e = v.expected_by_grade_again_hard_good_easy as Record<string, unknown[]>;
    const s = createScheduler(BASE, { weights: weights('fsrs6_default') });
    const card = newCardState(START);
    const preview = s.preview(card, START);
    const states = ['New', 'Learning', 'Review', 'Relearning'];
    ([1, 2, 3, 4] as RatingCode[]).forEach((r, i) => {
      const next = s.schedule(card, START, r);
      expect(next.stability).toBeCloseTo(e.stability![i] as number, 4);
      expect(next.difficulty).toBeCloseTo(e.difficulty![i] as number, 4);
      expect(next.scheduledDays).toBe(e.scheduled_days![i]);
      expect(states[next.state]).toBe(e.state![i]);
      expect(preview[r]).toEqual(next);
    });
  });

  it('long-term scheduler cases (FSRS-5 weights, short-term off)', () => {
    const v = vector('long_term_scheduler');
    const cases = v.cases as Array<{ name: string; ratings: number[]; scheduled_days: number[]; stability: number[]; difficulty: number[] }>;
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const c of cases) {
      const got = history(weights('fsrs5_long_term_test'), c.ratings, false);
      expect(got.map((x) => x.scheduledDays), c.name).toEqual(c.scheduled_days);
      got.forEach((x, i) => {
        expect(x.stability).toBeCloseTo(c.stability[i] ?? NaN, 4);
        expect(x.difficulty).toBeCloseTo(c.difficulty[i] ?? NaN, 4);
      });
    }
  });

  it('fuzz spreads long intervals but stays deterministic for the same inputs', () => {
    const fuzzed = createScheduler({ ...BASE, fuzz: true });
    let card = newCardState(START);
    let now = START;
    for (const r of [3, 3, 3, 3] as RatingCode[]) {
      card = fuzzed.schedule(card, now, r);
      now = card.due;
    }
    const a = fuzzed.schedule(card, now, 3);
    const b = fuzzed.preview(card, now)[3];
    expect(a).toEqual(b);
  });
});
