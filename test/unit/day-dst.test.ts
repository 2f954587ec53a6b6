/**
 * Study days across a whole year in zones with different daylight-saving rules: every instant
 * lies inside its own study day, and days are 23 to 25 hours long (Lord Howe: 23.5 to 24.5).
 */
import { describe, expect, it } from 'vitest';
import { elapsedDays, studyDay, studyDayNumber, studyDayStart } from '../../src/main/core/day';

const H = 3_600_000;
const STEP = 30 * 60_000;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);

const ZONES = [
  'America/New_York', // changes at 02:00 local
  'Europe/Berlin', // changes at 01:00 UTC (02:00/03:00 local)
  'Australia/Sydney', // southern hemisphere, 02:00/03:00
  'America/Santiago', // changes at midnight: hour 23 repeats in April
  'Australia/Lord_Howe', // half-hour change
  'America/Havana', // falls back at 01:00 to 00:00: hour 0 repeats
  'Asia/Tokyo', // no daylight saving
];
const ROLLOVER_HOURS = [0, 1, 2, 3, 4, 23];

describe('study day over a year, every 30 minutes', () => {
  for (const zone of ZONES) {
    it(`${zone}: now is inside its own study day for rollover hours ${ROLLOVER_HOURS.join(', ')}`, () => {
      const failures: string[] = [];
      for (const hour of ROLLOVER_HOURS) {
        let previous = studyDay(YEAR_START - STEP, hour, zone);
        for (let now = YEAR_START; now < YEAR_END; now += STEP) {
          const day = studyDay(now, hour, zone);
          if (!(day.start <= now && now < day.end)) failures.push(`${new Date(now).toISOString()} r${hour}: outside [${new Date(day.start).toISOString()}, ${new Date(day.end).toISOString()})`);
          const length = day.end - day.start;
          if (length < 22.5 * H || length > 25.5 * H) failures.push(`${new Date(now).toISOString()} r${hour}: day of ${length / H} h`);
          // Days follow each other without gap or overlap.
          if (day.start !== previous.start && day.start !== previous.end) failures.push(`${new Date(now).toISOString()} r${hour}: gap or overlap`);
          previous = day;
          if (failures.length > 5) break;
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('the repeated hour of a fall-back belongs to the study day that starts at its first occurrence', () => {
  it('Europe/Berlin, 25 October 2026, rollover 2: 02:30 summer time is already the new study day', () => {
    // 02:00 CEST (00:00 UTC) starts the day; 02:30 CEST is 00:30 UTC, 02:30 CET is 01:30 UTC.
    const firstOccurrence = Date.UTC(2026, 9, 25, 0, 30);
    const day = studyDay(firstOccurrence, 2, 'Europe/Berlin');
    expect(day.start).toBe(Date.UTC(2026, 9, 25, 0, 0));
    expect(day.start).toBeLessThanOrEqual(firstOccurrence);
    expect(studyDay(Date.UTC(2026, 9, 25, 1, 30), 2, 'Europe/Berlin').start).toBe(day.start);
    expect(day.end - day.start).toBe(25 * H);
  });

  it('America/Santiago, 4 April 2026, rollover 23: both 23:30s are in the same study day', () => {
    // Clocks go back from Sunday 00:00 (-03) to Saturday 23:00 (-04).
    const first = Date.UTC(2026, 3, 5, 2, 30); // 23:30 -03
    const second = Date.UTC(2026, 3, 5, 3, 30); // 23:30 -04
    const a = studyDay(first, 23, 'America/Santiago');
    expect(a.start).toBeLessThanOrEqual(first);
    expect(studyDay(second, 23, 'America/Santiago')).toEqual(a);
    expect(studyDayNumber(first, 23, 'America/Santiago')).toBe(studyDayNumber(second, 23, 'America/Santiago'));
  });
});

describe('study day numbers', () => {
  it('the start of day n is numbered n, the instant before it n - 1', () => {
    for (const zone of ['America/New_York', 'Australia/Lord_Howe']) {
      for (let n = studyDayNumber(YEAR_START, 4, zone); n < studyDayNumber(YEAR_END, 4, zone); n++) {
        const start = studyDayStart(n, 4, zone);
        expect(studyDayNumber(start, 4, zone)).toBe(n);
        expect(studyDayNumber(start - 1, 4, zone)).toBe(n - 1);
      }
    }
  });

  it('elapsed days over a fall-back night: 04:30 the day before and 04:30 the day after are two study days apart', () => {
    // New York falls back on 1 November 2026.
    const before = Date.UTC(2026, 9, 31, 8, 30); // 04:30 EDT
    const after = Date.UTC(2026, 10, 2, 9, 30); // 04:30 EST
    expect(elapsedDays(before, after, 4, 'America/New_York')).toBe(2);
    expect(elapsedDays(before, before + 24 * H, 4, 'America/New_York')).toBe(0); // 03:30 EST is still 31 October's study day
  });
});
