/**
 * What a stored note holds (the notes.content JSON column). Notes from Retain deck files keep
 * their deck-file shape without id/section/tags/fact (those are columns of their own). Notes imported
 * from Anki or from text files are `rendered`: their named fields plus the front and back of each
 * card, already rendered from the note type's templates. The renderer sanitizes all card text.
 */
import type { DeckNote } from './deck-format';

type WithoutMeta<T> = T extends unknown ? Omit<T, 'id' | 'section' | 'tags' | 'fact'> : never;

export interface RenderedNote {
  kind: 'rendered';
  /** Note type name, e.g. "Basic" or "Cloze". */
  noteType: string;
  /** Field name → field text, in note-type order. */
  fields: Array<{ name: string; value: string }>;
  /** One entry per card the note makes; `front`/`back` are in `format`. */
  cards: Array<{ ord: number; front: string; back: string }>;
  format: 'html' | 'text';
}

export type NoteContent = WithoutMeta<DeckNote> | RenderedNote;
export type NoteContentKind = NoteContent['kind'];

/** Strip deck-file metadata from a deck note, leaving what is stored as content. */
export function contentOf(note: DeckNote): NoteContent {
  const { id: _id, section: _section, tags: _tags, fact: _fact, ...content } = note;
  return content as NoteContent;
}
