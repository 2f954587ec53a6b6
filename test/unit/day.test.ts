import { describe, expect, it } from 'vitest';
import { elapsedDays, studyDay, zonedTimeToEpoch } from '../../src/main/core/day';

const H = 3_600_000;

describe('study day rollover', () => {
  it('starts at the rollover hour, local time', () => {
    const day = studyDay(Date.UTC(2026, 2, 10, 9, 0), 4, 'UTC');
    expect(day.start).toBe(Date.UTC(2026, 2, 10, 4, 0));
    expect(day.end).toBe(Date.UTC(2026, 2, 11, 4, 0));
  });

  it('a minute before the boundary belongs to the previous day; at the boundary, the new one', () => {
    const before = studyDay(Date.UTC(2026, 2, 11, 3, 59, 59, 999), 4, 'UTC');
    const at = studyDay(Date.UTC(2026, 2, 11, 4, 0), 4, 'UTC');
    expect(before.start).toBe(Date.UTC(2026, 2, 10, 4, 0));
    expect(at.start).toBe(Date.UTC(2026, 2, 11, 4, 0));
    expect(before.end).toBe(at.start);
  });

  it('uses the zone of the user, not UTC', () => {
    // 02:00 in Tokyo (UTC+9) on 10 March is 17:00 UTC on 9 March: still the study day that began 9 March 04:00 Tokyo.
    const day = studyDay(Date.UTC(2026, 2, 9, 17, 0), 4, 'Asia/Tokyo');
    expect(day.start).toBe(Date.UTC(2026, 2, 8, 19, 0));
    expect(day.end - day.start).toBe(24 * H);
  });

  it('spring forward (America/New_York, 8 March 2026 at 02:00): the study day holding the jump is 23 hours', () => {
    // 01:00 EST on 8 March is before the 04:00 rollover: still the day that began 7 March 04:00 EST.
    const jumpDay = studyDay(Date.UTC(2026, 2, 8, 6, 0), 4, 'America/New_York');
    expect(jumpDay.start).toBe(Date.UTC(2026, 2, 7, 9, 0)); // 04:00 EST
    expect(jumpDay.end).toBe(Date.UTC(2026, 2, 8, 8, 0)); // 04:00 EDT
    expect(jumpDay.end - jumpDay.start).toBe(23 * H);
    // The next study day is a normal 24 hours, 04:00 EDT to 04:00 EDT.
    const next = studyDay(Date.UTC(2026, 2, 8, 12, 0), 4, 'America/New_York');
    expect(next.start).toBe(jumpDay.end);
    expect(next.end - next.start).toBe(24 * H);
  });

  it('a day containing the spring jump at 02:00 with rollover at 1 am is 23 hours', () => {
    const day = studyDay(Date.UTC(2026, 2, 8, 12, 0), 1, 'America/New_York');
    expect(day.start).toBe(Date.UTC(2026, 2, 8, 6, 0)); // 01:00 EST
    expect(day.end).toBe(Date.UTC(2026, 2, 9, 5, 0)); // 01:00 EDT
    expect(day.end - day.start).toBe(23 * H);
  });

  it('fall back (Europe/Berlin, 25 October 2026) gives a 25-hour day', () => {
    const day = studyDay(Date.UTC(2026, 9, 25, 12, 0), 1, 'Europe/Berlin');
    expect(day.start).toBe(Date.UTC(2026, 9, 24, 23, 0)); // 01:00 CEST
    expect(day.end).toBe(Date.UTC(2026, 9, 26, 0, 0)); // 01:00 CET
    expect(day.end - day.start).toBe(25 * H);
  });

  it('a rollover hour skipped by the jump resolves to just after the gap', () => {
    // 02:00 does not exist in New York on 8 March 2026.
    const t = zonedTimeToEpoch(2026, 3, 8, 2, 'America/New_York');
    expect(t).toBe(Date.UTC(2026, 2, 8, 7, 0));
  });
});

describe('elapsed days between study days (what FSRS is fed)', () => {
  it('21:30 and 09:00 the next morning are one day apart in Los Angeles and in Tokyo', () => {
    // Los Angeles (UTC-7 in March after the change): 21:30 on 20 March is 04:30 UTC on the 21st; 09:00 on the 21st is 16:00 UTC.
    expect(elapsedDays(Date.UTC(2026, 2, 21, 4, 30), Date.UTC(2026, 2, 21, 16, 0), 4, 'America/Los_Angeles')).toBe(1);
    // Tokyo (UTC+9): 21:30 on 20 March is 12:30 UTC; 09:00 on the 21st is 00:00 UTC.
    expect(elapsedDays(Date.UTC(2026, 2, 20, 12, 30), Date.UTC(2026, 2, 21, 0, 0), 4, 'Asia/Tokyo')).toBe(1);
  });

  it('09:00 and 21:00 the next day in New York are one day apart, not two', () => {
    // 21:00 EDT on 21 March is 01:00 UTC on the 22nd: two UTC dates later, one study day later.
    expect(elapsedDays(Date.UTC(2026, 2, 20, 13, 0), Date.UTC(2026, 2, 22, 1, 0), 4, 'America/New_York')).toBe(1);
  });

  it('the rollover hour decides: 03:59 belongs to the day before, 04:00 to the new day', () => {
    const evening = Date.UTC(2026, 2, 10, 20, 0);
    expect(elapsedDays(evening, Date.UTC(2026, 2, 11, 3, 59), 4, 'UTC')).toBe(0);
    expect(elapsedDays(evening, Date.UTC(2026, 2, 11, 4, 0), 4, 'UTC')).toBe(1);
    expect(elapsedDays(evening, Date.UTC(2026, 2, 11, 4, 0), 5, 'UTC')).toBe(0);
  });

  it('never negative (a clock moved back)', () => {
    expect(elapsedDays(Date.UTC(2026, 2, 12, 12), Date.UTC(2026, 2, 10, 12), 4, 'UTC')).toBe(0);
  });
});
