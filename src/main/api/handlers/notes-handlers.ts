import type { notesContract } from '../../../shared/api/notes-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function notesHandlers({ noteEditor }: Needs<'noteEditor'>): HandlerGroup<keyof typeof notesContract> {
  return {
    'notes.get': ({ noteId }) => noteEditor.get(noteId),
    'notes.preview': ({ draft, noteId, tryAnswer }) => noteEditor.preview(draft, noteId, tryAnswer),
    'notes.add': ({ draft }) => noteEditor.add(draft),
    'notes.update': ({ noteId, draft, confirmDelete }) => noteEditor.update(noteId, draft, confirmDelete),
    'tags.list': ({ prefix, limit }) => noteEditor.tags(prefix, limit),
  };
}
