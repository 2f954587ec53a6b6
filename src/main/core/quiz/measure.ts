/**
 * What an answer says when it is a number: a single quantity ("15 min", "fifteen minutes",
 * "twice", "1k") or a range ("100-300 ms", "between 5 and 15 minutes", "500 ms to 10+ seconds").
 * Typed-answer matching compares these instead of the text, so any unit or spelling of the same
 * amount is the same answer.
 */
import type { Unit } from '../../../shared/deck-format';
import { normalizeAnswer } from './answer-match';
import { memoByText } from './memo';

export interface MeasureEnd {
  value: number;
  /** null for a bare number. */
  unit: Unit | null;
  /** "10+ s", "over 10 s": the value is a lower bound. */
  open: boolean;
}

export interface Measure {
  lo: MeasureEnd;
  /** Set for a range. */
  hi: MeasureEnd | null;
  /** Words after a count: a counted noun or how it counts ("vcpus", "at a time"); null when none. */
  words: string | null;
}

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000 };
const TIMES: Record<string, string> = { once: '1 time', twice: '2 times', thrice: '3 times' };

/** Number words become digits: "fifteen" → 15, "two hundred" → 200, "a thousand" → 1000, "twice" → "2 times". */
export function numberWordsToDigits(normalized: string): string {
  const words = normalized.split(' ');
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i] as string;
    const times = TIMES[w];
    if (times !== undefined) {
      out.push(times);
      i++;
      continue;
    }
    // "a hundred", "a thousand", "a single batch".
    const next = words[i + 1];
    const startsNumber = w in SMALL || w in SCALE || ((w === 'a' || w === 'one') && next !== undefined && next in SCALE);
    if (w === 'a' && next === 'single') {
      out.push('1');
      i += 2;
      continue;
    }
    if (!startsNumber) {
      out.push(w);
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    for (; j < words.length; j++) {
      const x = words[j] as string;
      if (x === 'a' && j === i) current = 1;
      else if (x in SMALL) current += SMALL[x] as number;
      else if (x in SCALE) {
        current = (current === 0 ? 1 : current) * (SCALE[x] as number);
        if ((SCALE[x] as number) >= 1_000) {
          total += current;
          current = 0;
        }
      } else if (x === 'and' && j > i && words[j + 1] !== undefined && (words[j + 1] as string) in SMALL) continue;
      else break;
    }
    out.push(String(total + current));
    i = j;
  }
  return out.join(' ');
}

const SHORT_UNITS: Record<string, Unit> = {
  ms: 'ms', s: 's', min: 'min', h: 'h', day: 'day', kb: 'KB', mb: 'MB', gb: 'GB', tb: 'TB', '%': 'percent',
};
const NUM = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const UNIT = String.raw`(ms|s|min|h|day|kb|mb|gb|tb|%)`;
const END = String.raw`${NUM}(\+)?(?: ?${UNIT})?(\+)?`;
const HEDGE = String.raw`(?:about|around|approximately|approx|roughly|typically|usually|just|only|up to|at most|max|maximum|~|from)`;
const MEASURE = new RegExp(String.raw`^(?:${HEDGE} )?${END}(?:-${END})?(?: ([\p{L}][\p{L}\s]*))?$`, 'u');

/** The text `normalizeAnswer` gives, with number words as digits and "between X and Y" / "over X" rewritten. */
export function measureText(input: string): string {
  let t = normalizeAnswer(input);
  t = numberWordsToDigits(t);
  // "1 000" → "1000", "1k" → "1000".
  t = t.replace(/(?<![\d.])(\d{1,3})((?: \d{3})+)(?![\d.])/g, (_m, head: string, rest: string) => head + rest.replace(/ /g, ''));
  t = t.replace(/(?<![\d.])(\d+(?:\.\d+)?) ?k(?![\p{L}\p{N}])/gu, (_m, n: string) => String(Number(n) * 1000));
  t = t.replace(/\b(?:over|more than|above|upwards of|in excess of) (\d+(?:\.\d+)?)/g, '$1+');
  t = t.replace(/(\d) ?x(?![\p{L}\p{N}])/gu, '$1 times');
  t = t.replace(/(\d)\+ ?([a-z]+)/g, '$1 $2+');
  t = t.replace(/\bbetween (\d[^ ]*(?: [a-z%]+)?) and (?=\d)/g, '$1-');
  // The range forms normalizeAnswer unifies, once more now that the numbers are digits.
  return normalizeAnswer(t);
}

function end(value: string | undefined, plus1: string | undefined, unit: string | undefined, plus2: string | undefined): MeasureEnd | null {
  if (value === undefined) return null;
  const v = Number(value);
  if (!Number.isFinite(v)) return null;
  return { value: v, unit: unit === undefined ? null : (SHORT_UNITS[unit] ?? null), open: plus1 !== undefined || plus2 !== undefined };
}

/** Words that may follow a quantity with a unit without changing it. */
const AFTER_UNIT = new Set(['max', 'maximum', 'at most', 'in total', 'total', 'per invocation', 'of memory', 'of ram', 'of storage']);

/** Words after a count that only name or qualify what is counted ("batches", "at a time", "per shard"): at most four. */
function isCountWords(rest: string): boolean {
  return rest.split(' ').length <= 4;
}

/** The measure an answer states, or null when it is not (only) a number, quantity or range. Do not modify the result. */
export const parseMeasure: (input: string) => Measure | null = memoByText(readMeasure);

const NUMBER_WORDS = [...Object.keys(SMALL), ...Object.keys(SCALE), ...Object.keys(TIMES), 'single'].join('|');
/** Whether a text can be a measure at all: it holds a number and starts with one or with a word that may lead one. */
const MAYBE_NUMBER = new RegExp(`\\d|\\b(?:${NUMBER_WORDS})\\b`, 'i');
const MAYBE_START = new RegExp(
  `^\\s*(?:[~≈.+\\d]|(?:${NUMBER_WORDS}|a|an|about|around|approx|approximately|roughly|typically|usually|just|only|up|at|max|maximum|from|between|over|more|above|upwards|in)\\b)`,
  'i',
);

function readMeasure(input: string): Measure | null {
  if (!MAYBE_START.test(input) || !MAYBE_NUMBER.test(input)) return null;
  const m = MEASURE.exec(measureText(input));
  if (!m) return null;
  const lo = end(m[1], m[2], m[3], m[4]);
  let hi = end(m[5], m[6], m[7], m[8]);
  const rest = m[9];
  if (!lo) return null;
  if (hi) {
    if (lo.unit === null && hi.unit !== null) lo.unit = hi.unit;
    else if (hi.unit === null && lo.unit !== null) hi = { ...hi, unit: lo.unit };
  }
  const words = rest?.trim() ?? null;
  if (words !== null && (lo.unit !== null ? !AFTER_UNIT.has(words) : !isCountWords(words))) return null;
  return { lo, hi, words: lo.unit === null ? words : null };
}
