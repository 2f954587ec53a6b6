/**
 * Distractors for a multiple-choice question: wrong answers of the same kind as the right one.
 *
 * In order of preference:
 * 1. the same row of a comparison table: a related card whose prompt is this prompt with one
 *    name swapped ("Lambda vs EC2 — scaling?" / "Lambda vs App Runner — scaling?") answers the
 *    same question about another column; its answer, with the names swapped back, is a wrong
 *    answer of exactly the right kind;
 * 2. the distractors written on the note;
 * 3. answers of related cards (same tag; same deck for imported notes) of the same kind.
 * Never offered: a question, a long text, an option equal to or also meaning the answer (the same
 * words, the same amount in other units, or the answer inside it or it inside the answer).
 */
import { normalizeAnswer } from './answer-match';
import { answerKind, isShortAnswer, kindsClash } from './answer-kind';
import { matchTyped } from './match-typed';
import type { Rng } from './rng';
import { pick, shuffle } from './rng';

/** A related card, as a prompt and its answer. */
export interface DistractorSource {
  noteId: number;
  prompt: string;
  answer: string;
}

export interface DistractorRequest {
  noteId: number;
  prompt: string;
  answer: string;
  /** Other accepted spellings of the answer (typed notes). */
  accepted?: readonly string[];
  /** Written on the note. */
  written?: readonly string[];
  related: readonly DistractorSource[];
  want: number;
}

/** A name starts with a capital, a digit or a dot ("EC2", "App Runner", ".NET", "ECS/Fargate"); attributes ("scaling") do not. */
const NAME_START = /^[A-Z0-9.]/;
/** A name has a letter: a bare number ("question 12") is no column of a table. */
const isName = (s: string): boolean => NAME_START.test(s) && /\p{L}/u.test(s);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c);

/** Where `word` occurs in `text` as a whole word or phrase (not inside a longer word). */
function wordPositions(text: string, word: string): number[] {
  const out: number[] = [];
  if (word === '') return out;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (!isWordChar(text[i - 1]) && !isWordChar(text[i + word.length])) out.push(i);
  }
  return out;
}

const hasWord = (text: string, word: string): boolean => wordPositions(text, word).length > 0;

/** `text` with every whole-word `word` replaced by `by`. */
function replaceWord(text: string, word: string, by: string): string {
  let out = '';
  let last = 0;
  for (const i of wordPositions(text, word)) {
    if (i < last) continue;
    out += text.slice(last, i) + by;
    last = i + word.length;
  }
  return out + text.slice(last);
}

/**
 * The names that tell two prompts apart when they differ by one name only (in every place it
 * occurs): ["EC2", "App Runner"] for "Lambda vs EC2 — scaling?" and "Lambda vs App Runner —
 * scaling?". Null when they differ otherwise, or when what differs is not a name (attributes,
 * "scaling" vs "pricing", are rows, not columns).
 */
export function swappedNames(prompt: string, other: string): [string, string] | null {
  const a = prompt.split(/\s+/);
  const b = other.split(/\s+/);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return null;
  const clean = (s: string): string => s.replace(/^[("'“]+/, '').replace(/(?:'s|’s)?[)"'”,;:?!]*$/, '').replace(/\.$/, '');
  for (let la = 1; la <= 3 && i + la <= a.length; la++) {
    for (let lb = 1; lb <= 3 && i + lb <= b.length; lb++) {
      const x = clean(a.slice(i, i + la).join(' '));
      const y = clean(b.slice(i, i + lb).join(' '));
      if (x === y || !isName(x) || !isName(y)) continue;
      if (replaceWord(prompt, x, y) === other) return [x, y];
    }
  }
  return null;
}

/** Whether `option` says the answer or part of it (so it is not wrong). */
export function alsoAnswers(option: string, answer: string, accepted: readonly string[] = []): boolean {
  const o = normalizeAnswer(option);
  const keys = [answer, ...accepted];
  for (const k of keys) {
    const a = normalizeAnswer(k);
    if (o === a) return true;
    // One inside the other, as whole words ("provisioned" in "provisioned concurrency").
    const [short, long] = o.length <= a.length ? [o, a] : [a, o];
    if (short.length >= 2 && hasWord(long, short)) return true;
  }
  return matchTyped(option, { answers: keys.map((k) => k) }).correct;
}

/** Pick up to `want` distractors (see the file comment), none repeating another. */
export function pickDistractors(req: DistractorRequest, rng: Rng): string[] {
  const kind = answerKind(req.answer);
  const chosen: string[] = [];
  const usable = (d: string): boolean =>
    isShortAnswer(d) &&
    !alsoAnswers(d, req.answer, req.accepted) &&
    !sameSaying(d, req.answer) &&
    !chosen.some((c) => normalizeAnswer(c) === normalizeAnswer(d) || alsoAnswers(d, c) || sameSaying(d, c));

  const sameRow: string[] = [];
  // Cards of the same row are used with their names swapped back, or not at all (their value may also be true here).
  const rowNotes = new Set<number>();
  for (const s of req.related) {
    if (s.noteId === req.noteId) continue;
    const names = swappedNames(req.prompt, s.prompt);
    if (!names) continue;
    rowNotes.add(s.noteId);
    const [mine, theirs] = names;
    const swapped = replaceWord(s.answer, theirs, mine);
    if (!kindsClash(kind, answerKind(swapped))) sameRow.push(swapped);
  }
  for (const d of shuffle(sameRow, rng)) if (chosen.length < req.want && usable(d)) chosen.push(d);

  const written = (req.written ?? []).filter((d) => !kindsClash(kind, answerKind(d)));
  for (const d of pick(written, written.length, rng)) if (chosen.length < req.want && usable(d)) chosen.push(d);

  // Related answers of the same kind, the closest first: asked about similar things, of similar length.
  const mine = contentWords(req.prompt);
  const length = wordCount(req.answer);
  const ranked = req.related
    .filter((s) => s.noteId !== req.noteId && !rowNotes.has(s.noteId) && answerKind(s.answer) === kind)
    .map((s) => ({ s, score: similarity(mine, contentWords(s.prompt)) + 0.5 * Math.min(length, wordCount(s.answer)) / Math.max(length, wordCount(s.answer)) + 0.1 * rng() }))
    .sort((a, b) => b.score - a.score);
  for (const { s } of ranked) {
    if (chosen.length >= req.want) break;
    if (usable(s.answer)) chosen.push(s.answer);
  }
  return chosen;
}

/** The part of an answer that differs between columns: after the last "Label: " of a labelled pair. */
const valuePart = (s: string): string => {
  const m = /[.;]\s*[^:.]{1,30}:\s(.+)$/.exec(s);
  return m?.[1] ?? s;
};

/** Whether two answers say nearly the same in nearly the same words ("Steady load and long-running work" / "Long-running, steady workloads"). */
function sameSaying(a: string, b: string): boolean {
  return overlap(contentWords(valuePart(a)), contentWords(valuePart(b))) >= SAME_WORDS;
}

/** Share of the smaller word set found in the other, from which two texts count as saying the same (3 of 4 words). */
const SAME_WORDS = 0.75;

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (Math.min(a.size, b.size) < 3) return 0;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / Math.min(a.size, b.size);
}

const STOP = new Set(
  'a an the of to in on for and or is are was be by with at as it its this that which what how why when who does do can lambda'.split(' '),
);
const wordCount = (s: string): number => s.trim().split(/\s+/).length;
const contentWords = (s: string): ReadonlySet<string> => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP.has(w)));

/** Jaccard similarity of two word sets. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 0 : both / union;
}
