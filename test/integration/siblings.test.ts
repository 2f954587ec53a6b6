/**
 * Bug 1, "related cards come back to back": a cloze note's c1/c2/c3 (built-in "Integrations and
 * cost" deck, its 5th to 7th cards) came one after another. Answering a card buries its
 * siblings until the next study day (Anki's bury options, by the deck preset), the next day's
 * first queue brings them back, undoing the answer unburies them, and no card ever follows a card
 * of its own note, with burying on or off. Real app, real SQLite, the built-in decks.
 */
import { describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import type { TempApp } from '../support/temp-app';
import { tempApps } from '../support/temp-apps';

const { open } = tempApps();

const INTEGRATIONS = 'Integrations and cost';

function deckId(t: TempApp, name: string): number {
  const row = t.app.services.repos.db.prepare('SELECT id FROM decks WHERE name = ?').get(name) as { id: number } | undefined;
  if (!row) throw new Error(`no deck ${name}`);
  return row.id;
}

function suspendedOf(t: TempApp, cardIds: number[]): number[] {
  return cardIds.map((id) => (t.app.services.repos.db.prepare('SELECT suspended FROM cards WHERE id = ?').get(id) as { suspended: number }).suspended);
}

/** Every note with more than one card in the deck, and its cards in order. */
function siblingGroups(t: TempApp, deck: number): Map<number, number[]> {
  const rows = t.app.services.repos.db
    .prepare('SELECT note_id, id FROM cards WHERE deck_id = ? AND note_id IN (SELECT note_id FROM cards GROUP BY note_id HAVING count(*) > 1) ORDER BY note_id, ord')
    .all(deck) as Array<{ note_id: number; id: number }>;
  const groups = new Map<number, number[]>();
  for (const r of rows) groups.set(r.note_id, [...(groups.get(r.note_id) ?? []), r.id]);
  return groups;
}

/** Study a deck answering Good until nothing is left now (or `max` answers): the notes of the cards shown, in order, and each session's card/upcoming pair. */
async function study(t: TempApp, deck: number, max = 400): Promise<{ notes: number[]; cards: number[]; pairs: Array<[number, number]> }> {
  const notes: number[] = [];
  const cards: number[] = [];
  const pairs: Array<[number, number]> = [];
  let s = await t.call<ReviewSession>('review.next', { deckId: deck });
  for (let i = 0; i < max && s.card; i++) {
    notes.push(s.card.noteId);
    cards.push(s.card.cardId);
    if (s.upcoming) pairs.push([s.card.noteId, s.upcoming.noteId]);
    const r = await t.call<{ session: ReviewSession }>('review.answer', { cardId: s.card.cardId, rating: 3, durationMs: 1000, deckId: deck });
    s = r.session;
  }
  return { notes, cards, pairs };
}

const backToBack = (notes: number[]): number[] => notes.flatMap((n, i) => (i > 0 && notes[i - 1] === n ? [i] : []));

describe('siblings: buried when one is answered, never back to back', () => {
  it('the premise: "Integrations and cost" has notes with several cards (cloze c1/c2/c3)', () => {
    const t = open();
    const groups = siblingGroups(t, deckId(t, INTEGRATIONS));
    expect([...groups.values()].some((ids) => ids.length >= 3)).toBe(true);
  });

  it('answering a cloze card buries its other new cards until the next study day', async () => {
    const t = open();
    const deck = deckId(t, INTEGRATIONS);
    const [noteId, ids] = [...siblingGroups(t, deck)][0]!;
    const first = ids[0]!;
    await t.call('review.answer', { cardId: first, rating: 3, durationMs: 1000 });
    expect(suspendedOf(t, ids.slice(1))).toEqual(ids.slice(1).map(() => 2));
    // Studying the rest of today never shows them.
    const today = await study(t, deck);
    // Only the answered card of that note comes again (its learning steps).
    expect(today.cards.filter((id, i) => today.notes[i] === noteId && id !== first)).toEqual([]);
    for (const id of ids.slice(1)) expect(today.cards).not.toContain(id);
    // The next study day's first queue brings them back.
    t.clock.advance(24 * 3600_000);
    await t.call('review.next', { deckId: deck });
    expect(suspendedOf(t, ids.slice(1))).toEqual(ids.slice(1).map(() => 0));
  });

  it('a whole day over every built-in deck never shows two cards of one note in a row, nor offers a sibling as the upcoming card', async () => {
    const t = open();
    const decks = t.app.services.repos.db.prepare('SELECT id FROM decks WHERE parent_id IS NOT NULL').all() as Array<{ id: number }>;
    let checked = 0;
    for (const { id } of decks) {
      const run = await study(t, id, 120);
      expect(backToBack(run.notes)).toEqual([]);
      expect(run.pairs.filter(([a, b]) => a === b)).toEqual([]);
      checked += run.notes.length;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('with burying off, siblings still never come back to back (a sibling waits for another note)', async () => {
    const t = open();
    await t.call('settings.update', { buryNewSiblings: false, buryReviewSiblings: false, buryInterdaySiblings: false });
    const deck = deckId(t, INTEGRATIONS);
    const groups = siblingGroups(t, deck);
    const run = await study(t, deck);
    expect(backToBack(run.notes)).toEqual([]);
    // Not buried: a note's siblings are all shown today (within the new-card limit).
    const shownWhole = [...groups.values()].filter((ids) => ids.every((id) => run.cards.includes(id)));
    expect(shownWhole.length).toBeGreaterThan(0);
    const buried = t.app.services.repos.db.prepare('SELECT count(*) AS n FROM cards WHERE suspended = 2').get() as { n: number };
    expect(buried.n).toBe(0);
  });

  it('undoing the answer brings back the siblings it buried', async () => {
    const t = open();
    const deck = deckId(t, INTEGRATIONS);
    const [, ids] = [...siblingGroups(t, deck)][0]!;
    await t.call('review.answer', { cardId: ids[0]!, rating: 3, durationMs: 1000 });
    expect(suspendedOf(t, ids.slice(1))).toEqual(ids.slice(1).map(() => 2));
    await t.call('review.undo', { deckId: deck });
    expect(suspendedOf(t, ids)).toEqual(ids.map(() => 0));
  });

  it('bury options come from the preset of the card\'s deck: review siblings only when buryReviewSiblings is on', async () => {
    const t = open();
    const deck = deckId(t, INTEGRATIONS);
    const [, ids] = [...siblingGroups(t, deck)][0]!;
    const db = t.app.services.repos.db;
    // Make the siblings review cards due later; new-sibling burying alone leaves them.
    db.prepare(`UPDATE cards SET state = 2, stability = 5, difficulty = 5, scheduled_days = 5, due = ?, last_review = ? WHERE id IN (${ids.slice(1).join(',')})`).run(
      t.clock.now() + 3 * 86_400_000,
      t.clock.now() - 2 * 86_400_000,
    );
    await t.call('settings.update', { buryNewSiblings: true, buryReviewSiblings: false });
    await t.call('review.answer', { cardId: ids[0]!, rating: 3, durationMs: 1000 });
    expect(suspendedOf(t, ids.slice(1))).toEqual(ids.slice(1).map(() => 0));
    await t.call('review.undo', { deckId: deck });
    await t.call('settings.update', { buryReviewSiblings: true });
    await t.call('review.answer', { cardId: ids[0]!, rating: 3, durationMs: 1000 });
    expect(suspendedOf(t, ids.slice(1))).toEqual(ids.slice(1).map(() => 2));
  });
});
