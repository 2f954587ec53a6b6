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

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset), read through Intl. */
function exactOffset(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Offsets are cached per zone and UTC day when the day starts and ends with the same offset (a
 * zone changes its offset at most once a day); a day holding a change is always read exactly.
 * Intl is slow (microseconds a call) and answering a card needs several of these.
 */
const OFFSET_BUCKET_MS = 86_400_000;
const offsetCache = new Map<string, Map<number, number>>();

function zoneOffset(epochMs: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const start = bucket * OFFSET_BUCKET_MS;
  const first = exactOffset(start, timeZone);
  if (first !== exactOffset(start + OFFSET_BUCKET_MS - 1000, timeZone)) return exactOffset(epochMs, timeZone);
  if (zone.size >= 50_000) zone.clear();
  zone.set(bucket, first);
  return first;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const local = new Date(epochMs + zoneOffset(epochMs, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time happens in the zone. For a time skipped by a DST jump the
 * instant just after the gap is returned; for a repeated time, the first (earlier) occurrence,
 * so a study day that starts at a repeated hour contains both occurrences of that hour.
 */
export function zonedTimeToEpoch(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day, hour);
  // Every offset the zone can have around this wall time: the one a day before, now, and a day after.
  const candidates = [naive - zoneOffset(naive - DAY_MS, timeZone), naive - zoneOffset(naive, timeZone), naive - zoneOffset(naive + DAY_MS, timeZone)];
  let earliest = Infinity;
  for (const c of candidates) {
    const w = wallClock(c, timeZone);
    if (w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === 0 && c < earliest) earliest = c;
  }
  if (earliest !== Infinity) return earliest;
  // The wall time falls in a gap: the offset grows across it, so the latest candidate is the end of the gap.
  return Math.max(...candidates);
}

/** Recently computed day starts (pure function of the key; bounded). */
const dayStarts = new Map<string, number>();

export interface StudyDay {
  /** Epoch ms when the current study day began. */
  start: number;
  /** Epoch ms when the next study day begins. */
  end: number;
}

export function studyDay(now: number, rolloverHour: number, timeZone: string): StudyDay {
  const n = studyDayNumber(now, rolloverHour, timeZone);
  return { start: studyDayStart(n, rolloverHour, timeZone), end: studyDayStart(n + 1, rolloverHour, timeZone) };
}

/**
 * The study day an instant belongs to, numbered as days since 1970-01-01: the local calendar date
 * (in `timeZone`) on which that study day began at `rolloverHour`. Instants before the rollover
 * hour belong to the previous date's study day.
 */
export function studyDayNumber(epochMs: number, rolloverHour: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const date = Date.UTC(w.year, w.month - 1, w.day) / DAY_MS;
  return w.hour < rolloverHour ? date - 1 : date;
}

/**
 * `studyDayNumber` for the many instants of a review log: a study day starts on a local hour and
 * every zone's offset is a whole number of quarter hours, so the day is computed once per quarter
 * hour the instants fall in.
 */
export function studyDayCounter(rolloverHour: number, timeZone: string): (epochMs: number) => number {
  const QUARTER_HOUR_MS = 900_000;
  const days = new Map<number, number>();
  return (epochMs) => {
    const q = Math.floor(epochMs / QUARTER_HOUR_MS);
    let d = days.get(q);
    if (d === undefined) {
      d = studyDayNumber(q * QUARTER_HOUR_MS, rolloverHour, timeZone);
      days.set(q, d);
    }
    return d;
  };
}

/** The instant study day `dayNumber` (see `studyDayNumber`) begins: its date at `rolloverHour`, local time. */
export function studyDayStart(dayNumber: number, rolloverHour: number, timeZone: string): number {
  const key = `${timeZone} ${rolloverHour} ${dayNumber}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    const d = new Date(dayNumber * DAY_MS);
    start = zonedTimeToEpoch(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), rolloverHour, timeZone);
    if (dayStarts.size >= 4096) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

/**
 * Elapsed days as Anki counts them for FSRS: the number of study days between the study day of
 * `lastReview` and the study day of `now` (a study day starts at `rolloverHour`, local time in
 * `timeZone`, 4 am by default). A review at 21:30 and another at 09:00 the next morning are one
 * day apart; two reviews in the same study day are 0 apart. Never negative. Used for live
 * answers, the review log and the import replay alike, so all of them feed FSRS the same count.
 */
export function elapsedDays(lastReview: number, now: number, rolloverHour: number, timeZone: string): number {
  return Math.max(0, studyDayNumber(now, rolloverHour, timeZone) - studyDayNumber(lastReview, rolloverHour, timeZone));
}

/** The local hour (0..23) of an instant in the zone. */
export function localHour(epochMs: number, timeZone: string): number {
  return wallClock(epochMs, timeZone).hour;
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
