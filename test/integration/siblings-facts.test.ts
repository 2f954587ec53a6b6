/**
 * Bug 1's remaining case, "the flashcard and the multiple-choice card of the same fact are
 * adjacent": the built-in decks state one fact in several notes (a choice, a cloze, a true/false…).
 * In "Integrations and cost" the choice "which service adds event filtering and routing?" was
 * followed at once by the cloze whose deletion is that same service. Notes sharing a deck file's
 * `fact` key are siblings: answering one buries the others until the next study day (by the
 * preset's bury options), and with burying off they still never come one after the other.
 * Real app, real SQLite, the shipped decks.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import type { DeckFile } from '../../src/shared/deck-format';
import { DECKS_DIR, tempApp, type TempApp } from '../support/temp-app';
import { tempApps } from '../support/temp-apps';

const { open } = tempApps();

const INTEGRATIONS = 'Integrations and cost';
const SOURCE = 'aws-lambda-integrations-cost';
/** The reported pair: a multiple-choice note and a flashcard (cloze) of one fact, shown 4th and 5th. */
const CHOICE = `${SOURCE}/integ-filter-route`;
const CLOZE = `${SOURCE}/integ-patterns-cloze`;

interface Shown {
  cardId: number;
  guid: string;
  fact: string | null;
}

function deckId(t: TempApp, name: string): number {
  const row = t.app.services.repos.db.prepare('SELECT id FROM decks WHERE name = ?').get(name) as { id: number } | undefined;
  if (!row) throw new Error(`no deck ${name}`);
  return row.id;
}

const db = (t: TempApp) => t.app.services.repos.db;

function noteOfCard(t: TempApp, cardId: number): Shown {
  const r = db(t).prepare('SELECT n.guid, n.fact FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?').get(cardId) as { guid: string; fact: string | null };
  return { cardId, ...r };
}

function cardsOf(t: TempApp, guid: string): number[] {
  return (db(t).prepare('SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ? ORDER BY c.ord').all(guid) as Array<{ id: number }>).map((r) => r.id);
}

/** Study a deck answering Good until nothing is left now (or `max` answers): the cards shown, in order. */
async function study(t: TempApp, deck: number, max = 400): Promise<Shown[]> {
  const shown: Shown[] = [];
  let s = await t.call<ReviewSession>('review.next', { deckId: deck });
  for (let i = 0; i < max && s.card; i++) {
    shown.push(noteOfCard(t, s.card.cardId));
    const r = await t.call<{ session: ReviewSession }>('review.answer', { cardId: s.card.cardId, rating: 3, durationMs: 1000, deckId: deck });
    s = r.session;
  }
  return shown;
}

/**
 * Places where a card follows a card of the same fact (of another note: same-note pairs are
 * siblings.test.ts's), except at the end of the day where that fact's cards are all that is left.
 */
const sameFactInARow = (shown: Shown[]): string[] =>
  shown.flatMap((c, i) => {
    const prev = shown[i - 1];
    const onlyThatFactLeft = shown.slice(i - 1).every((r) => r.fact === c.fact);
    return prev && c.fact !== null && c.fact === prev.fact && c.guid !== prev.guid && !onlyThatFactLeft ? [`${i}: ${prev.guid} → ${c.guid} (${c.fact})`] : [];
  });

const suspendedOf = (t: TempApp, ids: number[]): number[] =>
  ids.map((id) => (db(t).prepare('SELECT suspended FROM cards WHERE id = ?').get(id) as { suspended: number }).suspended);

describe('notes of one fact are siblings', () => {
  it('the reported pair: the choice card and the cloze of the same fact are no longer back to back', async () => {
    const t = open();
    await t.call('settings.update', { buryNewSiblings: false, buryReviewSiblings: false, buryInterdaySiblings: false });
    const shown = await study(t, deckId(t, INTEGRATIONS));
    const guids = shown.map((c) => c.guid);
    const adjacent = guids.flatMap((g, i) => (i > 0 && ((g === CLOZE && guids[i - 1] === CHOICE) || (g === CHOICE && guids[i - 1] === CLOZE)) ? [i] : []));
    expect(guids).toContain(CHOICE);
    expect(guids).toContain(CLOZE);
    expect(adjacent).toEqual([]);
    // The install stored the deck file's fact key on both notes.
    const facts = [CHOICE, CLOZE].map((g) => (db(t).prepare('SELECT fact FROM notes WHERE guid = ?').get(g) as { fact: string | null }).fact);
    expect(facts[0]).not.toBeNull();
    expect(facts[1]).toBe(facts[0]);
  });

  it('answering one note of a fact buries the cards of its other notes until the next study day', async () => {
    const t = open();
    const deck = deckId(t, INTEGRATIONS);
    const choice = cardsOf(t, CHOICE);
    const cloze = cardsOf(t, CLOZE);
    expect(cloze.length).toBeGreaterThan(1);
    await t.call('review.answer', { cardId: choice[0]!, rating: 3, durationMs: 1000 });
    expect(suspendedOf(t, cloze)).toEqual(cloze.map(() => 2));
    const today = await study(t, deck);
    for (const id of cloze) expect(today.map((c) => c.cardId)).not.toContain(id);
    // Burying stays within a fact: every buried card shares its fact (or its note) with a card answered today.
    const answered = new Set([...today, noteOfCard(t, choice[0]!)].flatMap((c) => [c.guid, c.fact ?? '']));
    const buried = db(t).prepare('SELECT n.guid, n.fact FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.suspended = 2').all() as Array<{ guid: string; fact: string | null }>;
    expect(buried.filter((b) => !answered.has(b.guid) && !(b.fact !== null && answered.has(b.fact)))).toEqual([]);
    // The next study day brings them back.
    t.clock.advance(24 * 3600_000);
    await t.call('review.next', { deckId: deck });
    expect(suspendedOf(t, cloze)).toEqual(cloze.map(() => 0));
  });

  it('undoing the answer brings back the other notes of its fact', async () => {
    const t = open();
    const deck = deckId(t, INTEGRATIONS);
    const choice = cardsOf(t, CHOICE);
    const cloze = cardsOf(t, CLOZE);
    await t.call('review.answer', { cardId: choice[0]!, rating: 3, durationMs: 1000 });
    expect(suspendedOf(t, cloze)).toEqual(cloze.map(() => 2));
    await t.call('review.undo', { deckId: deck });
    expect(suspendedOf(t, cloze)).toEqual(cloze.map(() => 0));
  });

  it('over every built-in deck, with burying off, no card follows another note of its fact', async () => {
    const t = open();
    await t.call('settings.update', { buryNewSiblings: false, buryReviewSiblings: false, buryInterdaySiblings: false });
    const decks = db(t).prepare('SELECT id FROM decks WHERE parent_id IS NOT NULL').all() as Array<{ id: number }>;
    let withFact = 0;
    for (const { id } of decks) {
      const shown = await study(t, id, 150);
      expect(sameFactInARow(shown)).toEqual([]);
      withFact += shown.filter((c) => c.fact !== null).length;
    }
    expect(withFact).toBeGreaterThan(50);
  });

  it('the sibling lookup reads the (deck, fact) index, never the whole notes table', () => {
    const t = open();
    const plan = db(t)
      .prepare('EXPLAIN QUERY PLAN SELECT f.id FROM notes n CROSS JOIN notes f ON f.deck_id = n.deck_id AND f.fact = n.fact WHERE n.id = ?')
      .all(1) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX notes_fact/);
  });

  it('a collection installed before fact keys gets them from the deck update, with no notice and history kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retain-decks-'));
    const file = join(dir, 'aws-lambda-integrations-cost.json');
    cpSync(DECKS_DIR, dir, { recursive: true });
    const current = JSON.parse(readFileSync(file, 'utf8')) as DeckFile;
    const before: DeckFile = { ...current, deck: { ...current.deck, version: current.deck.version - 1 }, notes: current.notes.map(({ fact: _fact, ...n }) => n) };
    writeFileSync(file, JSON.stringify(before, null, 2));
    const t = tempApp({ decksDir: dir });
    try {
      const choice = cardsOf(t, CHOICE)[0]!;
      await t.call('review.answer', { cardId: choice, rating: 3, durationMs: 1000 });
      const factOf = (g: string) => (db(t).prepare('SELECT fact FROM notes WHERE guid = ?').get(g) as { fact: string | null }).fact;
      expect(factOf(CHOICE)).toBeNull();
      writeFileSync(file, JSON.stringify(current, null, 2));
      t.reopen();
      expect(factOf(CHOICE)).toBe(current.notes.find((n) => n.id === 'integ-filter-route')!.fact);
      expect(factOf(CLOZE)).toBe(factOf(CHOICE));
      const { notices } = await t.call<{ notices: unknown[] }>('decks.list');
      expect(notices).toEqual([]);
      expect((db(t).prepare('SELECT reps FROM cards WHERE id = ?').get(choice) as { reps: number }).reps).toBe(1);
    } finally {
      t.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
