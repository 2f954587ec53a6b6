/**
 * Review activity from answers counted per quarter hour (every study-day and local-hour boundary
 * falls on a quarter hour, zone offsets being whole quarter hours): answers and minutes per study
 * day, and answers with their pass rate per local hour of the day.
 */
import type { HourActivity } from '../../../shared/api/stats-contract';
import { localHour, studyDayNumber } from '../day';

export const QUARTER_HOUR_MS = 900_000;

export interface QuarterHourActivity {
  /** Start of the quarter hour as `bucket × QUARTER_HOUR_MS` epoch ms. */
  bucket: number;
  reviews: number;
  passed: number;
  durationMs: number;
}

export interface DayActivity {
  day: number;
  reviews: number;
  durationMs: number;
}

export interface StudyTime {
  rolloverHour: number;
  timeZone: string;
}

/** Answers per study day, in day order. */
export function activityByDay(rows: readonly QuarterHourActivity[], time: StudyTime): DayActivity[] {
  const byDay = new Map<number, DayActivity>();
  for (const r of rows) {
    const day = studyDayNumber(r.bucket * QUARTER_HOUR_MS, time.rolloverHour, time.timeZone);
    const d = byDay.get(day) ?? { day, reviews: 0, durationMs: 0 };
    d.reviews += r.reviews;
    d.durationMs += r.durationMs;
    byDay.set(day, d);
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

/** Answers and passes per local hour (0..23) for the quarter hours at or after `since` (epoch ms). */
export function activityByHour(rows: readonly QuarterHourActivity[], since: number, timeZone: string): HourActivity[] {
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, reviews: 0, passed: 0 }));
  for (const r of rows) {
    const at = r.bucket * QUARTER_HOUR_MS;
    if (at < since) continue;
    const h = hours[localHour(at, timeZone)]!;
    h.reviews += r.reviews;
    h.passed += r.passed;
  }
  return hours;
}

/** Cards due per study day from `today` for `days` days; cards due before today (overdue) count on today. */
export function forecastByDay(rows: ReadonlyArray<{ bucket: number; cards: number }>, today: number, days: number, time: StudyTime): number[] {
  const perDay = new Array<number>(days).fill(0);
  for (const r of rows) {
    const offset = r.bucket < 0 ? 0 : studyDayNumber(r.bucket * QUARTER_HOUR_MS, time.rolloverHour, time.timeZone) - today;
    const i = Math.max(0, offset);
    if (i < days) perDay[i]! += r.cards;
  }
  return perDay;
}
