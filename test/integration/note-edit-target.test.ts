/**
 * What a save reads of a note (one statement: the note and its cards' ids), on a real collection:
 * cards by ordinal whatever order they were written in, a note without cards, a missing note; and
 * an edit of a note whose cards were written out of order keeps each card on its own ordinal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaveResult } from '../../src/shared/api/notes-contract';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
let deckId: number;
beforeEach(() => {
  t = tempApp();
  deckId = t.app.services.repos.decks.ensurePath('Mine', t.clock.now());
});
afterEach(() => t.dispose());

const CLOZE = { kind: 'cloze', text: '{{c1::FSRS}} schedules by {{c2::stability}} and {{c3::difficulty}}' } as const;

/** A user's cloze note whose cards are written in the order ord 2, 0, 1 (ids ascending, ordinals not). */
function clozeOutOfOrder(): { noteId: number; idByOrd: Map<number, number> } {
  const { repos } = t.app.services;
  const now = t.clock.now();
  const noteId = repos.notes.insert({ guid: 'g-out-of-order', deckId, content: CLOZE, tags: ['mine'], section: '', source: 'user', contentHash: 'h' }, now);
  const idByOrd = new Map<number, number>();
  for (const ord of [2, 0, 1]) idByOrd.set(ord, repos.cards.insert(noteId, deckId, ord, now, now));
  return { noteId, idByOrd };
}

describe('the note a save reads', () => {
  it('lists its cards by ordinal with their ids, whatever order they were written in', () => {
    const { noteId, idByOrd } = clozeOutOfOrder();
    const target = t.app.services.repos.noteEdits.editTarget(noteId);
    expect(target).toMatchObject({ id: noteId, deckId, kind: 'cloze', source: 'user', tagsJson: '["mine"]', contentHash: 'h' });
    expect(target?.cards).toEqual([0, 1, 2].map((ord) => ({ cardId: idByOrd.get(ord), ord })));
    expect(target?.content).toEqual(CLOZE);
    expect(JSON.parse(target?.contentJson ?? 'null')).toEqual(CLOZE);
  });

  it('reads a note without cards with none, and no note for an id that has none', () => {
    const { repos } = t.app.services;
    const noteId = repos.notes.insert({ guid: 'g-bare', deckId, content: { kind: 'basic', front: 'F', back: 'B' }, tags: [], section: '', source: 'user', contentHash: 'h' }, t.clock.now());
    expect(repos.noteEdits.editTarget(noteId)?.cards).toEqual([]);
    expect(repos.noteEdits.editTarget(noteId + 1000)).toBeUndefined();
  });

  it('an edit keeps each card of a note written out of order on its own ordinal', async () => {
    const { noteId, idByOrd } = clozeOutOfOrder();
    const r = await t.app.dispatch('notes.update', {
      noteId,
      draft: { deckId, content: { ...CLOZE, text: '{{c1::FSRS}} schedules by {{c2::memory stability}} and {{c3::difficulty}}' }, tags: ['mine'] },
    });
    expect(r.ok && (r.value as SaveResult)).toMatchObject({ status: 'saved', changed: true, added: 0, removed: 0, cardIds: [0, 1, 2].map((o) => idByOrd.get(o)) });
    const rows = t.app.services.repos.db.prepare('SELECT id, ord FROM cards WHERE note_id = ? ORDER BY ord').all(noteId);
    expect(rows).toEqual([0, 1, 2].map((ord) => ({ id: idByOrd.get(ord), ord })));
  });
});
