/**
 * Which cards a merged note has: the ordinals its content makes. A card event of an ordinal the
 * note no longer makes (an edit removed the cloze; the user confirmed it where the edit was made)
 * does not bring the card back.
 */
import type { NoteContent } from '../../../shared/note-content';
import { contentOrdinals } from '../../core/note-edit/card-plan';
import type { Repos } from '../../db/repos';

/** The ordinals a note's content makes (null for an unknown note or content that makes none). */
function cardOrdinalsOf(repos: Repos, noteId: number): Set<number> | null {
  const note = repos.notes.get(noteId);
  if (!note) return null;
  let ords: number[];
  try {
    ords = contentOrdinals(note.content);
  } catch {
    return null;
  }
  return ords.length > 0 ? new Set(ords) : null;
}

/** Whether the note's content makes a card of this ordinal (true when it cannot tell). */
export function noteMakesCard(repos: Repos, noteId: number, ord: number): boolean {
  return cardOrdinalsOf(repos, noteId)?.has(ord) ?? true;
}

/** Delete the note's cards of ordinals its content does not make. */
export function dropCardsNotMade(repos: Repos, noteId: number, content: NoteContent): void {
  const ords = new Set(contentOrdinals(content));
  if (ords.size === 0) return;
  for (const c of repos.cards.byNote(noteId)) if (!ords.has(c.ord)) repos.cards.delete(c.id);
}
