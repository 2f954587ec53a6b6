/**
 * The front and back of a card, from its note's content and the card's ordinal. Deck-file notes
 * render to Markdown; imported notes carry their own rendered HTML or text. The renderer turns
 * either into sanitized HTML.
 */
import { caveatMarkdown } from '../../shared/caveat-text';
import type { NoteContent } from '../../shared/note-content';

export interface RenderedCard {
  front: string;
  back: string;
  format: 'markdown' | 'html' | 'text';
}

const CLOZE = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/gs;

/** Cloze text with deletion `number` hidden (front) or highlighted (back); other deletions shown. */
export function renderCloze(text: string, number: number, side: 'front' | 'back'): string {
  return text.replace(CLOZE, (_m, n: string, answer: string, hint: string | undefined) => {
    if (Number(n) !== number) return answer;
    if (side === 'front') return hint ? `**[${hint}]**` : '**[…]**';
    return `**${answer}**`;
  });
}

/** Stable order for the options of a choice card shown in review (quizzes shuffle by their own seed). */
export function orderedChoices(answer: string, distractors: string[], salt: number): string[] {
  const all = [answer, ...distractors];
  return all
    .map((c, i) => ({ c, k: ((i + 1) * 2654435761 + salt * 40503) % 4294967296 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
}

/** The card's sides; the back of a deck note with a dated caveat ends with that caveat. */
export function renderCard(content: NoteContent, ord: number, salt = 0): RenderedCard {
  const card = renderSides(content, ord, salt);
  if (content.kind === 'rendered' || !content.caveat) return card;
  return { ...card, back: `${card.back}\n\n${caveatMarkdown(content.caveat)}` };
}

function renderSides(content: NoteContent, ord: number, salt: number): RenderedCard {
  switch (content.kind) {
    case 'basic':
      return ord === 1
        ? { front: content.back, back: content.front, format: 'markdown' }
        : { front: content.front, back: content.back, format: 'markdown' };
    case 'cloze': {
      const extra = content.extra ? `\n\n${content.extra}` : '';
      return {
        front: renderCloze(content.text, ord + 1, 'front'),
        back: renderCloze(content.text, ord + 1, 'back') + extra,
        format: 'markdown',
      };
    }
    case 'choice': {
      const options = orderedChoices(content.answer, content.distractors, salt)
        .map((c, i) => `${String.fromCharCode(65 + i)}. ${c}`)
        .join('\n');
      const why = content.explanation ? `\n\n${content.explanation}` : '';
      return {
        front: `${content.question}\n\n${options.split('\n').map((l) => `- ${l}`).join('\n')}`,
        back: `**${content.answer}**${why}`,
        format: 'markdown',
      };
    }
    case 'truefalse': {
      const why = content.explanation ? `\n\n${content.explanation}` : '';
      return {
        front: `True or false?\n\n${content.statement}`,
        back: `**${content.answer ? 'True' : 'False'}**${why}`,
        format: 'markdown',
      };
    }
    case 'typed': {
      // Review shows the canonical answer; the accepted variants matter only when a quiz checks typing.
      const why = content.explanation ? `\n\n${content.explanation}` : '';
      return { front: content.question, back: `**${content.answers[0] ?? ''}**${why}`, format: 'markdown' };
    }
    case 'prompt': {
      const points = content.rubric.map((p) => `- ${p}`).join('\n');
      return {
        front: `*Interview prompt*\n\n${content.question}`,
        back: `${content.modelAnswer}\n\n**Key points**\n\n${points}`,
        format: 'markdown',
      };
    }
    case 'rendered': {
      const card = content.cards.find((c) => c.ord === ord) ?? content.cards[0];
      return { front: card?.front ?? '', back: card?.back ?? '', format: content.format };
    }
  }
}
