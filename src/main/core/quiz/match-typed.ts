/**
 * Whether a typed quiz answer is right. An answer is right when it says the same thing as one of
 * the accepted answers:
 * - the same amount: a quantity or a range in any unit of the same dimension ("0.1-0.3 s" for
 *   "100-300 ms", "300-900 s" for "5-15 minutes"), with number words ("fifteen minutes", "twice"),
 *   thousands written "1 000" or "1k", and "10+ s" / "over 10 s" for an open upper bound;
 * - the same words, ignoring case, punctuation, articles and a slip of one letter in a longer
 *   answer ("provisoned concurrency"); a bare unit word stands for itself ("TBs", "several
 *   terabytes" for "terabytes"); "it depends" is "it varies".
 * Numbers never match approximately unless the note gives a tolerance, so "10 MB" for 10 GB and
 * "15 s" for 15 min stay wrong, and a different word stays wrong ("reserved" for "provisioned").
 */
import type { Unit } from '../../../shared/deck-format';
import { convert, unitDimension, type DataConvention } from './answer-match';
import { measureText, parseMeasure, type Measure, type MeasureEnd } from './measure';
import { memoByText } from './memo';

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

// ---- amounts --------------------------------------------------------------------------------------

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * Whether two ends name the same amount: both counts, or quantities of one dimension (data sizes
 * under the binary or the decimal convention). `tolerance` is in `expected`'s unit.
 */
function sameEnd(input: MeasureEnd, expected: MeasureEnd, tolerance: number): boolean {
  // "6 GB" does not count vCPUs, and a bare "15" does not say 15 minutes (nor 15 seconds).
  if ((expected.unit === null) !== (input.unit === null)) return false;
  if (input.unit === null || expected.unit === null) return close(input.value, expected.value, tolerance);
  if (unitDimension(input.unit) !== unitDimension(expected.unit)) return false;
  const conventions: DataConvention[] = unitDimension(expected.unit) === 'data' ? ['binary', 'decimal'] : ['binary'];
  return conventions.some((c) => {
    const v = convert(input.value, input.unit as Unit, expected.unit as Unit, c);
    return v !== null && close(v, expected.value, tolerance);
  });
}

/** Whether two measures name the same amount or range ("10+ s" and "10 s" count as the same end). */
function sameMeasure(input: Measure, expected: Measure, tolerance: number): boolean {
  if ((input.hi === null) !== (expected.hi === null)) return false;
  if (!sameEnd(input.lo, expected.lo, tolerance)) return false;
  return input.hi === null || expected.hi === null || sameEnd(input.hi, expected.hi, tolerance);
}

// ---- words ----------------------------------------------------------------------------------------

const ARTICLES = new Set(['the', 'a', 'an']);
const UNIT_WORDS: Record<string, string> = {
  ms: 'ms', milliseconds: 'ms', millisecond: 'ms', seconds: 's', second: 's', minutes: 'min', minute: 'min', hours: 'h',
  hour: 'h', kb: 'kb', kbs: 'kb', kilobytes: 'kb', mb: 'mb', mbs: 'mb', megabytes: 'mb', gb: 'gb', gbs: 'gb',
  gigabytes: 'gb', tb: 'tb', tbs: 'tb', terabytes: 'tb', terabyte: 'tb', petabytes: 'pb',
};
const QUANTIFIERS = /^(?:several|multiple|many|some|a few|few|tens of|hundreds of|thousands of|up to) /;
/** "it depends", "varies", "it varies by implementation": the answer is that there is no single value. */
const VARIES = /^(?:it )?(?:varies|depends)(?: (?:on|by|with|per|depending on) (?:the )?(?:implementation|runtime|how the runtime is implemented|how it is implemented))?$/;

/** The words an answer comes down to, for comparing text answers. */
export const answerWords: (input: string) => string = memoByText(readWords);

function readWords(input: string): string {
  let t = measureText(input);
  if (VARIES.test(t) && t !== 'depends') return 'varies';
  const words = t.split(' ').filter((w) => !ARTICLES.has(w));
  t = words.join(' ');
  // A unit named without a number: "TBs", "several terabytes" → "tb".
  const q = t.replace(QUANTIFIERS, '');
  const unit = UNIT_WORDS[q];
  if (unit !== undefined) return unit;
  return t;
}

/** Edit distance with adjacent transpositions (optimal string alignment), stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** One slip in an answer of 6 letters or more, two from 12; none where digits are involved. */
function typoAllowance(expected: string): number {
  if (/\d/.test(expected)) return 0;
  return expected.length >= 12 ? 2 : expected.length >= 6 ? 1 : 0;
}

function sameWords(input: string, expected: string): boolean {
  if (input === '' || expected === '') return false;
  if (input === expected) return true;
  if (/\d/.test(input)) return false;
  const allowed = typoAllowance(expected);
  // A slip may not turn one word of the answer into another word of it.
  return allowed > 0 && editDistance(input, expected, allowed) <= allowed && input.split(' ').length === expected.split(' ').length;
}

// ---- matching -------------------------------------------------------------------------------------

/** Whether a typed answer is right (see the file comment), and which accepted answer it matched. */
export function matchTyped(input: string, expected: TypedAnswerKey): TypedMatch {
  const words = answerWords(input);
  if (words === '') return { correct: false };
  const measure = parseMeasure(input);
  if (measure && expected.numeric) {
    const n = expected.numeric;
    const key: Measure = { lo: { value: n.value, unit: n.unit === 'count' ? null : n.unit, open: false }, hi: null, words: null };
    if (sameMeasure(measure, key, n.tolerance)) {
      const shown = expected.answers[0];
      return shown === undefined ? { correct: true } : { correct: true, matched: shown };
    }
  }
  for (const answer of expected.answers) {
    const m = parseMeasure(answer);
    if (m) {
      // Without a numeric key, a count names what it counts as the answer does ("6 apples" is not "6 vCPUs").
      const sameThing = measure?.words == null || m.words === null || measure.words === m.words;
      if (measure && sameThing && sameMeasure(measure, m, 0)) return { correct: true, matched: answer };
      // A numeric answer is matched by amount only: "10 MB" is not a slip of "10 GB".
      if (answerWords(answer) === words) return { correct: true, matched: answer };
      continue;
    }
    if (sameWords(words, answerWords(answer))) return { correct: true, matched: answer };
  }
  return { correct: false };
}
