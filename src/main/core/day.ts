/**
 * The study day. A day starts at `rolloverHour` local time (Anki's "next day starts at", 4 am by
 * default) in the given IANA time zone, so a late-night session still counts for the day it began
 * in. Pure: the time zone is a parameter, and DST changes are handled by converting wall-clock
 * times through Intl rather than by adding fixed offsets.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
function zoneOffset(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in the zone. For a time skipped by a DST jump the
 * instant just after the gap is returned; for a repeated time, the first occurrence.
 */
export function zonedTimeToEpoch(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day, hour);
  const first = naive - zoneOffset(naive, timeZone);
  const second = naive - zoneOffset(first, timeZone);
  if (first === second) return first;
  // The two guesses disagree around a transition: take the earlier instant that maps to the wall time, else the later.
  const candidates = [first, second].sort((a, b) => a - b);
  for (const c of candidates) {
    const w = wallClock(c, timeZone);
    if (w.hour === hour && w.day === day) return c;
  }
  return candidates[1] ?? first;
}

export interface StudyDay {
  /** Epoch ms when the current study day began. */
  start: number;
  /** Epoch ms when the next study day begins. */
  end: number;
}

export function studyDay(now: number, rolloverHour: number, timeZone: string): StudyDay {
  const w = wallClock(now, timeZone);
  // Calendar date of the day start: today if past the rollover hour, else yesterday.
  const base = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (w.hour < rolloverHour) base.setUTCDate(base.getUTCDate() - 1);
  const next = new Date(base);
  next.setUTCDate(next.getUTCDate() + 1);
  const start = zonedTimeToEpoch(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), rolloverHour, timeZone);
  const end = zonedTimeToEpoch(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), rolloverHour, timeZone);
  return { start, end };
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
