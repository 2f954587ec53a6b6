/**
 * Probes derived from the typed notes of the deck files: for each note, the same answer in other
 * units and spellings (right) and nearby wrong amounts, wrong units and other notes' answers
 * (wrong). Written independently of the matcher: amounts are read here with a small parser of
 * the forms the deck files use.
 */
import type { DeckNote } from '../../../src/shared/deck-format';
import type { TypedProbe } from './probe';

type TypedNote = Extract<DeckNote, { kind: 'typed' }>;
type TimeUnit = 'ms' | 's' | 'min';

const MS: Record<TimeUnit, number> = { ms: 1, s: 1000, min: 60_000 };
const TIME_WORD: Record<TimeUnit, string> = { ms: 'milliseconds', s: 'seconds', min: 'minutes' };
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

interface Range {
  lo: number;
  hi: number;
  /** Both ends in ms. */
  open: boolean;
}

/** "100-300ms", "500ms-10s+", "30s-2min", "5-15 minutes" → the range in ms; null for other answers. */
function readRange(answer: string): Range | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|min|minutes)?\s*[-–]\s*(\d+(?:\.\d+)?)\s*(ms|s|min|minutes)(\+)?$/.exec(answer.trim());
  if (!m) return null;
  const unitOf = (u: string | undefined): TimeUnit => (u === 'minutes' ? 'min' : (u as TimeUnit));
  const hiUnit = unitOf(m[4]);
  const loUnit = m[2] === undefined ? hiUnit : unitOf(m[2]);
  return { lo: Number(m[1]) * MS[loUnit], hi: Number(m[3]) * MS[hiUnit], open: m[5] !== undefined };
}

const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);
/** The unit a range reads best in: both ends whole numbers, as small a unit as keeps them readable. */
const inUnit = (ms: number, u: TimeUnit): string => fmt(ms / MS[u]);

function rangeProbes(note: TypedNote, r: Range): TypedProbe[] {
  const out: TypedProbe[] = [];
  const plus = r.open ? '+' : '';
  const right = (input: string): void => void out.push({ note: note.id, input, correct: true });
  const wrong = (input: string): void => void out.push({ note: note.id, input, correct: false });
  for (const u of ['ms', 's', 'min'] as const) {
    const lo = inUnit(r.lo, u);
    const hi = inUnit(r.hi, u);
    // Ranges read only in units where neither end is tiny or huge.
    if (r.lo / MS[u] < 0.01 || r.hi / MS[u] > 100_000) continue;
    right(`${lo}-${hi}${plus} ${u}`);
    right(`${lo} to ${hi}${plus} ${TIME_WORD[u]}`);
    right(`between ${lo} and ${hi} ${TIME_WORD[u]}`);
    wrong(`${fmt(Number(lo) * 2)}-${fmt(Number(hi) * 2)} ${u}`);
  }
  // Mixed units: the low end in the smaller unit, the high end in the larger one.
  const loU: TimeUnit = r.lo < 1000 ? 'ms' : r.lo < 60_000 ? 's' : 'min';
  const hiU: TimeUnit = r.hi < 1000 ? 'ms' : r.hi < 60_000 ? 's' : 'min';
  right(`${inUnit(r.lo, loU)} ${loU} to ${inUnit(r.hi, hiU)}${plus} ${hiU}`);
  // The right numbers in a unit one step off, and one end alone.
  const shifted: TimeUnit = loU === 'ms' ? 's' : loU === 's' ? 'min' : 'ms';
  wrong(`${inUnit(r.lo, loU)}-${inUnit(r.hi, loU)} ${shifted}`);
  wrong(`${inUnit(r.hi, hiU)} ${TIME_WORD[hiU]}`);
  wrong(`${inUnit(r.lo, loU)} ${TIME_WORD[loU]}`);
  return out;
}

function numericProbes(note: TypedNote): TypedProbe[] {
  const n = note.numeric;
  if (!n) return [];
  const out: TypedProbe[] = [];
  const right = (input: string): void => void out.push({ note: note.id, input, correct: true });
  const wrong = (input: string): void => void out.push({ note: note.id, input, correct: false });
  const v = n.value;
  switch (n.unit) {
    case 'count': {
      right(String(v));
      const word = WORDS[v];
      if (word !== undefined) {
        right(word);
        right(word[0]?.toUpperCase() + word.slice(1) + '.');
      }
      if (v === 1000) {
        right('1 000');
        right('1k');
      }
      wrong(String(v + 1));
      wrong(String(v === 0 ? 2 : v * 10));
      const off = WORDS[v + 1];
      if (off !== undefined) wrong(off);
      break;
    }
    case 'min':
      right(`${v * 60} s`);
      right(`${v * 60} seconds`);
      right(`${v / 60} hours`);
      right(`${v} mins`);
      right(`${v}min`);
      wrong(`${v} s`);
      wrong(`${v} hours`);
      wrong(`${v * 60} ms`);
      wrong(`${v + 5} minutes`);
      break;
    case 'GB':
      right(`${v * 1024} MB`);
      right(`${v * 1000} MB`);
      right(`${v}gb`);
      right(`${v} GiB`);
      wrong(`${v} MB`);
      wrong(`${v} TB`);
      wrong(`${v * 2} GB`);
      wrong(`${v * 100} MB`);
      break;
    default:
      right(`${v} ${n.unit}`);
      wrong(`${v + 1} ${n.unit}`);
  }
  return out;
}

/** Case and punctuation variants of the shown answer. */
function spellingProbes(note: TypedNote): TypedProbe[] {
  const shown = note.answers[0] ?? '';
  return [
    { note: note.id, input: shown.toUpperCase(), correct: true },
    { note: note.id, input: `${shown}.`, correct: true },
    { note: note.id, input: `  ${shown.toLowerCase()}  `, correct: true },
  ];
}

const simple = (s: string): string => s.toLowerCase().replace(/[\s.–-]+/g, '');

/** The shown answers of other typed notes that say something else: wrong here. */
function otherAnswerProbes(note: TypedNote, all: readonly TypedNote[]): TypedProbe[] {
  const mine = new Set(note.answers.map(simple));
  const myRange = readRange(note.answers[0] ?? '');
  const sameAmount = (other: TypedNote): boolean => {
    if (note.numeric && other.numeric) return note.numeric.value === other.numeric.value && note.numeric.unit === other.numeric.unit;
    const r = readRange(other.answers[0] ?? '');
    return myRange !== null && r !== null && r.lo === myRange.lo && r.hi === myRange.hi;
  };
  const out: TypedProbe[] = [];
  for (const other of all) {
    if (other.id === note.id || out.length >= 4) continue;
    if (other.answers.some((a) => mine.has(simple(a))) || sameAmount(other)) continue;
    // Only answers of the same shape (a number for a number, words for words) make a near miss.
    const shown = other.answers[0] ?? '';
    if ((note.numeric !== undefined || myRange !== null) !== (other.numeric !== undefined || readRange(shown) !== null)) continue;
    out.push({ note: note.id, input: shown, correct: false });
  }
  return out;
}

export function generatedProbes(notes: readonly TypedNote[]): TypedProbe[] {
  return notes.flatMap((note) => {
    const range = readRange(note.answers[0] ?? '');
    return [
      ...spellingProbes(note),
      ...numericProbes(note),
      ...(range ? rangeProbes(note, range) : []),
      ...otherAnswerProbes(note, notes),
    ];
  });
}
