/**
 * Adding and editing notes. A save is one IMMEDIATE transaction: the note's content, tags and deck,
 * its kept cards untouched (same ids, history and schedule), new cards for new ordinals (a new
 * cloze number, a reverse side), and cards it no longer makes deleted only when the caller listed
 * them in `confirmDelete`; otherwise the answer names them with their review counts and nothing is
 * written. An edit marks the note edited, so a later built-in deck update keeps it.
 */
import { randomUUID } from 'node:crypto';
import type { EditableNote, NoteDraft, PreviewCard, SaveResult } from '../../shared/api/notes-contract';
import { AppError } from '../../shared/api/errors';
import { NOTE_KIND_CODES } from '../../shared/enums';
import type { NoteContent } from '../../shared/note-content';
import type { Clock } from '../core/clock';
import { cardLabel, planCards, type ExistingCard } from '../core/note-edit/card-plan';
import { noteContentHash } from '../core/note-hash';
import { matchTyped } from '../core/quiz/match-typed';
import { renderCard } from '../core/render-card';
import { reviewCardParts } from '../core/review-card-parts';
import type { Repos } from '../db/repos';
import type { NoteRow } from '../db/repos/note-repo';
import type { DeckService } from './deck-service';
import { checkDraft, type CheckedDraft } from './note-draft';
import { noteSnapshot, recordCardDecks, recordNewCards, recordNoteChange, type EventRecorder } from './sync/collection-fields';

/** Where notes written in the editor come from (see notes.source). */
export const USER_NOTE_SOURCE = 'user';

export function createNoteEditorService(repos: Repos, decks: DeckService, clock: Clock, journal?: EventRecorder) {
  // The cached deck tree answers without a query; a deck made since it was cached is looked up.
  const deckExists = (id: number): boolean => decks.presetOf(id) !== undefined || repos.decks.get(id) !== undefined;
  function noteOrThrow(noteId: number): NoteRow {
    const note = repos.notes.get(noteId);
    if (!note) throw new AppError('not_found', `note ${noteId} not found`);
    return note;
  }

  function existingCards(note: NoteRow): ExistingCard[] {
    const counts = repos.noteEdits.reviewCounts(note.id);
    return repos.cards.byNote(note.id).map((c) => ({ cardId: c.id, ord: c.ord, reviews: counts.get(c.id) ?? 0 }));
  }

  const labelled = (kind: NoteContent['kind']) => (c: ExistingCard) => ({ ...c, label: cardLabel(kind, c.ord) });

  function hashOf(content: NoteContent, tags: string[], section: string): string {
    return noteContentHash(JSON.stringify(content), JSON.stringify(tags), section);
  }

  const addNote = repos.db.transaction((d: CheckedDraft): SaveResult => {
    const now = clock.now();
    const guid = randomUUID();
    const noteId = repos.notes.insert(
      { guid, deckId: d.deckId, content: d.content, tags: d.tags, section: '', source: USER_NOTE_SOURCE, contentHash: hashOf(d.content, d.tags, '') },
      now,
    );
    const cardIds = d.ords.map((ord) => repos.cards.insert(noteId, d.deckId, ord, now, now));
    // Sync: the note with every field, and each card's first state.
    if (recordNoteChange(journal, repos, null, guid)) recordNewCards(journal, repos, guid, cardIds);
    return { status: 'saved', noteId, cardIds, added: cardIds.length, removed: 0, changed: true };
  });

  // Checked and written under the write lock, so the note and cards checked are the ones changed.
  const updateNote = repos.db.transaction((noteId: number, draft: NoteDraft, confirmDelete: readonly number[]): SaveResult => {
    const note = repos.noteEdits.editTarget(noteId);
    if (!note) throw new AppError('not_found', `note ${noteId} not found`);
    const checked = checkDraft(deckExists, draft, note);
    if (!checked.ok) return { status: 'invalid', errors: checked.errors };
    const d = checked.draft;
    const plan = planCards(d.ords, note.cards);
    if (plan.removals.some((c) => !confirmDelete.includes(c.cardId))) {
      // Review counts are read only when cards would go: an edit that keeps every card does not need them.
      const counts = repos.noteEdits.reviewCounts(noteId);
      const removals = plan.removals.map((c) => ({ ...c, reviews: counts.get(c.cardId) ?? 0, label: cardLabel(d.content.kind, c.ord) }));
      return { status: 'needsConfirmation', removals };
    }
    const contentJson = JSON.stringify(d.content);
    const tagsJson = JSON.stringify(d.tags);
    const moved = note.deckId !== d.deckId || note.kind !== d.content.kind;
    if (!moved && contentJson === note.contentJson && tagsJson === note.tagsJson) {
      return { status: 'saved', noteId, cardIds: note.cards.map((c) => c.cardId), added: 0, removed: 0, changed: false };
    }
    const now = clock.now();
    // A note from a deck file or an import keeps the hash of the note as its source gave it, so a
    // later update tells whether the source changed the note (and keeps the user's edit either way).
    const contentHash = note.source === USER_NOTE_SOURCE ? noteContentHash(contentJson, tagsJson, note.section) : note.contentHash;
    const kind = NOTE_KIND_CODES[d.content.kind];
    const guid = journal?.on ? repos.notes.syncGuid(noteId) : undefined;
    const before = guid === undefined ? null : noteSnapshot(journal, repos, guid);
    repos.notes.edit(noteId, { deckId: d.deckId, kind, contentJson, tagsJson, contentHash }, now, tagsJson === note.tagsJson ? null : d.tags, moved);
    for (const c of plan.removals) repos.cards.delete(c.cardId);
    if (d.deckId !== note.deckId) for (const c of plan.cards) if (c.existing) repos.cards.moveToDeck(c.existing.cardId, d.deckId);
    const cardIds = plan.cards.map((c) => c.existing?.cardId ?? repos.cards.insert(noteId, d.deckId, c.ord, now, now));
    // Sync: the fields the edit changed; cards it made (the note's content says which cards it has).
    if (guid !== undefined && before && recordNoteChange(journal, repos, before, guid)) {
      recordNewCards(journal, repos, guid, cardIds.filter((_, i) => !plan.cards[i]!.existing));
      if (d.deckId !== note.deckId) recordCardDecks(journal, repos, guid, plan.cards.flatMap((c) => (c.existing ? [c.existing.cardId] : [])));
    }
    return { status: 'saved', noteId, cardIds, added: plan.cards.filter((c) => !c.existing).length, removed: plan.removals.length, changed: true };
  });

  return {
    get(noteId: number): EditableNote {
      const note = noteOrThrow(noteId);
      return {
        noteId: note.id,
        deckId: note.deckId,
        content: note.content as EditableNote['content'],
        tags: note.tags,
        source: note.source,
        editedAt: note.editedAt,
        cards: existingCards(note).map(labelled(note.content.kind)),
      };
    },

    preview(draft: NoteDraft, noteId?: number, tryAnswer?: string) {
      const note = noteId !== undefined ? noteOrThrow(noteId) : undefined;
      const checked = checkDraft(deckExists, draft, note && { kind: note.content.kind, content: note.content });
      if (!checked.ok) return { cards: [] as PreviewCard[], removals: [], errors: checked.errors, tried: null };
      const d = checked.draft;
      const plan = planCards(d.ords, note ? existingCards(note) : []);
      // The salt is the card id, as review uses it, so a choice card lists its options in review's order.
      const cards: PreviewCard[] = plan.cards.map(({ ord, existing }) => {
        const salt = existing?.cardId ?? 0;
        const rendered = renderCard(d.content, ord, salt);
        const parts = reviewCardParts(d.content, note?.source ?? USER_NOTE_SOURCE, rendered, salt);
        return { ord, label: cardLabel(d.content.kind, ord), ...rendered, ...parts, cardId: existing?.cardId ?? null, reviews: existing?.reviews ?? 0 };
      });
      const c = d.content;
      const tried =
        tryAnswer !== undefined && c.kind === 'typed'
          ? (({ correct, matched }) => ({ correct, matched: matched ?? null }))(matchTyped(tryAnswer, { answers: c.answers, ...(c.numeric ? { numeric: c.numeric } : {}) }))
          : null;
      return { cards, removals: plan.removals.map(labelled(c.kind)), errors: [], tried };
    },

    add(draft: NoteDraft): SaveResult {
      const checked = checkDraft(deckExists, draft, undefined);
      if (!checked.ok) return { status: 'invalid', errors: checked.errors };
      return addNote.immediate(checked.draft);
    },

    update(noteId: number, draft: NoteDraft, confirmDelete: readonly number[] = []): SaveResult {
      return updateNote.immediate(noteId, draft, confirmDelete);
    },

    tags(prefix: string, limit = 20) {
      return { tags: repos.noteEdits.tagsByPrefix(prefix, limit) };
    },
  };
}
export type NoteEditorService = ReturnType<typeof createNoteEditorService>;
