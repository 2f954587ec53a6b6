/**
 * One quiz question made from one card, with the key that grades it. Deck notes keep their own
 * kind where they can (choice, true/false, typed, prompt); basic and imported cards become
 * multiple choice in their forward direction only, with distractors picked as distractors.ts
 * describes; cloze cards become typed fill-in-the-blank questions.
 */
import type { Caveat, Unit } from '../../../shared/deck-format';
import type { NoteContent, NoteContentKind } from '../../../shared/note-content';
import { normalizeAnswer } from './answer-match';
import { isQuestionOrInstruction, isShortAnswer } from './answer-kind';
import { pickDistractors, type DistractorSource } from './distractors';
import { matchTyped } from './match-typed';
import { answerSideOfBack, htmlToText } from './plain-text';
import { shuffle } from './rng';
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
  /** The note's dated caveat (deck-format `caveat`), shown with the answer. */
  caveat?: Caveat;
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
 * What a note asks and answers as plain text, in its forward direction, for notes whose answer
 * can be a multiple-choice option (basic, choice, typed, imported); null for other kinds. Both
 * cards of a reversed note give the forward pair: the back → front card asks the answer.
 */
export function cardPromptAndAnswer(candidate: QuizCandidate): { prompt: string; answer: string } | null {
  const c = candidate.content;
  switch (c.kind) {
    case 'basic':
      return { prompt: c.front, answer: c.back };
    case 'choice':
      return { prompt: c.question, answer: c.answer };
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

/** Related cards as distractor sources: other notes sharing a tag (the same deck, for imported notes). */
function relatedSources(candidate: QuizCandidate, siblings: readonly QuizCandidate[]): DistractorSource[] {
  const byDeck = candidate.content.kind === 'rendered';
  const tags = new Set(candidate.tags);
  const out: DistractorSource[] = [];
  const seenNotes = new Set<number>([candidate.noteId]);
  for (const s of siblings) {
    if (seenNotes.has(s.noteId)) continue;
    if (byDeck ? s.deckId !== candidate.deckId : !s.tags.some((t) => tags.has(t))) continue;
    const pa = cardPromptAndAnswer(s);
    if (!pa) continue;
    seenNotes.add(s.noteId);
    out.push({ noteId: s.noteId, prompt: pa.prompt, answer: pa.answer });
  }
  return out;
}

/** Most words of a term shown without a question around it ("der Hund", "INIT phase"). */
const MAX_TERM_WORDS = 8;

/**
 * The stem of a multiple-choice question: the prompt when it asks something or gives an
 * instruction; a short term becomes an instruction; a statement cannot be a stem (null).
 */
export function choiceStem(prompt: string): string | null {
  const t = prompt.trim();
  if (isQuestionOrInstruction(t)) return t;
  if (t.split(/\s+/).length <= MAX_TERM_WORDS && !/[.!]$/.test(t)) return `Choose the answer for: ${t}`;
  return null;
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

/**
 * A multiple-choice question for a card in its forward direction, or null: a back → front card,
 * a stem that is a statement, an answer that is a question or too long, or fewer than
 * `MIN_DISTRACTORS` usable distractors.
 */
function generatedChoice(
  candidate: QuizCandidate,
  siblings: readonly QuizCandidate[],
  rng: Rng,
  extra: { accepted?: readonly string[]; written?: readonly string[]; explanation?: string; minDistractors?: number },
): { question: QuizQuestion; key: QuizKey } | null {
  const c = candidate.content;
  if (c.kind === 'basic' && candidate.ord !== 0) return null;
  const card = cardPromptAndAnswer(candidate);
  if (!card) return null;
  const stem = choiceStem(card.prompt);
  if (stem === null || !isShortAnswer(card.answer)) return null;
  const distractors = pickDistractors(
    {
      noteId: candidate.noteId,
      prompt: card.prompt,
      answer: card.answer,
      related: relatedSources(candidate, siblings),
      want: MAX_CHOICES - 1,
      ...(extra.accepted ? { accepted: extra.accepted } : {}),
      ...(extra.written ? { written: extra.written } : {}),
    },
    rng,
  );
  if (distractors.length < (extra.minDistractors ?? MIN_DISTRACTORS)) return null;
  return choiceQuestion(stem, card.answer, distractors, rng, extra.explanation);
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
  const built = questionOf(candidate, siblings, rng, options);
  // A dated caveat of the note travels with the key, to be shown with the answer.
  const content = candidate.content;
  if (built && content.kind !== 'rendered' && content.caveat) built.key.caveat = content.caveat;
  return built;
}

function questionOf(
  candidate: QuizCandidate,
  siblings: readonly QuizCandidate[],
  rng: Rng,
  options: { kinds: readonly QuizQuestionKind[] },
): { question: QuizQuestion; key: QuizKey } | null {
  const kind = plannedKind(candidate.content, options.kinds);
  if (kind === null) return null;
  const c = candidate.content;
  switch (c.kind) {
    case 'choice':
      // A choice note's author may have written a single distractor: two options are then enough.
      return generatedChoice(candidate, siblings, rng, {
        written: c.distractors,
        minDistractors: 1,
        ...(c.explanation ? { explanation: c.explanation } : {}),
      });
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
      const key = { answers: c.answers, ...(c.numeric ? { numeric: c.numeric } : {}) };
      const written = (c.distractors ?? []).filter((d) => !matchTyped(d, key).correct);
      return generatedChoice(candidate, siblings, rng, {
        accepted: c.answers,
        written,
        ...(c.explanation ? { explanation: c.explanation } : {}),
      });
    }
    case 'basic':
      return generatedChoice(candidate, siblings, rng, c.distractors ? { written: c.distractors } : {});
    case 'rendered':
      return generatedChoice(candidate, siblings, rng, {});
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
