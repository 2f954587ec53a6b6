/**
 * Editing an imported Anki note field by field, from a real Anki package: a field the cards show
 * as typed is carried into them (ids and history kept); a field they show only through a template
 * filter (or an empty one) is refused at that field and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/shared/api/import-contract';
import type { EditableNote, SaveResult } from '../../src/shared/api/notes-contract';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import type { RenderedNote } from '../../src/shared/note-content';
import { haveShared, sharedPath } from '../support/shared-dir';
import { stageFile } from '../support/staged-import';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
afterEach(() => t?.dispose());

const WORDS = ['fixtures', 'apkg', 'mujing__basic_word.apkg'];

describe.skipIf(!haveShared(...WORDS))('editing an imported Anki note', () => {
  it('carries a field shown as typed into its cards, and refuses one its cards do not show', async () => {
    t = tempApp();
    const stageId = await stageFile(t.app.dispatch, 'mujing__basic_word.apkg', new Uint8Array(readFileSync(sharedPath(...WORDS))));
    const result = await t.call<ImportResult>('import.commit', { stageId });
    const deckId = result.deckIds[0]!.id;
    const session = await t.call<ReviewSession>('review.next', { deckId });
    const card = session.card!;
    await t.call('review.answer', { cardId: card.cardId, rating: 3, durationMs: 1000 });

    const note = await t.call<EditableNote>('notes.get', { noteId: card.noteId });
    expect(note.content.kind).toBe('rendered');
    const content = note.content as unknown as RenderedNote;
    const sides = content.cards.map((c) => c.front + c.back).join('');
    const shown = content.fields.findIndex((f) => f.value.length > 2 && sides.includes(f.value));
    expect(shown, 'a field the cards show as typed').toBeGreaterThanOrEqual(0);
    const old = content.fields[shown]!.value;
    const fields = content.fields.map((f, i) => ({ name: f.name, value: i === shown ? `${old} (edited)` : f.value }));
    const draft = { deckId, content: { kind: 'rendered', fields }, tags: note.tags };

    const preview = await t.call<{ cards: Array<{ front: string; back: string; cardId: number }>; errors: unknown[] }>('notes.preview', { noteId: note.noteId, draft });
    expect(preview.errors).toEqual([]);
    const previewSides = preview.cards.map((c) => c.front + c.back).join('');
    expect(previewSides).toContain(`${old} (edited)`);
    // Other fields holding the same text (an example sentence with the word in it) keep it.
    const containing = content.fields.filter((f, i) => i !== shown && f.value.includes(old) && sides.includes(f.value));
    expect(containing.length).toBeGreaterThan(0);
    for (const other of containing) expect(previewSides).toContain(other.value);

    const saved = await t.call<SaveResult>('notes.update', { noteId: note.noteId, draft });
    expect(saved).toMatchObject({ status: 'saved', changed: true, added: 0, removed: 0, cardIds: note.cards.map((c) => c.cardId) });
    const after = await t.call<EditableNote>('notes.get', { noteId: note.noteId });
    expect((after.content as unknown as RenderedNote).fields[shown]!.value).toBe(`${old} (edited)`);
    expect(after.cards.find((c) => c.cardId === card.cardId)?.reviews).toBe(1);
    const again = await t.call<ReviewSession>('review.next', { deckId });
    expect(again.card).toBeDefined();

    // A field no card shows as typed: refused at that field, nothing written.
    const hidden = content.fields.findIndex((f) => f.value === '' || !sides.includes(f.value));
    if (hidden >= 0) {
      const db = t.app.services.repos.db;
      const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      const n0 = changes();
      const bad = (after.content as unknown as RenderedNote).fields.map((f, i) => ({ name: f.name, value: i === hidden ? `${f.value}x` : f.value }));
      const r = await t.call<SaveResult>('notes.update', { noteId: note.noteId, draft: { ...draft, content: { kind: 'rendered', fields: bad } } });
      expect(r).toMatchObject({ status: 'invalid', errors: [{ field: `fields[${hidden}].value` }] });
      expect(changes()).toBe(n0);
    }
  });
});
