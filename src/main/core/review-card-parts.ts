/**
 * What the review screen needs of a card beyond its two sides: whether the back is the whole
 * answer side (so the front is not shown twice), the options of a choice card, and whether the
 * card asks for a typed answer.
 */
import type { NoteContent } from '../../shared/note-content';
import { orderedChoices, type RenderedCard } from './render-card';

export interface ReviewCardParts {
  /** The front as review shows it (a choice card's question without its option list: the options are buttons). */
  front: string;
  backIsAnswerSide: boolean;
  typed: boolean;
  choices: { options: string[]; correct: number } | null;
}

/** `<hr id=answer>` as Anki's answer templates write it (any quoting, other attributes around it). */
const ANSWER_RULE = /<hr\b[^>]*\bid\s*=\s*["']?answer\b/i;

/**
 * Whether an imported card's back is a whole answer side. Notes read from Anki packages are
 * (`source` "import:apkg"): Anki shows the answer template alone, and that template brings the
 * front back itself with {{FrontSide}} when it wants it. Other rendered notes (a CSV row) hold
 * the answer only, unless the back visibly holds the front or Anki's answer rule already.
 */
export function backIsAnswerSide(content: NoteContent, source: string, card: RenderedCard): boolean {
  if (content.kind !== 'rendered') return false;
  if (source === 'import:apkg') return true;
  const front = card.front.trim();
  return ANSWER_RULE.test(card.back) || (front.length > 0 && card.back.includes(front));
}

export function reviewCardParts(content: NoteContent, source: string, card: RenderedCard, salt: number): ReviewCardParts {
  const base = { front: card.front, backIsAnswerSide: backIsAnswerSide(content, source, card), typed: false, choices: null };
  switch (content.kind) {
    case 'choice': {
      const options = orderedChoices(content.answer, content.distractors, salt);
      return { ...base, front: content.question, choices: { options, correct: options.indexOf(content.answer) } };
    }
    case 'truefalse':
      return { ...base, choices: { options: ['True', 'False'], correct: content.answer ? 0 : 1 } };
    case 'typed':
      return { ...base, typed: true };
    default:
      return base;
  }
}
