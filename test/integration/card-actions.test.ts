/**
 * Every card and note action through the dispatch on a real SQLite collection with the built-in
 * decks: what it changes, and that `actions.undo` puts back exactly the rows as they were.
 */
import { describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src/shared/api/cards-contract';
import { studyDayNumber, studyDayStart } from '../../src/main/core/day';
import type { TempApp } from '../support/temp-app';
import { rowsOf, tempApps, type Row } from '../support/temp-apps';

const { open } = tempApps();

const rows = rowsOf;
const cardRows = (t: TempApp, ids: number[]): Row[] => rows(t, `SELECT * FROM cards WHERE id IN (${ids.join(',')}) ORDER BY id`);
const noteRows = (t: TempApp, ids: number[]): Row[] => rows(t, `SELECT * FROM notes WHERE id IN (${ids.join(',')}) ORDER BY id`);
const tagRows = (t: TempApp, ids: number[]): Row[] => rows(t, `SELECT * FROM note_tags WHERE note_id IN (${ids.join(',')}) ORDER BY note_id, tag`);

/** A few cards of one built-in deck, with their notes. */
function someCards(t: TempApp, n = 4): { cardIds: number[]; noteIds: number[] } {
  const r = rows(t, 'SELECT id, note_id FROM cards ORDER BY id LIMIT ?', n) as Array<{ id: number; note_id: number }>;
  return { cardIds: r.map((x) => x.id), noteIds: [...new Set(r.map((x) => x.note_id))] };
}

async function undo(t: TempApp, r: ActionResult): Promise<void> {
  expect(r.undo).not.toBeNull();
  const u = await t.call<{ undone: { id: number } }>('actions.undo', { id: r.undo!.id });
  expect(u.undone.id).toBe(r.undo!.id);
}

async function errorOf(t: TempApp, method: string, input: unknown): Promise<string> {
  const r = await t.app.dispatch(method, input);
  return r.ok ? 'ok' : r.error.code;
}

describe('card actions and their undo', () => {
  it('suspend and unsuspend cards and notes; undo restores each card exactly', async () => {
    const t = open();
    const { cardIds, noteIds } = someCards(t);
    const before = cardRows(t, cardIds);
    const r = await t.call<ActionResult>('cards.suspend', { cardIds, suspended: true });
    expect(r.changed).toBe(cardIds.length);
    expect(r.message).toBe(`Suspended ${cardIds.length} cards`);
    expect(cardRows(t, cardIds).map((c) => c.suspended)).toEqual(cardIds.map(() => 1));
    await undo(t, r);
    expect(cardRows(t, cardIds)).toEqual(before);

    const n = await t.call<ActionResult>('notes.suspend', { noteIds, suspended: true });
    const allCards = (rows(t, `SELECT id FROM cards WHERE note_id IN (${noteIds.join(',')})`) as Array<{ id: number }>).map((c) => c.id);
    expect(cardRows(t, allCards).every((c) => c.suspended === 1)).toBe(true);
    const un = await t.call<ActionResult>('notes.suspend', { noteIds, suspended: false });
    expect(un.changed).toBe(allCards.length);
    expect(cardRows(t, allCards).every((c) => c.suspended === 0)).toBe(true);
    await undo(t, un);
    expect(cardRows(t, allCards).every((c) => c.suspended === 1)).toBe(true);
    await undo(t, n);
    expect(cardRows(t, cardIds)).toEqual(before);
  });

  it('bury by card and by note (3, out of the queue), unbury, and a new study day brings buried cards back', async () => {
    const t = open();
    const { cardIds, noteIds } = someCards(t, 2);
    const r = await t.call<ActionResult>('cards.bury', { cardIds, buried: true });
    expect(cardRows(t, cardIds).map((c) => c.suspended)).toEqual([3, 3]);
    const un = await t.call<ActionResult>('cards.bury', { cardIds, buried: false });
    expect(cardRows(t, cardIds).map((c) => c.suspended)).toEqual([0, 0]);
    await undo(t, un);
    expect(cardRows(t, cardIds).map((c) => c.suspended)).toEqual([3, 3]);
    await undo(t, r);
    expect(cardRows(t, cardIds).map((c) => c.suspended)).toEqual([0, 0]);
    // A suspended card stays suspended: burying only takes cards out of today's queue.
    await t.call('cards.suspend', { cardIds: [cardIds[0]!], suspended: true });
    const nb = await t.call<ActionResult>('notes.bury', { noteIds });
    expect(cardRows(t, cardIds).map((c) => c.suspended)).toEqual([1, 3]);
    expect(nb.changed).toBe(1);
    t.clock.advance(86_400_000);
    await t.call('decks.list', {});
    expect(cardRows(t, cardIds).map((c) => c.suspended)).toEqual([1, 0]);
  });

  it('flag 0..7, move to a deck (notes follow their first card), and undo', async () => {
    const t = open();
    const { cardIds, noteIds } = someCards(t);
    const before = { cards: cardRows(t, cardIds), notes: noteRows(t, noteIds) };
    const f = await t.call<ActionResult>('cards.flag', { cardIds, flag: 4 });
    expect(f.message).toBe(`Flagged ${cardIds.length} cards Blue`);
    expect(cardRows(t, cardIds).map((c) => c.flag)).toEqual(cardIds.map(() => 4));
    expect(await errorOf(t, 'cards.flag', { cardIds, flag: 8 })).toBe('invalid_input');
    const other = (rows(t, 'SELECT id FROM decks WHERE id <> ? AND parent_id IS NOT NULL LIMIT 1', before.cards[0]!.deck_id)[0] as { id: number }).id;
    const m = await t.call<ActionResult>('cards.setDeck', { cardIds, deckId: other });
    expect(m.changed).toBe(cardIds.length);
    expect(cardRows(t, cardIds).every((c) => c.deck_id === other)).toBe(true);
    expect(noteRows(t, noteIds).every((n) => n.deck_id === other)).toBe(true);
    await undo(t, m);
    await undo(t, f);
    expect({ cards: cardRows(t, cardIds), notes: noteRows(t, noteIds) }).toEqual(before);
    expect(await errorOf(t, 'cards.setDeck', { cardIds, deckId: 999_999 })).toBe('not_found');
  });

  it('forget resets answered cards to new (history kept, counts kept unless asked), and undo restores their schedule', async () => {
    const t = open();
    const { cardIds } = someCards(t, 2);
    for (const id of cardIds) await t.call('review.answer', { cardId: id, rating: 4, durationMs: 1000 });
    const answered = cardRows(t, cardIds);
    expect(answered.every((c) => c.state === 2)).toBe(true);
    const r = await t.call<ActionResult>('cards.forget', { cardIds, resetCounts: false });
    const forgotten = cardRows(t, cardIds);
    expect(forgotten.map((c) => [c.state, c.stability, c.reps, c.last_review])).toEqual(cardIds.map(() => [0, 0, 1, null]));
    expect(forgotten.map((c) => c.due)).toEqual(forgotten.map((c) => c.created_at));
    expect(rows(t, `SELECT count(*) AS n FROM review_log WHERE card_id IN (${cardIds.join(',')})`)[0]!.n).toBe(2);
    await undo(t, r);
    expect(cardRows(t, cardIds)).toEqual(answered);
    await t.call('cards.forget', { cardIds, resetCounts: true });
    expect(cardRows(t, cardIds).map((c) => [c.reps, c.lapses])).toEqual(cardIds.map(() => [0, 0]));
  });

  it('set due date in study days: "0" today, "1-7" a day in range, "5!" also sets the interval; undo restores', async () => {
    const t = open();
    const { cardIds } = someCards(t, 4);
    const before = cardRows(t, cardIds);
    const today = studyDayNumber(t.clock.now(), 4, 'UTC');
    const r0 = await t.call<ActionResult>('cards.setDue', { cardIds, days: '0' });
    expect(cardRows(t, cardIds).map((c) => [c.state, c.due, c.scheduled_days])).toEqual(cardIds.map(() => [2, studyDayStart(today, 4, 'UTC'), 1]));
    const s = await t.call<{ counts: { dueCount: number } }>('review.next', { deckId: before[0]!.deck_id as number });
    expect(s.counts.dueCount).toBeGreaterThan(0);
    await undo(t, r0);
    expect(cardRows(t, cardIds)).toEqual(before);
    await t.call('cards.setDue', { cardIds, days: '1-7' });
    for (const c of cardRows(t, cardIds)) {
      const day = studyDayNumber(c.due as number, 4, 'UTC') - today;
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(7);
      expect(c.due).toBe(studyDayStart(today + day, 4, 'UTC'));
    }
    await t.call('cards.setDue', { cardIds, days: '5!' });
    expect(cardRows(t, cardIds).map((c) => c.scheduled_days)).toEqual(cardIds.map(() => 5));
    // A review card keeps its interval without "!".
    await t.call('cards.setDue', { cardIds, days: '2' });
    expect(cardRows(t, cardIds).map((c) => c.scheduled_days)).toEqual(cardIds.map(() => 5));
    expect(await errorOf(t, 'cards.setDue', { cardIds, days: 'soon' })).toBe('invalid_input');
  });

  it('add and remove tags (case-insensitive, as in Anki), tag rows follow, undo restores both', async () => {
    const t = open();
    const { noteIds } = someCards(t);
    const before = { notes: noteRows(t, noteIds), tags: tagRows(t, noteIds) };
    const a = await t.call<ActionResult>('notes.addTags', { noteIds, tags: ['exam::week1', 'Hard'] });
    expect(a.changed).toBe(noteIds.length);
    for (const n of noteRows(t, noteIds)) expect(JSON.parse(n.tags as string)).toEqual(expect.arrayContaining(['exam::week1', 'Hard']));
    expect(tagRows(t, noteIds).filter((r) => r.tag === 'Hard')).toHaveLength(noteIds.length);
    const again = await t.call<ActionResult>('notes.addTags', { noteIds, tags: ['hard'] });
    expect(again.changed).toBe(0);
    expect(again.undo).toBeNull();
    const r = await t.call<ActionResult>('notes.removeTags', { noteIds, tags: ['HARD'] });
    expect(tagRows(t, noteIds).filter((x) => x.tag === 'Hard')).toHaveLength(0);
    await undo(t, r);
    expect(tagRows(t, noteIds).filter((x) => x.tag === 'Hard')).toHaveLength(noteIds.length);
    await undo(t, a);
    expect({ notes: noteRows(t, noteIds), tags: tagRows(t, noteIds) }).toEqual(before);
    expect(await errorOf(t, 'notes.addTags', { noteIds, tags: ['two words'] })).toBe('invalid_input');
  });

  it('undo without id takes back the latest action; an action undone twice, or an unknown id, is nothing_to_undo', async () => {
    const t = open();
    const { cardIds } = someCards(t, 1);
    await t.call('cards.flag', { cardIds, flag: 1 });
    const second = await t.call<ActionResult>('cards.flag', { cardIds, flag: 2 });
    const u = await t.call<{ undone: { id: number } }>('actions.undo', {});
    expect(u.undone.id).toBe(second.undo!.id);
    expect(cardRows(t, cardIds)[0]!.flag).toBe(1);
    expect(await errorOf(t, 'actions.undo', { id: second.undo!.id })).toBe('nothing_to_undo');
    expect(await errorOf(t, 'actions.undo', { id: 987_654 })).toBe('nothing_to_undo');
  });

  it('a selection naming a card that does not exist changes nothing', async () => {
    const t = open();
    const { cardIds } = someCards(t, 2);
    const before = cardRows(t, cardIds);
    const actions = rows(t, 'SELECT count(*) AS n FROM actions')[0]!.n;
    expect(await errorOf(t, 'cards.suspend', { cardIds: [...cardIds, 999_999], suspended: true })).toBe('not_found');
    expect(cardRows(t, cardIds)).toEqual(before);
    expect(rows(t, 'SELECT count(*) AS n FROM actions')[0]!.n).toBe(actions);
  });
});
