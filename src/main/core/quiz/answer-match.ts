/**
 * Tolerant matching of typed quiz answers: spelling variants of the same text ("Event-driven." vs
 * "event driven") and of the same quantity ("15 min", "900 seconds", "0.25 h") are accepted.
 */
import type { Unit } from '../../../shared/deck-format';

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
export function normalizeAnswer(s: string): string {
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

export interface Quantity {
  value: number;
  unit: Unit;
}

interface ParsedQuantity extends Quantity {
  /** False for a bare number ("6"), true when a unit or counted noun was written ("6 vCPUs"). */
  explicit: boolean;
}

const NUMBER_THEN_REST = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+)\s*(.*)$/u;
const APPROX_PREFIX = /^(?:~|≈|about\s+|around\s+|approx\.?\s+|approximately\s+|roughly\s+)/u;

function parse(s: string): ParsedQuantity | null {
  let t = s.normalize('NFKC').toLowerCase().trim();
  t = t.replace(APPROX_PREFIX, '').replace(/[.!?,;:]+$/u, '').trim();
  const m = NUMBER_THEN_REST.exec(t);
  if (!m) return null;
  const value = Number((m[1] ?? '').replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  const rest = (m[2] ?? '').trim();
  if (rest === '') return { value, unit: 'count', explicit: false };
  const unit = UNIT_BY_ALIAS.get(rest);
  if (unit) return { value, unit, explicit: true };
  // Anything else counted: "6 vCPUs", "3 AZs", "1000 requests".
  if (/^\p{L}[\p{L}\p{N}-]*$/u.test(rest)) return { value, unit: 'count', explicit: true };
  return null;
}

/**
 * Read a single quantity: "15 min", "900sec", "0.25 h", "10gb", "1,000", "50%", "6 vCPUs" (a
 * counted noun gives `count`, as does a bare number). Null for anything else, including ranges.
 */
export function parseQuantity(s: string): Quantity | null {
  const q = parse(s);
  return q ? { value: q.value, unit: q.unit } : null;
}

export interface NumericAnswer {
  value: number;
  unit: Unit;
  tolerance: number;
}

export interface TypedAnswerKey {
  answers: string[];
  numeric?: NumericAnswer;
}

export interface TypedMatch {
  correct: boolean;
  /** The accepted answer the input matched (the first accepted answer for a numeric match). */
  matched?: string;
}

function within(value: number, target: number, tolerance: number): boolean {
  return Math.abs(value - target) <= tolerance + 1e-9 * Math.max(1, Math.abs(target));
}

function quantityMatches(q: ParsedQuantity, expected: NumericAnswer): boolean {
  if (!q.explicit) return within(q.value, expected.value, expected.tolerance);
  const conventions: DataConvention[] = DIMENSION[expected.unit] === 'data' ? ['binary', 'decimal'] : ['binary'];
  return conventions.some((c) => {
    const v = convert(q.value, q.unit, expected.unit, c);
    return v !== null && within(v, expected.value, expected.tolerance);
  });
}

/**
 * Whether a typed answer is right: its normalized text equals an accepted answer's, or (with a
 * numeric key) it is the same quantity in any compatible unit, within the tolerance. Data sizes
 * are accepted under both the binary and the decimal convention. A bare number counts only when
 * it already is the value in the expected unit ("15" for 15 min, not "900"). An accepted answer
 * that is itself a single quantity with a unit ("15 minutes") also accepts the same quantity in other
 * units, exactly.
 */
export function matchTyped(input: string, expected: TypedAnswerKey): TypedMatch {
  const normalized = normalizeAnswer(input);
  if (normalized === '') return { correct: false };
  for (const answer of expected.answers) {
    if (normalizeAnswer(answer) === normalized) return { correct: true, matched: answer };
  }
  const q = parse(input);
  if (!q) return { correct: false };
  if (expected.numeric) {
    if (quantityMatches(q, expected.numeric)) {
      const shown = expected.answers[0];
      return shown === undefined ? { correct: true } : { correct: true, matched: shown };
    }
    return { correct: false };
  }
  for (const answer of expected.answers) {
    const a = parse(answer);
    if (a && a.unit !== 'count' && quantityMatches(q, { value: a.value, unit: a.unit, tolerance: 0 })) {
      return { correct: true, matched: answer };
    }
  }
  return { correct: false };
}
