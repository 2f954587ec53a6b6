/**
 * Checks of deck content against itself and against its source document, for the built-in deck
 * tests: near-duplicate notes, runs of words copied from the source, and the source's sections.
 */
import type { DeckNote } from '../../src/shared/deck-format';

const STOP = new Set(
  'a an the of to in on for and or is are be by with as at it its this that which what how does do can from when into than then there their they you your not lambda function functions'.split(' '),
);
/** Spellings that state the same thing ("15 min" = "15 minutes", "skip" = "no"). */
const SAME: Record<string, string> = { min: 'minute', mins: 'minute', minut: 'minute', sec: 'second', gigabyt: 'gb', tolerate: 'accept', skip: 'no', beat: 'less', cheaper: 'less' };

function tokens(s: string): Set<string> {
  const words = s
    .toLowerCase()
    .replace(/\{\{c\d+::([^}]*?)(?:::[^}]*)?\}\}/g, '$1')
    .match(/[a-z0-9]+/g);
  return new Set((words ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/(ing|ed|es|s)$/, '')).map((w) => SAME[w] ?? w));
}

/** What a card asks: front, statement, question, or a cloze text without its deletions. */
export function asked(n: DeckNote): string {
  switch (n.kind) {
    case 'basic':
      return n.front;
    case 'cloze':
      return n.text.replace(/\{\{c\d+::[^}]*\}\}/g, ' ');
    case 'truefalse':
      return n.statement;
    default:
      return n.question;
  }
}

function answered(n: DeckNote): string {
  switch (n.kind) {
    case 'basic':
      return n.back;
    case 'cloze':
      return [...n.text.matchAll(/\{\{c\d+::([^}:]+)/g)].map((m) => m[1]).join(' ');
    case 'choice':
      return n.answer;
    case 'typed':
      return n.answers.join(' ');
    case 'truefalse':
      return String(n.answer);
    case 'prompt':
      return n.modelAnswer;
  }
}

/** Notes at or above this score state the same fact. Templated notes that differ in their key term score below 0.47. */
export const DUPLICATE_SCORE = 0.5;

/**
 * Pairs of notes that test the same fact. 'same-kind': two notes of one kind (an IDF-weighted
 * overlap of what they ask and what they answer). 'question-vs-choice': a basic or typed note and
 * a multiple-choice note asking the same thing, which the quiz can already turn into each other.
 */
export function duplicatePairs(notes: readonly DeckNote[], mode: 'same-kind' | 'question-vs-choice'): string[] {
  const asks = notes.map((n) => tokens(asked(n)));
  const answers = notes.map((n) => tokens(answered(n)));
  const df = new Map<string, number>();
  notes.forEach((_n, i) => {
    for (const w of new Set([...asks[i]!, ...answers[i]!])) df.set(w, (df.get(w) ?? 0) + 1);
  });
  const idf = (w: string) => Math.log(1 + notes.length / (df.get(w) ?? 1));
  const overlap = (a: Set<string>, b: Set<string>) => {
    let shared = 0;
    let all = 0;
    for (const w of new Set([...a, ...b])) {
      all += idf(w);
      if (a.has(w) && b.has(w)) shared += idf(w);
    }
    return all === 0 ? 0 : shared / all;
  };
  const questionLike = (n: DeckNote) => n.kind === 'basic' || n.kind === 'typed';
  const out: string[] = [];
  for (let i = 0; i < notes.length; i++) {
    for (let j = i + 1; j < notes.length; j++) {
      const a = notes[i]!;
      const b = notes[j]!;
      let score: number;
      if (mode === 'same-kind') {
        if (a.kind !== b.kind) continue;
        if (a.kind === 'truefalse' && b.kind === 'truefalse') score = a.answer === b.answer ? overlap(asks[i]!, asks[j]!) : 0;
        else if (a.kind === 'prompt') score = overlap(asks[i]!, asks[j]!);
        else score = Math.min(overlap(asks[i]!, asks[j]!) + 0.35, 1) * overlap(answers[i]!, answers[j]!);
      } else {
        if (!((questionLike(a) && b.kind === 'choice') || (a.kind === 'choice' && questionLike(b)))) continue;
        score = Math.min(overlap(asks[i]!, asks[j]!) + 0.35, 1) * overlap(answers[i]!, answers[j]!);
      }
      if (score >= DUPLICATE_SCORE) out.push(`${a.id} ~ ${b.id} (${score.toFixed(2)})`);
    }
  }
  return out;
}

function words(s: string): string[] {
  return (
    s
      .toLowerCase()
      .replace(/\{\{c\d+::([^}]*?)(?:::[^}]*)?\}\}/g, '$1')
      .replace(/[*_`#|]/g, ' ')
      .match(/[a-z0-9]+(?:['’./-][a-z0-9]+)*/g) ?? []
  );
}

/** A finder for runs of at least `n` consecutive words of `source`: it returns the first such run in a text, or ''. */
export function copiedRunFinder(source: string, n: number): (text: string) => string {
  const src = words(source);
  const grams = new Set<string>();
  for (let i = 0; i + n <= src.length; i++) grams.add(src.slice(i, i + n).join(' '));
  return (text) => {
    const w = words(text);
    for (let i = 0; i + n <= w.length; i++) {
      const g = w.slice(i, i + n).join(' ');
      if (grams.has(g)) return g;
    }
    return '';
  };
}

/** Section ids of a Markdown study document in order: "§Intro", "§1", "§1.1", …, "§Summary", "§References", "§Quiz". */
export function seedSectionIds(doc: string): string[] {
  const out: string[] = ['§Intro'];
  for (const line of doc.split('\n')) {
    const h = /^#{1,3}\s+(.*)$/.exec(line)?.[1]?.trim();
    if (h === undefined) continue;
    const num = /^(\d+(?:\.\d+)?)\.?\s/.exec(h)?.[1];
    const id = num ? `§${num}` : /^(Summary|References)$/i.test(h) ? `§${h[0]!.toUpperCase()}${h.slice(1).toLowerCase()}` : /quiz/i.test(h) ? '§Quiz' : null;
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}
