/**
 * One quiz question made from one card, with the key that grades it. Deck notes keep their own
 * kind where they can (choice, true/false, typed, prompt); basic and imported cards become
 * multiple choice with the answers of related cards as distractors; cloze cards become typed
 * fill-in-the-blank questions.
 */
import type { Unit } from '../../../shared/deck-format';
import type { NoteContent, NoteContentKind } from '../../../shared/note-content';
import { matchTyped, normalizeAnswer, parseQuantity, unitDimension } from './answer-match';
import { answerSideOfBack, htmlToText } from './plain-text';
import { pick, randomOrder, shuffle } from './rng';
import type { Rng } from './rng';

export type QuizQuestionKind = 'choice' | 'truefalse' | 'typed' | 'prompt';
export const QUIZ_QUESTION_KINDS = ['choice', 'truefalse', 'typed', 'prompt'] as const satisfies readonly QuizQuestionKind[];

export interface QuizQuestion {
  kind: QuizQuestionKind;
  prompt: string;
  /** choice: the options in shown order; truefalse: ['True', 'False']. */
  choices?: string[];
}

export interface QuizKey {
  kind: QuizQuestionKind;
  /** choice/truefalse: index into `QuizQuestion.choices`. */
  correctChoice?: number;
  /** typed: accepted answers. */
  answers?: string[];
  numeric?: { value: number; unit: Unit; tolerance: number };
  /** prompt: the points a good answer covers. */
  rubric?: string[];
  modelAnswer?: string;
  explanation?: string;
  /** The correct answer as shown on the results screen. */
  answerText: string;
}

export interface QuizCandidate {
  cardId: number;
  noteId: number;
  /** Card ordinal within the note (basic: 0 front→back, 1 back→front; cloze: N-1 for {{cN::…}}). */
  ord: number;
  tags: string[];
  deckId: number;
  content: NoteContent;
}

export interface QuizAnswer {
  choice?: number;
  text?: string;
  /** prompt: indexes of the rubric points the user ticked. */
  rubricChecked?: number[];
}

/** Most choices a multiple-choice question shows (the answer and up to three distractors). */
export const MAX_CHOICES = 4;
/** Fewest distractors a generated multiple-choice question needs. */
export const MIN_DISTRACTORS = 2;

const TRUE_FALSE = ['True', 'False'];

/** The kind of question a note's content becomes under the allowed kinds, or null if none. */
export function plannedKind(content: NoteContent, kinds: readonly QuizQuestionKind[]): QuizQuestionKind | null {
  return plannedKindFor(content.kind, kinds);
}

/** `plannedKind` by content kind alone (the question kind never depends on more). */
export function plannedKindFor(contentKind: NoteContentKind, kinds: readonly QuizQuestionKind[]): QuizQuestionKind | null {
  switch (contentKind) {
    case 'choice':
    case 'basic':
    case 'rendered':
      return kinds.includes('choice') ? 'choice' : null;
    case 'truefalse':
      return kinds.includes('truefalse') ? 'truefalse' : null;
    case 'typed':
      return kinds.includes('typed') ? 'typed' : kinds.includes('choice') ? 'choice' : null;
    case 'prompt':
      return kinds.includes('prompt') ? 'prompt' : null;
    case 'cloze':
      return kinds.includes('typed') ? 'typed' : null;
  }
}

/**
 * What a card asks and answers as plain text, for cards whose answer can serve as another
 * question's distractor (basic, imported, typed); null for other kinds.
 */
export function cardPromptAndAnswer(candidate: QuizCandidate): { prompt: string; answer: string } | null {
  const c = candidate.content;
  switch (c.kind) {
    case 'basic':
      return candidate.ord === 1 ? { prompt: c.back, answer: c.front } : { prompt: c.front, answer: c.back };
    case 'typed': {
      const answer = c.answers[0];
      return answer === undefined ? null : { prompt: c.question, answer };
    }
    case 'rendered': {
      const card = c.cards.find((x) => x.ord === candidate.ord);
      if (!card) return null;
      const toText = (s: string): string => (c.format === 'html' ? htmlToText(s) : s.replace(/\s+/g, ' ').trim());
      const prompt = toText(card.front);
      const answer = toText(c.format === 'html' ? answerSideOfBack(card.back) : card.back);
      return prompt === '' || answer === '' ? null : { prompt, answer };
    }
    default:
      return null;
  }
}

/** "time", "data", … for a single quantity, "text" otherwise; distractors of the same shape are preferred. */
function answerShape(answer: string): string {
  const q = parseQuantity(answer);
  return q ? unitDimension(q.unit) : 'text';
}

/**
 * Up to `want` distractors for `answer` from the answers of related sibling cards: other notes
 * sharing a tag (the same deck, for imported notes), none equal to the answer or to each other
 * after normalization. Answers of the same shape (a duration for a duration) come first.
 */
export function siblingDistractors(
  candidate: QuizCandidate,
  answer: string,
  siblings: readonly QuizCandidate[],
  rng: Rng,
  want: number = MAX_CHOICES - 1,
): string[] {
  const byDeck = candidate.content.kind === 'rendered';
  const tags = new Set(candidate.tags);
  const shape = answerShape(answer);
  const seen = new Set<string>([normalizeAnswer(answer)]);
  const preferred: string[] = [];
  const others: string[] = [];
  const order = randomOrder(siblings.length, rng);
  for (let i = order.next(); i !== -1 && preferred.length < want; i = order.next()) {
    const s = siblings[i];
    if (!s || s.noteId === candidate.noteId) continue;
    if (byDeck ? s.deckId !== candidate.deckId : !s.tags.some((t) => tags.has(t))) continue;
    const text = cardPromptAndAnswer(s)?.answer;
    if (text === undefined) continue;
    const norm = normalizeAnswer(text);
    if (norm === '' || seen.has(norm)) continue;
    seen.add(norm);
    (answerShape(text) === shape ? preferred : others).push(text);
  }
  return [...preferred, ...others].slice(0, want);
}

function choiceQuestion(
  prompt: string,
  answer: string,
  distractors: readonly string[],
  rng: Rng,
  explanation?: string,
): { question: QuizQuestion; key: QuizKey } {
  const options = [answer, ...distractors];
  const order = shuffle(
    options.map((_, i) => i),
    rng,
  );
  const key: QuizKey = { kind: 'choice', correctChoice: order.indexOf(0), answerText: answer };
  if (explanation) key.explanation = explanation;
  return { question: { kind: 'choice', prompt, choices: order.map((i) => options[i] ?? '') }, key };
}

/** Distinct distractors of a choice note, without the answer, at most `MAX_CHOICES - 1` picked at random. */
function ownDistractors(answer: string, distractors: readonly string[], rng: Rng): string[] {
  const seen = new Set<string>([normalizeAnswer(answer)]);
  const usable: string[] = [];
  for (const d of distractors) {
    const norm = normalizeAnswer(d);
    if (norm === '' || seen.has(norm)) continue;
    seen.add(norm);
    usable.push(d);
  }
  return pick(usable, MAX_CHOICES - 1, rng);
}

const CLOZE = /\{\{c(\d+)::([^}]*?)(?:::([^}]*))?\}\}/g;

/** The cloze text with deletion `n` hidden ("[…]" or "[hint]") and the others shown, plus the hidden texts. */
export function clozeBlank(text: string, n: number): { prompt: string; hidden: string[] } {
  const hidden: string[] = [];
  const prompt = text.replace(CLOZE, (_m, num: string, answer: string, hint: string | undefined) => {
    if (Number(num) !== n) return answer;
    hidden.push(answer.trim());
    const h = hint?.trim();
    return h ? `[${h}]` : '[…]';
  });
  return { prompt, hidden };
}

/**
 * The question a card becomes, or null when it cannot become any of `options.kinds` (or, for a
 * generated multiple-choice question, when fewer than `MIN_DISTRACTORS` distractors exist).
 * `siblings` are cards to draw distractors from; only those related to the candidate are used.
 */
export function buildQuestion(
  candidate: QuizCandidate,
  siblings: readonly QuizCandidate[],
  rng: Rng,
  options: { kinds: readonly QuizQuestionKind[] },
): { question: QuizQuestion; key: QuizKey } | null {
  const kind = plannedKind(candidate.content, options.kinds);
  if (kind === null) return null;
  const c = candidate.content;
  switch (c.kind) {
    case 'choice': {
      const distractors = ownDistractors(c.answer, c.distractors, rng);
      if (distractors.length === 0) return null;
      return choiceQuestion(c.question, c.answer, distractors, rng, c.explanation);
    }
    case 'truefalse': {
      const key: QuizKey = { kind: 'truefalse', correctChoice: c.answer ? 0 : 1, answerText: c.answer ? 'True' : 'False' };
      if (c.explanation) key.explanation = c.explanation;
      return { question: { kind: 'truefalse', prompt: c.statement, choices: [...TRUE_FALSE] }, key };
    }
    case 'prompt':
      return {
        question: { kind: 'prompt', prompt: c.question },
        key: { kind: 'prompt', rubric: [...c.rubric], modelAnswer: c.modelAnswer, answerText: c.modelAnswer },
      };
    case 'cloze': {
      const { prompt, hidden } = clozeBlank(c.text, candidate.ord + 1);
      const answer = hidden.join(', ');
      if (hidden.length === 0 || normalizeAnswer(answer) === '') return null;
      const key: QuizKey = { kind: 'typed', answers: [answer], answerText: answer };
      if (c.extra?.trim()) key.explanation = c.extra.trim();
      return { question: { kind: 'typed', prompt }, key };
    }
    case 'typed': {
      const shown = c.answers[0] ?? '';
      if (kind === 'typed') {
        const key: QuizKey = { kind: 'typed', answers: [...c.answers], answerText: shown };
        if (c.numeric) key.numeric = { ...c.numeric };
        if (c.explanation) key.explanation = c.explanation;
        return { question: { kind: 'typed', prompt: c.question }, key };
      }
      const distractors = siblingDistractors(candidate, shown, siblings, rng).filter(
        // Another accepted spelling of the answer is not a wrong choice.
        (d) => !matchTyped(d, { answers: c.answers, ...(c.numeric ? { numeric: c.numeric } : {}) }).correct,
      );
      if (distractors.length < MIN_DISTRACTORS) return null;
      return choiceQuestion(c.question, shown, distractors, rng, c.explanation);
    }
    case 'basic':
    case 'rendered': {
      const card = cardPromptAndAnswer(candidate);
      if (!card) return null;
      const distractors = siblingDistractors(candidate, card.answer, siblings, rng);
      if (distractors.length < MIN_DISTRACTORS) return null;
      return choiceQuestion(card.prompt, card.answer, distractors, rng);
    }
  }
}

/**
 * Grade one answer. choice/truefalse: the chosen index; typed: tolerant matching (see
 * `matchTyped`); prompt: self-graded against the rubric, ungraded (null) until ticks are given,
 * points = share of rubric points ticked, correct from half the rubric up.
 */
export function scoreAnswer(key: QuizKey, answer: QuizAnswer): { correct: boolean | null; points: number } {
  switch (key.kind) {
    case 'choice':
    case 'truefalse': {
      const correct = answer.choice !== undefined && answer.choice === key.correctChoice;
      return { correct, points: correct ? 1 : 0 };
    }
    case 'typed': {
      if (answer.text === undefined) return { correct: false, points: 0 };
      const expected = key.numeric ? { answers: key.answers ?? [], numeric: key.numeric } : { answers: key.answers ?? [] };
      const correct = matchTyped(answer.text, expected).correct;
      return { correct, points: correct ? 1 : 0 };
    }
    case 'prompt': {
      const rubric = key.rubric ?? [];
      if (answer.rubricChecked === undefined || rubric.length === 0) return { correct: null, points: 0 };
      const ticked = new Set(answer.rubricChecked.filter((i) => Number.isInteger(i) && i >= 0 && i < rubric.length));
      const points = ticked.size / rubric.length;
      return { correct: points >= 0.5, points };
    }
  }
}
