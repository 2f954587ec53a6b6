/**
 * The comparable form of typed answers and the units they are written in: spelling variants of
 * the same text ("Event-driven." vs "event driven") and of the same quantity ("15 min",
 * "900 seconds", "0.25 h") come out the same. Matching itself is in match-typed.ts.
 */
import type { Unit } from '../../../shared/deck-format';
import { memoByText } from './memo';

/** What a unit measures; values convert only within one dimension. */
export type Dimension = 'time' | 'data' | 'count' | 'percent';

const DIMENSION: Record<Unit, Dimension> = {
  ms: 'time',
  s: 'time',
  min: 'time',
  h: 'time',
  day: 'time',
  KB: 'data',
  MB: 'data',
  GB: 'data',
  TB: 'data',
  count: 'count',
  percent: 'percent',
};

const TIME_MS: Partial<Record<Unit, number>> = { ms: 1, s: 1_000, min: 60_000, h: 3_600_000, day: 86_400_000 };
const DATA_POWER: Partial<Record<Unit, number>> = { KB: 1, MB: 2, GB: 3, TB: 4 };

/** How data sizes scale: binary (1 GB = 1024 MB) or decimal (1 GB = 1000 MB). */
export type DataConvention = 'binary' | 'decimal';

/** Spellings of each unit (lowercase), and the short form normalized text uses for it. */
const UNIT_ALIASES: ReadonlyArray<readonly [Unit, string, readonly string[]]> = [
  ['ms', 'ms', ['ms', 'msec', 'msecs', 'millisecond', 'milliseconds']],
  ['s', 's', ['s', 'sec', 'secs', 'second', 'seconds']],
  ['min', 'min', ['m', 'min', 'mins', 'minute', 'minutes']],
  ['h', 'h', ['h', 'hr', 'hrs', 'hour', 'hours']],
  ['day', 'day', ['d', 'day', 'days']],
  ['KB', 'kb', ['kb', 'kib', 'kilobyte', 'kilobytes', 'kibibyte', 'kibibytes']],
  ['MB', 'mb', ['mb', 'mib', 'megabyte', 'megabytes', 'mebibyte', 'mebibytes']],
  ['GB', 'gb', ['gb', 'gib', 'gigabyte', 'gigabytes', 'gibibyte', 'gibibytes']],
  ['TB', 'tb', ['tb', 'tib', 'terabyte', 'terabytes', 'tebibyte', 'tebibytes']],
  ['percent', '%', ['%', 'percent', 'pct']],
];

const UNIT_BY_ALIAS = new Map<string, Unit>();
const SHORT_BY_ALIAS = new Map<string, string>();
for (const [unit, short, aliases] of UNIT_ALIASES) {
  for (const a of aliases) {
    UNIT_BY_ALIAS.set(a, unit);
    SHORT_BY_ALIAS.set(a, short);
  }
}
const WORD_ALIASES = [...UNIT_BY_ALIAS.keys()].filter((a) => a !== '%').sort((a, b) => b.length - a.length);
const ALIAS_ALT = WORD_ALIASES.join('|');
const SHORT_ALT = [...new Set(UNIT_ALIASES.map(([, short]) => short))]
  .filter((s) => s !== '%')
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A unit word glued to a number ("300ms", "10gb"). */
const GLUED_UNIT = new RegExp(`(\\d)(${ALIAS_ALT})(?![\\p{L}\\p{N}])`, 'gu');
/** A unit word after a number, in any spelling. */
const UNIT_AFTER_NUMBER = new RegExp(`(\\d)\\s+(${ALIAS_ALT})(?![\\p{L}\\p{N}])`, 'gu');
/** "100 ms - 300 ms", "100 ms to 300 ms": the first unit is dropped when the second repeats it. */
const RANGE_WITH_TWO_UNITS = new RegExp(
  `(\\d)\\s+(${SHORT_ALT})\\s*(?:-|\\bto\\b)\\s*(?=\\d+(?:\\.\\d+)?\\s+\\2(?![\\p{L}\\p{N}]))`,
  'gu',
);
const PERCENT_RANGE = /(\d)%\s*(?:-|\bto\b)\s*(?=\d+(?:\.\d+)?%)/g;
/** "100 ms to 10 s" → "100 ms-10 s". */
const MIXED_UNIT_RANGE = new RegExp(`(\\d (?:${SHORT_ALT}))\\s*(?:-|\\bto\\b)\\s*(?=\\.?\\d)`, 'gu');
const RANGE = /(\d)\s*(?:-|\bto\b)\s*(?=\.?\d)/g;

/**
 * The comparable form of an answer: NFKC, lowercase, trimmed, whitespace collapsed, punctuation
 * dropped, except where it carries meaning in numbers ("0.25", "-5", "1/2", "100-300", "50%").
 * Thousands separators go ("1,000" → "1000"), unit spellings after a number are unified
 * ("15 minutes" → "15 min", "300ms" → "300 ms") and ranges written with dashes or "to" become one
 * form ("100 – 300 ms", "100 to 300 milliseconds" → "100-300 ms"; "100ms to 10 seconds" →
 * "100 ms-10 s").
 */
export const normalizeAnswer: (s: string) => string = memoByText(normalizeText);

function normalizeText(s: string): string {
  let t = s.normalize('NFKC').toLowerCase();
  t = t.replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-');
  t = t.replace(/['\u2018\u2019\u02bc`]/g, '');
  t = t.replace(/\p{Sc}/gu, '');
  t = t.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  t = t.replace(/[^\p{L}\p{N}\s.\-/%+#]/gu, ' ');
  t = t.replace(/\.(?!\d)/g, ' ');
  t = t.replace(/(\d)\s*\/\s*(?=\d)/g, '$1/');
  t = t.replace(/\/(?!\d)|(?<!\d)\//g, ' ');
  // A dash not followed by a number is a word separator ("event-driven", "15-minute").
  t = t.replace(/-(?!\s*\.?\d)/g, ' ');
  t = t.replace(/\s+/g, ' ').trim();
  t = t.replace(GLUED_UNIT, '$1 $2');
  t = t.replace(UNIT_AFTER_NUMBER, (_m, digit: string, alias: string) => `${digit} ${SHORT_BY_ALIAS.get(alias) ?? alias}`);
  t = t.replace(/(\d)\s*%/g, '$1%');
  t = t.replace(RANGE_WITH_TWO_UNITS, '$1-');
  t = t.replace(PERCENT_RANGE, '$1-');
  t = t.replace(RANGE, '$1-');
  t = t.replace(MIXED_UNIT_RANGE, '$1-');
  return t.replace(/\s+/g, ' ').trim();
}

export function unitDimension(unit: Unit): Dimension {
  return DIMENSION[unit];
}

/** Convert between units of one dimension; null across dimensions (time ↔ data, …). */
export function convert(value: number, from: Unit, to: Unit, convention: DataConvention = 'binary'): number | null {
  const dim = DIMENSION[from];
  if (dim !== DIMENSION[to]) return null;
  if (from === to) return value;
  if (dim === 'time') return (value * (TIME_MS[from] ?? 1)) / (TIME_MS[to] ?? 1);
  if (dim === 'data') {
    const base = convention === 'binary' ? 1024 : 1000;
    return value * base ** ((DATA_POWER[from] ?? 0) - (DATA_POWER[to] ?? 0));
  }
  return value;
}
