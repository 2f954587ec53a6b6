/** The key an import compares fronts by, to warn about a new note whose front repeats another's in the same deck. */
import type { NoteContent } from '../../../shared/note-content';
import { renderCard } from '../../core/render-card';

/** The text duplicates are judged by: the front of the note's first card, as shown. */
export function frontKey(content: NoteContent): string {
  return normalizeFront(content.kind === 'rendered' ? (content.cards[0]?.front ?? '') : renderCard(content, 0).front);
}

/** A front as duplicates are compared: trimmed, runs of whitespace as one space. */
export function normalizeFront(front: string): string {
  const text = front.trim();
  return /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}
