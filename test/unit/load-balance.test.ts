/** Load balancing and easy days: reviews leave busy days and free weekdays, light days take fewer, off is the plain fuzz. */
import { describe, expect, it } from 'vitest';
import { studyDayNumber } from '../../src/main/core/day';
import { fuzzBounds, reviewInterval } from '../../src/main/core/fuzz';
import { balancedInterval, easyDayOpen, weekdayOf, weightedPick } from '../../src/main/core/load-balance';
import { CardStates, createScheduler, type CardState } from '../../src/main/core/scheduler';

/** A small seeded generator (mulberry32) so every run draws the same factors. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const NORMAL = [1, 1, 1, 1, 1, 1, 1];
const TODAY = studyDayNumber(Date.UTC(2026, 2, 9, 12), 4, 'UTC'); // Monday 9 March 2026

describe('weekdays of study days', () => {
  it('counts Monday as 0', () => {
    expect(weekdayOf(TODAY)).toBe(0);
    expect(weekdayOf(TODAY + 6)).toBe(6);
    expect(weekdayOf(TODAY + 7)).toBe(0);
  });
});

describe('weighted pick', () => {
  it('with equal weights picks the plain fuzz day for every factor', () => {
    const rand = seeded(1);
    for (let i = 0; i < 2000; i++) {
      const f = rand();
      expect(weightedPick([1, 1, 1, 1, 1], f)).toBe(Math.floor(f * 5));
    }
  });
});

describe('load balancing', () => {
  it('moves reviews off a busy day in the fuzz range', () => {
    const [lower, upper] = fuzzBounds(10, 1, 36500); // 8..12
    const busy = TODAY + 10;
    const dueOn = (day: number) => (day === busy ? 60 : 5);
    const rand = seeded(7);
    let balancedOnBusy = 0;
    let plainOnBusy = 0;
    const runs = 5000;
    for (let i = 0; i < runs; i++) {
      const factor = rand();
      if (balancedInterval({ lower, upper, today: TODAY, dueOn, easyDays: NORMAL, factor }) === 10) balancedOnBusy++;
      if (reviewInterval(10, 1, 36500, factor) === 10) plainOnBusy++;
    }
    expect(plainOnBusy / runs).toBeGreaterThan(0.15); // one day in five
    expect(balancedOnBusy / runs).toBeLessThan(0.01);
  });

  it('prefers an empty day, and leans to earlier days among equally loaded ones', () => {
    const rand = seeded(3);
    const picks = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const d = balancedInterval({ lower: 8, upper: 12, today: TODAY, dueOn: (day) => (day === TODAY + 11 ? 0 : 4), easyDays: NORMAL, factor: rand() });
      picks.set(d, (picks.get(d) ?? 0) + 1);
    }
    expect((picks.get(11) ?? 0) / 3000).toBeGreaterThan(0.95);
    const spread = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const d = balancedInterval({ lower: 8, upper: 12, today: TODAY, dueOn: () => 4, easyDays: NORMAL, factor: rand() });
      spread.set(d, (spread.get(d) ?? 0) + 1);
    }
    expect(spread.get(8) ?? 0).toBeGreaterThan(spread.get(12) ?? 0);
  });
});

describe('easy days', () => {
  /** Schedule `n` cards one after another at interval 30 (a 7-day range: each weekday once), each adding to its day's load. */
  function fill(easyDays: number[], n: number): number[] {
    const [lower, upper] = fuzzBounds(30, 1, 36500);
    expect(upper - lower + 1).toBe(7);
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    const counts = new Map<number, number>();
    const rand = seeded(11);
    for (let i = 0; i < n; i++) {
      const d = balancedInterval({ lower, upper, today: TODAY, dueOn: (day) => counts.get(day) ?? 0, easyDays, factor: rand() });
      counts.set(TODAY + d, (counts.get(TODAY + d) ?? 0) + 1);
      byWeekday[weekdayOf(TODAY + d)]!++;
    }
    return byWeekday;
  }

  it('a free Sunday gets no reviews, a light Saturday about half of a normal day', () => {
    const byWeekday = fill([1, 1, 1, 1, 1, 0.5, 0], 700);
    expect(byWeekday[6]).toBe(0);
    const normal = byWeekday.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    expect(byWeekday[5]!).toBeLessThan(normal * 0.6);
    expect(byWeekday[5]!).toBeGreaterThan(normal * 0.4);
  });

  it('without easy days every weekday takes its share', () => {
    const byWeekday = fill(NORMAL, 700);
    for (const n of byWeekday) expect(n).toBeGreaterThan(80);
  });

  it('a light day closes once its doubled load passes the others\' average', () => {
    expect(easyDayOpen([1, 1, 0.5], [10, 10, 5])).toEqual([1, 1, 1]);
    expect(easyDayOpen([1, 1, 0.5], [10, 10, 6])).toEqual([1, 1, 0]);
  });

  it('if every day of the range is free, the range is used anyway', () => {
    const d = balancedInterval({ lower: 3, upper: 3, today: TODAY, dueOn: () => 0, easyDays: [0, 0, 0, 0, 0, 0, 0], factor: 0.5 });
    expect(d).toBe(3);
  });
});

describe('the scheduler', () => {
  const BASE = { desiredRetention: 0.9, maximumIntervalDays: 36500, fuzz: true, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], dayStartHour: 4 };
  const now = Date.UTC(2026, 2, 9, 12);
  const review = (stability: number): CardState => ({
    due: now,
    stability,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: Math.round(stability),
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    state: CardStates.Review,
    lastReview: now - Math.round(stability) * 86_400_000,
  });

  it('off (load balancing off, whatever the easy days) gives exactly the plain fuzz', () => {
    for (const easyDays of [NORMAL, [1, 1, 1, 1, 1, 0.5, 0]]) {
      const off = createScheduler({ ...BASE, loadBalancing: false, easyDays }, { timeZone: 'UTC' });
      expect(off.balances).toBe(false);
      const busy = (day: number) => (day % 3 === 0 ? 100 : 1);
      for (let id = 1; id <= 300; id++) {
        const card = review(5 + (id % 40));
        expect(off.preview(card, now, id, busy)).toEqual(off.preview(card, now, id));
      }
    }
  });

  it('on, with easy days all 1, balances by load alone', () => {
    const on = createScheduler({ ...BASE, loadBalancing: true, easyDays: NORMAL }, { timeZone: 'UTC' });
    expect(on.balances).toBe(true);
    const busy = (day: number) => (day % 3 === 0 ? 100 : 1);
    let moved = 0;
    for (let id = 1; id <= 300; id++) {
      const card = review(5 + (id % 40));
      if (on.schedule(card, now, 3, id, busy).due !== on.schedule(card, now, 3, id).due) moved++;
    }
    expect(moved).toBeGreaterThan(50);
  });

  it('without fuzz nothing is balanced', () => {
    const s = createScheduler({ ...BASE, fuzz: false, loadBalancing: true, easyDays: NORMAL }, { timeZone: 'UTC' });
    expect(s.balances).toBe(false);
  });

  it('on, moves Good answers off a busy day and off a free weekday', () => {
    const on = createScheduler({ ...BASE, loadBalancing: true, easyDays: [1, 1, 1, 1, 1, 1, 0] }, { timeZone: 'UTC' });
    const plain = createScheduler({ ...BASE, loadBalancing: false, easyDays: NORMAL }, { timeZone: 'UTC' });
    let plainOnSunday = 0;
    let onSunday = 0;
    let plainOnBusy = 0;
    let onBusy = 0;
    // The busy day: the plain fuzz's most frequent day for this card.
    const plainDays = new Map<number, number>();
    for (let id = 1; id <= 1000; id++) {
      const d = studyDayNumber(plain.schedule(review(10), now, 3, id).due, 4, 'UTC');
      plainDays.set(d, (plainDays.get(d) ?? 0) + 1);
    }
    const busyDay = [...plainDays].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]![0];
    expect(plainDays.size).toBeGreaterThan(3);
    const dueOn = (day: number) => (day === busyDay ? 80 : 6);
    for (let id = 1; id <= 1000; id++) {
      const card = review(10);
      const a = on.schedule(card, now, 3, id, dueOn);
      const b = plain.schedule(card, now, 3, id, dueOn);
      const dayA = studyDayNumber(a.due, 4, 'UTC');
      const dayB = studyDayNumber(b.due, 4, 'UTC');
      expect(dayA - TODAY).toBe(a.scheduledDays);
      if (weekdayOf(dayA) === 6) onSunday++;
      if (weekdayOf(dayB) === 6) plainOnSunday++;
      if (dayA === busyDay) onBusy++;
      if (dayB === busyDay) plainOnBusy++;
      // The button label and the answer agree: preview equals schedule.
      expect(on.preview(card, now, id, dueOn)[3]).toEqual(a);
    }
    expect(plainOnSunday).toBeGreaterThan(50);
    expect(onSunday).toBe(0);
    expect(plainOnBusy).toBeGreaterThan(50);
    expect(onBusy).toBeLessThan(10);
  });
});
