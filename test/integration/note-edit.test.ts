/** The note editor on a real collection: edits keep cards and history, deleting cards needs confirmation, bad drafts write nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EditableNote, NoteDraft, SaveResult } from '../../src/shared/api/notes-contract';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
let deckId: number;
beforeEach(async () => {
  t = tempApp();
  deckId = (await t.call<{ deckId: number }>('decks.create', { name: 'Mine' }).catch(() => null))?.deckId ?? ownDeck();
});
afterEach(() => t.dispose());

/** A deck of our own, written directly when decks.create is not available. */
function ownDeck(): number {
  return t.app.services.repos.decks.ensurePath('Mine', t.clock.now());
}

const db = () => t.app.services.repos.db;
const changes = () => (db().prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const cardRows = (noteId: number) =>
  db().prepare('SELECT id, ord, reps, stability, difficulty, due, state, deck_id AS deckId FROM cards WHERE note_id = ? ORDER BY ord').all(noteId) as Array<{
    id: number;
    ord: number;
    reps: number;
    stability: number;
    difficulty: number;
    due: number;
    state: number;
    deckId: number;
  }>;
const logRows = (cardId: number) => db().prepare('SELECT id, rating, reviewed_at FROM review_log WHERE card_id = ? ORDER BY id').all(cardId);

const draft = (content: Record<string, unknown>, tags: string[] = ['mine']): NoteDraft => ({ deckId, content: { ...content } as NoteDraft['content'], tags });
async function add(content: Record<string, unknown>): Promise<Extract<SaveResult, { status: 'saved' }>> {
  const r = await t.call<SaveResult>('notes.add', { draft: draft(content) });
  if (r.status !== 'saved') throw new Error(JSON.stringify(r));
  return r;
}
const answer = (cardId: number, rating = 3) => t.call('review.answer', { cardId, rating, durationMs: 1500 });

describe('editing a note', () => {
  it('keeps its cards, their ids, review history and schedule, and marks the note edited', async () => {
    const saved = await add({ kind: 'basic', front: 'What is FSRS?', back: 'A scheduler', reversed: true });
    expect(saved.cardIds).toHaveLength(2);
    await answer(saved.cardIds[0]!, 3);
    t.clock.advance(60_000);
    await answer(saved.cardIds[0]!, 4);
    const before = cardRows(saved.noteId);
    const history = logRows(saved.cardIds[0]!);
    expect(history).toHaveLength(2);

    t.clock.advance(60_000);
    const r = await t.call<SaveResult>('notes.update', {
      noteId: saved.noteId,
      draft: draft({ kind: 'basic', front: 'What is FSRS, in one line?', back: 'A spaced-repetition scheduler', reversed: true }, ['mine', 'fsrs']),
    });
    expect(r).toMatchObject({ status: 'saved', changed: true, added: 0, removed: 0, cardIds: saved.cardIds });
    expect(cardRows(saved.noteId)).toEqual(before);
    expect(logRows(saved.cardIds[0]!)).toEqual(history);
    const note = await t.call<EditableNote>('notes.get', { noteId: saved.noteId });
    expect(note.content).toMatchObject({ front: 'What is FSRS, in one line?' });
    expect(note.tags).toEqual(['mine', 'fsrs']);
    expect(note.editedAt).toBe(t.clock.now());
    expect(note.cards.map((c) => c.reviews)).toEqual([2, 0]);
  });

  it('saving an unchanged draft writes nothing and does not mark the note edited', async () => {
    const saved = await add({ kind: 'basic', front: 'F', back: 'B' });
    const n0 = changes();
    const r = await t.call<SaveResult>('notes.update', { noteId: saved.noteId, draft: draft({ kind: 'basic', front: 'F', back: 'B' }) });
    expect(r).toMatchObject({ status: 'saved', changed: false });
    expect(changes()).toBe(n0);
    expect((await t.call<EditableNote>('notes.get', { noteId: saved.noteId })).editedAt).toBeNull();
  });

  it('saving any built-in note as it is changes nothing (each kind reads back as it was stored)', async () => {
    const ids = (db().prepare("SELECT id FROM notes WHERE source LIKE 'builtin:%' ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(50);
    const n0 = changes();
    const kinds = new Set<string>();
    for (const noteId of ids) {
      const note = await t.call<EditableNote>('notes.get', { noteId });
      kinds.add(note.content.kind);
      const r = await t.call<SaveResult>('notes.update', { noteId, draft: { deckId: note.deckId, content: note.content, tags: note.tags } });
      expect(r, `note ${noteId}`).toMatchObject({ status: 'saved', changed: false });
    }
    expect(changes()).toBe(n0);
    expect(kinds.size).toBeGreaterThanOrEqual(4);
  });

  it('adds a card for a new cloze number and deletes a removed one only once confirmed', async () => {
    const saved = await add({ kind: 'cloze', text: '{{c1::Lambda}} runs {{c2::functions}} on {{c3::demand::when?}}' });
    expect(cardRows(saved.noteId).map((c) => c.ord)).toEqual([0, 1, 2]);
    const [c1, c2, c3] = saved.cardIds;
    await answer(c2!);
    const withoutC2 = draft({ kind: 'cloze', text: '{{c1::Lambda}} runs functions on {{c3::demand::when?}} in {{c4::a sandbox}}' });

    const n0 = changes();
    const ask = await t.call<SaveResult>('notes.update', { noteId: saved.noteId, draft: withoutC2 });
    expect(ask).toEqual({ status: 'needsConfirmation', removals: [{ cardId: c2, ord: 1, label: 'Cloze 2', reviews: 1 }] });
    expect(changes()).toBe(n0);
    expect(cardRows(saved.noteId).map((c) => c.id)).toEqual(saved.cardIds);

    // A confirmation of other cards is no confirmation.
    const wrong = await t.call<SaveResult>('notes.update', { noteId: saved.noteId, draft: withoutC2, confirmDelete: [c1] });
    expect(wrong.status).toBe('needsConfirmation');
    expect(changes()).toBe(n0);

    const done = await t.call<SaveResult>('notes.update', { noteId: saved.noteId, draft: withoutC2, confirmDelete: [c2] });
    expect(done).toMatchObject({ status: 'saved', added: 1, removed: 1 });
    const after = cardRows(saved.noteId);
    expect(after.map((c) => c.ord)).toEqual([0, 2, 3]);
    expect(after[0]!.id).toBe(c1);
    expect(after[1]!.id).toBe(c3);
    expect(logRows(c2!)).toEqual([]);
  });

  it('removing the reverse side asks first, with the reverse card\'s review count', async () => {
    const saved = await add({ kind: 'basic', front: 'Q', back: 'A', reversed: true });
    await answer(saved.cardIds[1]!);
    const r = await t.call<SaveResult>('notes.update', { noteId: saved.noteId, draft: draft({ kind: 'basic', front: 'Q', back: 'A' }) });
    expect(r).toEqual({ status: 'needsConfirmation', removals: [{ cardId: saved.cardIds[1], ord: 1, label: 'Reverse', reviews: 1 }] });
    const preview = await t.call<{ removals: unknown[] }>('notes.preview', { noteId: saved.noteId, draft: draft({ kind: 'basic', front: 'Q', back: 'A' }) });
    expect(preview.removals).toEqual(r.status === 'needsConfirmation' ? r.removals : []);
  });

  it('moves the note and its cards when the deck changes', async () => {
    const saved = await add({ kind: 'basic', front: 'Q', back: 'A' });
    const other = t.app.services.repos.decks.ensurePath('Mine::Sub', t.clock.now());
    await t.call('notes.update', { noteId: saved.noteId, draft: { ...draft({ kind: 'basic', front: 'Q', back: 'A' }), deckId: other } });
    expect(cardRows(saved.noteId).map((c) => c.deckId)).toEqual([other]);
    expect((await t.call<EditableNote>('notes.get', { noteId: saved.noteId })).deckId).toBe(other);
  });
});

describe('bad drafts', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['a cloze with no deletion', { kind: 'cloze', text: 'Lambda runs functions' }, 'text', /at least one \{\{cN::…\}\} deletion.*no card/],
    ['a cloze numbered 0', { kind: 'cloze', text: '{{c0::Lambda}} runs' }, 'text', /from 1 to 500/],
    ['an unclosed deletion', { kind: 'cloze', text: '{{c1::Lambda}} runs {{c2::functions' }, 'text', /not closed/],
    ['an empty front', { kind: 'basic', front: '  ', back: 'B' }, 'front', /must not be empty/],
    ['a distractor equal to the answer', { kind: 'choice', question: 'Q?', answer: 'Yes', distractors: ['yes'] }, 'distractors[0]', /differ from the answer/],
    ['a choice without distractors', { kind: 'choice', question: 'Q?', answer: 'Yes', distractors: [] }, 'distractors', /./],
    ['a typed answer disagreeing with its number', { kind: 'typed', question: 'Max timeout?', answers: ['10 minutes'], numeric: { value: 900, unit: 's', tolerance: 0 } }, 'answers[0]', /900 s/],
    ['a prompt without rubric', { kind: 'prompt', question: 'Design X', modelAnswer: 'Like so', rubric: [] }, 'rubric', /./],
  ];
  it.each(cases)('%s gives an error at its field and writes nothing, in add, update and preview', async (_name, content, field, message) => {
    const saved = await add({ kind: 'basic', front: 'F', back: 'B' });
    const n0 = changes();
    const added = await t.call<SaveResult>('notes.add', { draft: draft(content) });
    const updated = await t.call<SaveResult>('notes.update', { noteId: saved.noteId, draft: draft(content) });
    const preview = await t.call<{ errors: Array<{ field: string; message: string }>; cards: unknown[] }>('notes.preview', { draft: draft(content) });
    for (const r of [added, updated]) {
      expect(r.status).toBe('invalid');
      const errors = r.status === 'invalid' ? r.errors : [];
      expect(errors.find((e) => e.field === field)?.message ?? JSON.stringify(errors)).toMatch(message);
    }
    expect(preview.cards).toEqual([]);
    expect(preview.errors.some((e) => e.field === field)).toBe(true);
    expect(changes()).toBe(n0);
  });

  it('an unknown deck is named at the deck field', async () => {
    const r = await t.call<SaveResult>('notes.add', { draft: { ...draft({ kind: 'basic', front: 'F', back: 'B' }), deckId: 99_999 } });
    expect(r).toMatchObject({ status: 'invalid', errors: [{ field: 'deckId' }] });
  });
});

describe('preview', () => {
  it('renders each card as the review screen shows it', async () => {
    const saved = await add({ kind: 'choice', question: 'Which runs code?', answer: 'Lambda', distractors: ['S3', 'SQS', 'SNS'], explanation: 'It is compute.' });
    const session = await t.call<ReviewSession>('review.next', { deckId });
    expect(session.card?.cardId).toBe(saved.cardIds[0]);
    const note = await t.call<EditableNote>('notes.get', { noteId: saved.noteId });
    const p = await t.call<{ cards: Array<Record<string, unknown>> }>('notes.preview', {
      noteId: saved.noteId,
      draft: { deckId, content: note.content, tags: note.tags },
    });
    expect(p.cards).toHaveLength(1);
    const c = session.card!;
    expect(p.cards[0]).toMatchObject({ cardId: c.cardId, front: c.front, back: c.back, format: c.format, choices: c.choices, typed: c.typed, backIsAnswerSide: c.backIsAnswerSide });
  });

  it('shows hints on the cloze front and says whether a typed answer is accepted, as the quiz matcher judges', async () => {
    const cloze = await t.call<{ cards: Array<{ label: string; front: string; back: string }> }>('notes.preview', {
      draft: draft({ kind: 'cloze', text: 'Default timeout is {{c1::3 s::seconds}}; max {{c2::15 min}}' }),
    });
    expect(cloze.cards.map((c) => c.label)).toEqual(['Cloze 1', 'Cloze 2']);
    expect(cloze.cards[0]!.front).toContain('[seconds]');
    expect(cloze.cards[0]!.front).toContain('15 min');
    expect(cloze.cards[0]!.back).toContain('**3 s**');
    const typed = { kind: 'typed', question: 'Max timeout?', answers: ['15 minutes', 'fifteen minutes'], numeric: { value: 900, unit: 's', tolerance: 0 } };
    const ok = await t.call<{ tried: { correct: boolean } }>('notes.preview', { draft: draft(typed), tryAnswer: '900 s' });
    expect(ok.tried).toEqual({ correct: true, matched: '15 minutes' });
    const bad = await t.call<{ tried: { correct: boolean } }>('notes.preview', { draft: draft(typed), tryAnswer: '15 s' });
    expect(bad.tried).toEqual({ correct: false, matched: null });
  });
});

describe('tag completion', () => {
  it('lists tags with the prefix, most used first', async () => {
    await t.call('notes.add', { draft: draft({ kind: 'basic', front: 'a', back: 'b' }, ['zeta::one', 'zeta::two']) });
    await t.call('notes.add', { draft: draft({ kind: 'basic', front: 'c', back: 'd' }, ['zeta::two']) });
    const r = await t.call<{ tags: Array<{ tag: string; notes: number }> }>('tags.list', { prefix: 'zeta::' });
    expect(r.tags).toEqual([
      { tag: 'zeta::two', notes: 2 },
      { tag: 'zeta::one', notes: 1 },
    ]);
  });
});
