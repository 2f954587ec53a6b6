import { describe, expect, it } from 'vitest';
import { activityByDay, activityByHour, forecastByDay, QUARTER_HOUR_MS } from '../../src/main/core/stats/activity';
import { dayRangeLabel, distribution, percentRangeLabel, STABILITY_EDGES } from '../../src/main/core/stats/distributions';
import { studyStreaks } from '../../src/main/core/stats/streaks';
import { buttonCounts, retentionRate, trueRetention, type AnswerGroup } from '../../src/main/core/stats/true-retention';
import { studyDayDate } from '../../src/main/core/stats/day-date';

describe('study streaks', () => {
  it('counts the current run from today and the longest run anywhere', () => {
    expect(studyStreaks([1, 2, 3, 4, 10, 11, 20, 21, 22], 22)).toEqual({ current: 3, longest: 4 });
  });
  it('keeps the current streak while today has no answer yet, and ends it after a missed day', () => {
    expect(studyStreaks([5, 6, 7], 8)).toEqual({ current: 3, longest: 3 });
    expect(studyStreaks([5, 6, 7], 9)).toEqual({ current: 0, longest: 3 });
  });
  it('ignores duplicates, order and days after today; nothing studied is 0 and 0', () => {
    expect(studyStreaks([3, 1, 2, 2, 9], 3)).toEqual({ current: 3, longest: 3 });
    expect(studyStreaks([], 100)).toEqual({ current: 0, longest: 0 });
  });
});

const g = (daysAgo: number, stateBefore: number, mature: boolean, rating: number, answers: number): AnswerGroup => ({ daysAgo, stateBefore, mature, rating, answers });

describe('true retention (Anki 24.11)', () => {
  const groups = [
    g(0, 2, false, 3, 4), // today, young, passed
    g(0, 2, false, 1, 1), // today, young, failed
    g(0, 2, true, 2, 2), // today, mature, Hard passes
    g(0, 1, false, 1, 7), // learning answers never count
    g(0, 0, false, 3, 9), // new cards neither
    g(1, 2, true, 1, 3), // yesterday, mature, failed
    g(6, 2, true, 4, 5), // within the week
    g(29, 2, false, 3, 10), // within the month
    g(89, 2, true, 3, 20), // within the year
    g(364, 2, false, 1, 30), // within the year
  ];
  it('counts review-state answers only, pass being Hard, Good or Easy, per period', () => {
    const rows = trueRetention(groups);
    expect(rows.map((r) => r.period)).toEqual(['today', 'yesterday', 'week', 'month', 'year']);
    expect(rows[0]).toEqual({ period: 'today', young: { passed: 4, failed: 1 }, mature: { passed: 2, failed: 0 } });
    expect(rows[1]).toEqual({ period: 'yesterday', young: { passed: 0, failed: 0 }, mature: { passed: 0, failed: 3 } });
    expect(rows[2]).toEqual({ period: 'week', young: { passed: 4, failed: 1 }, mature: { passed: 7, failed: 3 } });
    expect(rows[3]).toEqual({ period: 'month', young: { passed: 14, failed: 1 }, mature: { passed: 7, failed: 3 } });
    expect(rows[4]).toEqual({ period: 'year', young: { passed: 14, failed: 31 }, mature: { passed: 27, failed: 3 } });
  });
  it('gives the share passed, or null without answers', () => {
    expect(retentionRate(9, 1)).toBeCloseTo(0.9, 10);
    expect(retentionRate(0, 0)).toBeNull();
  });
  it('counts buttons per learning / young / mature within the range', () => {
    expect(buttonCounts(groups, 30)).toEqual([
      { group: 'learning', counts: [7, 0, 9, 0] },
      { group: 'young', counts: [1, 0, 14, 0] },
      { group: 'mature', counts: [3, 2, 0, 5] },
    ]);
    expect(buttonCounts(groups, 365)[2]).toEqual({ group: 'mature', counts: [3, 2, 20, 5] });
  });
});

describe('distributions', () => {
  it('puts whole-unit groups into buckets with the exact mean', () => {
    const d = distribution(
      [
        { value: 0, cards: 2, sum: 0.5 },
        { value: 4, cards: 1, sum: 4.5 },
        { value: 13, cards: 3, sum: 40 },
        { value: 5000, cards: 1, sum: 5000.25 },
      ],
      STABILITY_EDGES,
      dayRangeLabel,
    );
    expect(d.cards).toBe(7);
    expect(d.mean).toBeCloseTo((0.5 + 4.5 + 40 + 5000.25) / 7, 10);
    const byLabel = Object.fromEntries(d.buckets.map((b) => [b.label, b.cards]));
    expect(byLabel).toMatchObject({ '0 d': 2, '3–4 d': 1, '10–13 d': 3, '730+ d': 1, '1 d': 0 });
    expect(d.buckets.reduce((n, b) => n + b.cards, 0)).toBe(7);
  });
  it('labels percent buckets, the last one closed at 100 %', () => {
    const d = distribution([{ value: 100, cards: 2, sum: 200 }], [0, 50], percentRangeLabel);
    expect(d.buckets).toEqual([
      { label: '0–50%', from: 0, to: 50, cards: 0 },
      { label: '50–100%', from: 50, to: null, cards: 2 },
    ]);
    expect(distribution([], [0, 50], percentRangeLabel).mean).toBeNull();
  });
});

describe('activity by study day and hour', () => {
  const H = 3_600_000;
  const at = (ms: number) => Math.floor(ms / QUARTER_HOUR_MS);
  const base = Date.UTC(2026, 2, 10);
  const rows = [
    { bucket: at(base + 2 * H), reviews: 3, passed: 2, durationMs: 60_000 }, // 02:00, before the 4 am rollover: 9 March
    { bucket: at(base + 5 * H), reviews: 4, passed: 4, durationMs: 120_000 }, // 05:00, 10 March
    { bucket: at(base + 5 * H + QUARTER_HOUR_MS), reviews: 1, passed: 0, durationMs: 30_000 },
  ];
  it('sums answers and time per study day with the day-start hour', () => {
    const days = activityByDay(rows, { rolloverHour: 4, timeZone: 'UTC' });
    expect(days.map((d) => [studyDayDate(d.day), d.reviews, d.durationMs])).toEqual([
      ['2026-03-09', 3, 60_000],
      ['2026-03-10', 5, 150_000],
    ]);
  });
  it('counts answers and passes per local hour in the zone', () => {
    const hours = activityByHour(rows, 0, 'America/New_York'); // UTC-4 after 8 March 2026
    expect(hours[22]).toEqual({ hour: 22, reviews: 3, passed: 2 });
    expect(hours[1]).toEqual({ hour: 1, reviews: 5, passed: 4 });
    expect(hours.reduce((n, h) => n + h.reviews, 0)).toBe(8);
    expect(activityByHour(rows, base + 4 * H, 'UTC')[5]).toEqual({ hour: 5, reviews: 5, passed: 4 });
  });
  it('puts overdue cards on today and leaves out cards beyond the range', () => {
    const today = Date.UTC(2026, 2, 10) / 86_400_000;
    const due = [
      { bucket: -1, cards: 7 },
      { bucket: at(base + 20 * H), cards: 2 },
      { bucket: at(base + 26 * H), cards: 1 }, // 02:00 next morning: still the 10th's study day
      { bucket: at(base + 29 * H), cards: 5 },
      { bucket: at(base + 30 * 24 * H), cards: 9 },
    ];
    expect(forecastByDay(due, today, 3, { rolloverHour: 4, timeZone: 'UTC' })).toEqual([10, 5, 0]);
  });
});
