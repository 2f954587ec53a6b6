/**
 * A draft from the editor turned into what would be stored: the content checked by its kind's
 * rules (imported notes field by field against the note as it is), the tags normalised, the deck
 * checked; or the field errors that keep it from being saved.
 */
import type { FieldError, NoteDraft } from '../../shared/api/notes-contract';
import type { NoteContent } from '../../shared/note-content';
import { normalizeTags } from '../../shared/tags';
import { contentOrdinals } from '../core/note-edit/card-plan';
import { editRenderedNote } from '../core/note-edit/rendered-edit';
import { checkDraftContent } from '../core/note-edit/validate-draft';

export interface CheckedDraft {
  deckId: number;
  content: NoteContent;
  tags: string[];
  ords: number[];
}

export type DraftResult = { ok: true; draft: CheckedDraft } | { ok: false; errors: FieldError[] };

/** `deckExists` answers from the cached deck tree, so a check reads no deck row. */
export function checkDraft(deckExists: (id: number) => boolean, draft: NoteDraft, note: { kind: NoteContent['kind']; content: NoteContent } | undefined): DraftResult {
  const errors: FieldError[] = [];
  if (!deckExists(draft.deckId)) errors.push({ field: 'deckId', message: `deck ${draft.deckId} does not exist` });
  const tags = normalizeTags(draft.tags);
  tags.forEach((t) => {
    if (t.length > 100) errors.push({ field: 'tags', message: `"${t.slice(0, 20)}…" is longer than 100 characters` });
  });
  const raw = draft.content as Record<string, unknown>;
  let content: NoteContent | null = null;
  if (raw['kind'] === 'rendered') {
    if (note?.kind !== 'rendered' || note.content.kind !== 'rendered') {
      errors.push({ field: 'kind', message: 'only an imported note keeps its own fields; choose a kind for a new note' });
    } else {
      const edited = editRenderedNote(note.content, raw);
      if (edited.ok) content = edited.content;
      else errors.push(...edited.errors);
    }
  } else if (note?.kind === 'rendered') {
    errors.push({ field: 'kind', message: 'an imported note keeps its own note type' });
  } else {
    const checked = checkDraftContent(raw);
    if (checked.ok) content = checked.content;
    else errors.push(...checked.errors);
  }
  const ords = content ? contentOrdinals(content) : [];
  if (content && ords.length === 0) errors.push({ field: 'kind', message: 'the note makes no card' });
  if (errors.length > 0 || !content) return { ok: false, errors };
  return { ok: true, draft: { deckId: draft.deckId, content, tags, ords } };
}
