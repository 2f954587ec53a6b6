/** Updating a built-in deck: notes added, updated and removed by id; history kept; user told. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeckFile } from '../../src/shared/deck-format';
import { DECKS_DIR, tempApp, type TempApp } from '../support/temp-app';

let t: TempApp | undefined;
const dirs: string[] = [];
afterEach(() => {
  t?.dispose();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyDecks(): string {
  const d = mkdtempSync(join(tmpdir(), 'retain-decks-'));
  dirs.push(d);
  cpSync(DECKS_DIR, d, { recursive: true });
  return d;
}
const FILE = 'aws-lambda-cold-starts.json';
const read = (dir: string) => JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as DeckFile;
const write = (dir: string, deck: DeckFile) => writeFileSync(join(dir, FILE), JSON.stringify(deck, null, 2));

describe('built-in deck updates', () => {
  it('keep review history of kept notes, add new ones, suspend removed ones, and tell the user', async () => {
    const decksDir = copyDecks();
    t = tempApp({ decksDir });
    const db = () => t!.app.services.repos.db;
    const deck = read(decksDir);
    const kept = deck.notes[0]!;
    const removed = deck.notes[1]!;
    const cardOf = (noteId: string) =>
      db().prepare('SELECT c.id, c.suspended, c.reps FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ? ORDER BY c.ord').get(`${deck.deck.id}/${noteId}`) as
        | { id: number; suspended: number; reps: number }
        | undefined;
    const keptCard = cardOf(kept.id)!;
    const removedCard = cardOf(removed.id)!;
    await t.call('review.answer', { cardId: keptCard.id, rating: 3, durationMs: 1000 });
    await t.call('review.answer', { cardId: removedCard.id, rating: 3, durationMs: 1000 });

    // Version 2: the first note reworded, the second removed, one added.
    const v2: DeckFile = structuredClone(deck);
    v2.deck.version = deck.deck.version + 1;
    const first = v2.notes[0]!;
    if (first.kind === 'basic') first.back = `${first.back} (reworded)`;
    else first.tags = [...first.tags, 'reworded'];
    v2.notes.splice(1, 1);
    v2.notes.push({ id: 'cold-added-in-v2', kind: 'basic', section: '§3.1', tags: ['cold-starts'], front: 'Added question?', back: 'Added answer.' });
    write(decksDir, v2);
    t.reopen();

    const { notices } = await t.call<{ notices: Array<{ id: number; added: number; updated: number; removed: number; fromVersion: number; toVersion: number }> }>('decks.list');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ fromVersion: deck.deck.version, toVersion: deck.deck.version + 1, added: 1, updated: 1, removed: 1 });

    expect(cardOf(kept.id)).toMatchObject({ id: keptCard.id, suspended: 0, reps: 1 });
    expect(cardOf(removed.id)).toMatchObject({ id: removedCard.id, suspended: 1 });
    const history = db().prepare('SELECT count(*) AS n FROM review_log WHERE card_id IN (?, ?)').get(keptCard.id, removedCard.id) as { n: number };
    expect(history.n).toBe(2);
    expect(cardOf('cold-added-in-v2')).toBeDefined();

    // Restarting with the same file changes nothing; dismissing hides the notice.
    t.reopen();
    const again = await t.call<{ notices: Array<{ id: number }> }>('decks.list');
    expect(again.notices).toHaveLength(1);
    await t.call('decks.dismissNotice', { id: notices[0]!.id });
    expect((await t.call<{ notices: unknown[] }>('decks.list')).notices).toHaveLength(0);
  });

  it('keep what the user did to the cards of kept notes: suspended, buried and moved cards stay so', async () => {
    const decksDir = copyDecks();
    t = tempApp({ decksDir });
    const db = () => t!.app.services.repos.db;
    const deck = read(decksDir);
    const cardOf = (noteId: string) =>
      db().prepare('SELECT c.id, c.suspended, c.deck_id AS deckId FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ? ORDER BY c.ord').get(`${deck.deck.id}/${noteId}`) as {
        id: number;
        suspended: number;
        deckId: number;
      };
    const [a, b, c, d] = deck.notes.map((n) => cardOf(n.id));
    await t.call('cards.suspend', { cardIds: [a!.id], suspended: true });
    await t.call('cards.bury', { cardIds: [b!.id], buried: true });
    const elsewhere = await t.call<{ deckId: number }>('decks.create', { name: 'My picks' });
    await t.call('cards.setDeck', { cardIds: [c!.id], deckId: elsewhere.deckId });

    // Version 2 rewords every note; none is removed.
    const v2: DeckFile = structuredClone(deck);
    v2.deck.version = deck.deck.version + 1;
    for (const n of v2.notes) n.tags = [...n.tags, 'reworded'];
    write(decksDir, v2);
    t.reopen();

    expect(cardOf(deck.notes[0]!.id)).toMatchObject({ id: a!.id, suspended: 1 });
    expect(cardOf(deck.notes[1]!.id)).toMatchObject({ id: b!.id, suspended: 3 });
    expect(cardOf(deck.notes[2]!.id)).toMatchObject({ id: c!.id, deckId: elsewhere.deckId });
    expect(cardOf(deck.notes[3]!.id)).toMatchObject({ id: d!.id, suspended: 0, deckId: d!.deckId });
  });

  it('bring a removed note back with its cards in the queue when a later version has it again', async () => {
    const decksDir = copyDecks();
    t = tempApp({ decksDir });
    const db = () => t!.app.services.repos.db;
    const deck = read(decksDir);
    const gone = deck.notes[1]!;
    const card = () =>
      db().prepare('SELECT c.suspended, n.removed_at AS removedAt FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ?').get(`${deck.deck.id}/${gone.id}`) as {
        suspended: number;
        removedAt: number | null;
      };
    const v2: DeckFile = structuredClone(deck);
    v2.deck.version = deck.deck.version + 1;
    v2.notes.splice(1, 1);
    write(decksDir, v2);
    t.reopen();
    expect(card()).toMatchObject({ suspended: 1 });
    expect(card().removedAt).not.toBeNull();

    const v3: DeckFile = structuredClone(deck);
    v3.deck.version = deck.deck.version + 2;
    write(decksDir, v3);
    t.reopen();
    expect(card()).toEqual({ suspended: 0, removedAt: null });
  });

  it('record for sync the cards a version suspends, once sync is set up', async () => {
    const decksDir = copyDecks();
    t = tempApp({ decksDir });
    const s = t.app.services;
    s.repos.db.transaction(() => s.journal.start())();
    const deck = read(decksDir);
    const gone = deck.notes[1]!;
    const v2: DeckFile = structuredClone(deck);
    v2.deck.version = deck.deck.version + 1;
    v2.notes.splice(1, 1);
    write(decksDir, v2);
    t.reopen();
    const events = t.app.services.repos.sync.eventsOf(`card:${deck.deck.id}/${gone.id}/0`);
    expect(events.map((e) => [e.type, e.body])).toEqual([['card.set', { suspended: 1 }]]);
  });

  it('a malformed deck file is reported with file, JSON path and rule; the other decks still load', async () => {
    const decksDir = copyDecks();
    const deck = read(decksDir);
    (deck.notes[2] as { tags: string[] }).tags = [];
    write(decksDir, deck);
    t = tempApp({ decksDir });
    const list = await t.call<{ decks: Array<{ path: string }>; loadErrors: Array<{ file: string; message: string }> }>('decks.list');
    expect(list.loadErrors).toEqual([{ file: FILE, message: `${FILE}: $.notes[2].tags: needs at least one tag` }]);
    expect(list.decks.map((d) => d.path)).not.toContain('AWS Lambda::Cold starts');
    expect(list.decks.map((d) => d.path)).toContain('AWS Lambda::Concurrency');
  });
});
