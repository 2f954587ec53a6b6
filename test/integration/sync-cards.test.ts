/**
 * Card sync between two real apps on real SQLite files: each records its changes as events, the
 * other merges them (mergeEvents with the appliers), and both end with the same cards and review
 * log rows (matched by note guid and ordinal, and by answer uid).
 */
import { describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { schedulingKey } from '../../src/main/core/sync/scheduling-key';
import type { SyncEvent, SyncScheduling } from '../../src/main/core/sync/sync-events';
import type { ApplierDeps } from '../../src/main/services/sync/applier-deps';
import { createAppliers } from '../../src/main/services/sync/appliers';
import { recordUnjournaledCards } from '../../src/main/services/sync/genesis-cards';
import { mergeEvents } from '../../src/main/services/sync/merge-events';
import { coldStartsDeck } from '../support/cold-starts-deck';
import type { TempApp } from '../support/temp-app';
import { rowsOf, tempApps } from '../support/temp-apps';

const apps = tempApps();

const depsOf = (t: TempApp): ApplierDeps => {
  const s = t.app.services;
  return { repos: s.repos, settings: s.settings, journal: s.journal, clock: t.clock, timeZone: 'UTC' };
};

/** Turn sync on and record the cards and answers already there (the card part of the first sync). */
function startSync(t: TempApp): void {
  const d = depsOf(t);
  d.repos.db.transaction(() => {
    d.journal.start();
    recordUnjournaledCards(d);
  }).immediate();
}

/** Hand `from`'s card events (all of them: duplicates change nothing) to `to`. */
function send(from: TempApp, to: TempApp): void {
  const events: SyncEvent[] = from.app.services.repos.sync.localAfter(0, 1_000_000).filter((e) => e.entity.startsWith('card:'));
  const d = depsOf(to);
  const r = mergeEvents(d.repos, d.journal, createAppliers(d), events);
  expect(r.skipped).toBe(0);
}

const CARD_SQL = `SELECT n.guid, c.ord, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, c.learning_steps, c.reps, c.lapses,
  c.state, c.last_review, c.suspended, c.flag, c.sync_head, d.name AS deck FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id`;
const cardsOf = (t: TempApp) => rowsOf(t, `${CARD_SQL} ORDER BY n.guid, c.ord`);
const cardOf = (t: TempApp, guid: string, ord: number) => rowsOf(t, `${CARD_SQL} WHERE n.guid = ? AND c.ord = ?`, guid, ord)[0];
const logOf = (t: TempApp) =>
  rowsOf(
    t,
    `SELECT n.guid, c.ord, r.uid, r.reviewed_at, r.rating, r.state_before, r.elapsed_days, r.scheduled_days, r.duration_ms, r.kind
     FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id ORDER BY r.uid`,
  );
const keyOf = (t: TempApp, cardId: number) => rowsOf(t, 'SELECT n.guid, c.ord FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?', cardId)[0] as { guid: string; ord: number };
const idOn = (t: TempApp, key: { guid: string; ord: number }) =>
  (rowsOf(t, 'SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ? AND c.ord = ?', key.guid, key.ord)[0] as { id: number }).id;

async function twoDevices(): Promise<{ a: TempApp; b: TempApp; deckA: number; deckB: number }> {
  const a = apps.open();
  const b = apps.open();
  startSync(a);
  startSync(b);
  // The first sync: each has the other's record of the cards both had (the same built-in decks).
  send(a, b);
  send(b, a);
  expect(cardsOf(a)).toEqual(cardsOf(b));
  return { a, b, deckA: (await coldStartsDeck(a)).id, deckB: (await coldStartsDeck(b)).id };
}

describe('card sync', () => {
  it('an answer on one computer appears on the other with the same state and log row', async () => {
    const { a, b, deckA } = await twoDevices();
    const card = (await a.call<ReviewSession>('review.next', { deckId: deckA })).card!;
    a.clock.advance(60_000);
    await a.call('review.answer', { cardId: card.cardId, rating: 3, durationMs: 2500 });
    const key = keyOf(a, card.cardId);
    expect(cardOf(b, key.guid, key.ord)).not.toEqual(cardOf(a, key.guid, key.ord));
    send(a, b);
    expect(cardOf(b, key.guid, key.ord)).toEqual(cardOf(a, key.guid, key.ord));
    expect(logOf(b)).toEqual(logOf(a));
    expect(logOf(b)).toHaveLength(1);
    // The merged answer counts against today's limits on the other computer too.
    const onB = await b.call<ReviewSession>('review.next', { deckId: (await coldStartsDeck(b)).id });
    expect(onB.answeredToday).toBe(1);
    expect(cardsOf(b)).toEqual(cardsOf(a));
    expect(logOf(b)).toEqual(logOf(a));
  });

  it('answers made offline on both computers both count, and both converge', async () => {
    const { a, b, deckA } = await twoDevices();
    const card = (await a.call<ReviewSession>('review.next', { deckId: deckA })).card!;
    const key = keyOf(a, card.cardId);
    a.clock.advance(60_000);
    await a.call('review.answer', { cardId: card.cardId, rating: 4, durationMs: 1000 });
    b.clock.advance(3 * 86_400_000);
    await b.call('review.answer', { cardId: idOn(b, key), rating: 3, durationMs: 2000 });
    send(a, b);
    send(b, a);
    expect(cardOf(a, key.guid, key.ord)).toEqual(cardOf(b, key.guid, key.ord));
    expect(cardOf(a, key.guid, key.ord)).toMatchObject({ reps: 2 });
    expect(logOf(a)).toEqual(logOf(b));
    expect(logOf(a)).toHaveLength(2);
    expect(cardsOf(a)).toEqual(cardsOf(b));
    // Merging again changes nothing.
    send(a, b);
    send(b, a);
    expect(cardsOf(a)).toEqual(cardsOf(b));
  });

  it('an undo travels: the answer goes on both computers and the card is as before', async () => {
    const { a, b, deckA } = await twoDevices();
    const card = (await a.call<ReviewSession>('review.next', { deckId: deckA })).card!;
    const key = keyOf(a, card.cardId);
    const before = cardOf(a, key.guid, key.ord);
    a.clock.advance(60_000);
    await a.call('review.answer', { cardId: card.cardId, rating: 3, durationMs: 2500 });
    send(a, b);
    expect(logOf(b)).toHaveLength(1);
    await a.call('review.undo', { deckId: deckA });
    expect(cardOf(a, key.guid, key.ord)).toEqual(before);
    send(a, b);
    expect(cardOf(b, key.guid, key.ord)).toEqual(before);
    expect(logOf(b)).toEqual([]);
    expect(cardsOf(b)).toEqual(cardsOf(a));
  });

  it('an undo after another computer\'s state of the card arrived leaves the card where that state puts it, on both', async () => {
    const a = apps.open();
    const b = apps.open();
    startSync(a);
    b.clock.advance(1000);
    startSync(b);
    const deckA = (await coldStartsDeck(a)).id;
    const card = (await a.call<ReviewSession>('review.next', { deckId: deckA })).card!;
    a.clock.advance(60_000);
    await a.call('review.answer', { cardId: card.cardId, rating: 3, durationMs: 2500 });
    // B's first record of the card (later than A's, earlier than the answer) arrives before the undo.
    send(b, a);
    await a.call('review.undo', { deckId: deckA });
    send(a, b);
    send(b, a);
    expect(cardsOf(a)).toEqual(cardsOf(b));
    expect(logOf(a)).toEqual([]);
  });

  it('folds a replayed answer again when the FSRS settings it names arrive after it', async () => {
    const { a, b } = await twoDevices();
    const deckB = (await coldStartsDeck(b)).id;
    const card = (await b.call<ReviewSession>('review.next', { deckId: deckB })).card!;
    const key = keyOf(b, card.cardId);
    b.clock.advance(60_000);
    await b.call('review.answer', { cardId: card.cardId, rating: 4, durationMs: 1000 });
    const own = b.app.services.repos.sync.localAfter(0, 1_000_000);
    const answer = own.find((e) => e.type === 'review')!;
    const known = own.find((e) => e.entity.startsWith('params:'))!;
    // Settings A has never seen (another retention), under their own key.
    const settings = { ...(known.body as unknown as SyncScheduling), retention: 0.8 };
    const params = [{ ...known, entity: `params:${schedulingKey(settings)}`, body: settings as unknown as Record<string, unknown> }];
    // An answer made on a state A never had (so A replays it), recorded with a state FSRS would not give.
    const after = { ...(answer.body.after as object), stability: 999 };
    const odd = { ...answer, body: { ...answer.body, parent: '000000000.0000.zzzzzzzzzzzz', after, scheduling: schedulingKey(settings) } };
    const d = depsOf(a);
    expect(mergeEvents(d.repos, d.journal, createAppliers(d), [odd]).skipped).toBe(0);
    // Without its settings the answer is taken as recorded for now...
    expect(cardOf(a, key.guid, key.ord)).toMatchObject({ stability: 999 });
    mergeEvents(d.repos, d.journal, createAppliers(d), params);
    // ...and replayed once they come, as on a device that had them first.
    expect((cardOf(a, key.guid, key.ord) as { stability: number }).stability).not.toBe(999);
  });

  it('an undo leaves an earlier answer merged after it as the merge rule gives it', async () => {
    const { a, b, deckA } = await twoDevices();
    const card = (await a.call<ReviewSession>('review.next', { deckId: deckA })).card!;
    const key = keyOf(a, card.cardId);
    a.clock.advance(60_000);
    await a.call('review.answer', { cardId: card.cardId, rating: 4, durationMs: 1000 });
    b.clock.advance(120_000);
    await b.call('review.answer', { cardId: idOn(b, key), rating: 3, durationMs: 1000 });
    b.clock.advance(60_000);
    await b.call('review.answer', { cardId: idOn(b, key), rating: 3, durationMs: 1000 });
    // A's answer is earlier than both of B's, but its log row is written on B after B's own.
    send(a, b);
    await b.call('review.undo', { deckId: (await coldStartsDeck(b)).id });
    send(b, a);
    expect(logOf(b)).toEqual(logOf(a));
    expect(logOf(a)).toHaveLength(2);
    expect(cardsOf(b)).toEqual(cardsOf(a));
  });

  it('siblings buried by an answer, and brought back by the next study day, are buried and back on the other computer', async () => {
    const { a, b } = await twoDevices();
    const deck = rowsOf(a, "SELECT id FROM decks WHERE name = 'Integrations and cost'")[0] as { id: number };
    const note = rowsOf(a, 'SELECT note_id FROM cards WHERE deck_id = ? GROUP BY note_id HAVING count(*) > 1 ORDER BY note_id LIMIT 1', deck.id)[0] as { note_id: number };
    const ids = rowsOf(a, 'SELECT id FROM cards WHERE note_id = ? ORDER BY ord', note.note_id).map((r) => r.id as number);
    await a.call('review.answer', { cardId: ids[0], rating: 3, durationMs: 1000 });
    send(a, b);
    const siblingsOn = (t: TempApp) => ids.slice(1).map((id) => cardOf(t, keyOf(a, id).guid, keyOf(a, id).ord)?.suspended);
    expect(siblingsOn(b)).toEqual(ids.slice(1).map(() => 2));
    a.clock.advance(86_400_000);
    await a.call('review.next', { deckId: deck.id });
    send(a, b);
    expect(siblingsOn(b)).toEqual(ids.slice(1).map(() => 0));
    expect(cardsOf(b)).toEqual(cardsOf(a));
  });

  it('suspend, flag, deck moves and their undo travel', async () => {
    const { a, b, deckA } = await twoDevices();
    await a.call('decks.create', { name: 'Moved' });
    await b.call('decks.create', { name: 'Moved' });
    const movedA = rowsOf(a, "SELECT id FROM decks WHERE name = 'Moved'")[0] as { id: number };
    const [c1, c2, c3] = rowsOf(a, 'SELECT id FROM cards WHERE deck_id = ? ORDER BY id LIMIT 3', deckA).map((r) => r.id as number) as [number, number, number];
    await a.call('cards.suspend', { cardIds: [c1], suspended: true });
    await a.call('cards.flag', { cardIds: [c2], flag: 4 });
    await a.call('cards.setDeck', { cardIds: [c3], deckId: movedA.id });
    await a.call('cards.forget', { cardIds: [c2], resetCounts: true });
    send(a, b);
    expect(cardOf(b, keyOf(a, c1).guid, keyOf(a, c1).ord)).toMatchObject({ suspended: 1 });
    expect(cardOf(b, keyOf(a, c2).guid, keyOf(a, c2).ord)).toMatchObject({ flag: 4 });
    expect(cardOf(b, keyOf(a, c3).guid, keyOf(a, c3).ord)).toMatchObject({ deck: 'Moved' });
    expect(cardsOf(b)).toEqual(cardsOf(a));
    await a.call('actions.undo', {});
    await a.call('actions.undo', {});
    send(a, b);
    expect(cardOf(b, keyOf(a, c3).guid, keyOf(a, c3).ord)).toMatchObject({ deck: 'Cold starts' });
    expect(cardsOf(b)).toEqual(cardsOf(a));
  });
});

describe('the fold of a computer\'s own events', () => {
  it('gives exactly the cards and log rows the app wrote (answers, undo, actions, quiz misses taken back)', async () => {
    const a = apps.open();
    startSync(a);
    const deck = (await coldStartsDeck(a)).id;
    const answerNext = async (rating: number) => {
      const card = (await a.call<ReviewSession>('review.next', { deckId: deck })).card!;
      a.clock.advance(20_000);
      await a.call('review.answer', { cardId: card.cardId, rating, durationMs: 3000 });
      return card.cardId;
    };
    for (const rating of [3, 4, 1, 3, 2, 4]) await answerNext(rating);
    a.clock.advance(2 * 86_400_000);
    for (const rating of [3, 3, 4, 1]) await answerNext(rating);
    await a.call('review.undo', { deckId: deck });
    const [c1, c2, c3] = rowsOf(a, 'SELECT id FROM cards WHERE deck_id = ? AND reps > 0 ORDER BY id LIMIT 3', deck).map((r) => r.id as number) as [number, number, number];
    await a.call('cards.forget', { cardIds: [c1], resetCounts: false });
    await a.call('cards.setDue', { cardIds: [c2], days: '3' });
    await a.call('cards.suspend', { cardIds: [c3], suspended: true });
    // Two typed quiz questions answered wrongly: the finished quiz rates each card Again; "I was right" takes one back.
    const quiz = await a.call<{ id: number; questions: Array<{ position: number }> }>('quiz.start', {
      count: 2,
      mix: { choice: 0, truefalse: 0, typed: 1, prompt: 0 },
      mode: 'practice',
      seed: 7,
    });
    for (const q of quiz.questions) await a.call('quiz.answer', { attemptId: quiz.id, position: q.position, text: 'certainly not this', durationMs: 2000 });
    a.clock.advance(60_000);
    await a.call('quiz.submit', { attemptId: quiz.id });
    expect(rowsOf(a, 'SELECT count(*) AS n FROM review_log WHERE kind = 1')[0]).toEqual({ n: 2 });
    await a.call('quiz.override', { attemptId: quiz.id, position: 0 });
    expect(rowsOf(a, 'SELECT count(*) AS n FROM review_log WHERE kind = 1')[0]).toEqual({ n: 1 });

    // A fresh computer with the same built-in decks and no record of its own takes A's events.
    const c = apps.open();
    c.app.services.journal.start();
    send(a, c);
    expect(cardsOf(c)).toEqual(cardsOf(a));
    expect(logOf(c)).toEqual(logOf(a));
    expect(logOf(a).length).toBeGreaterThan(8);
  });
});

describe('the first sync of a collection with history', () => {
  it('records every card and every earlier answer, so another computer gets the same cards and log', async () => {
    const a = apps.open();
    const deck = (await coldStartsDeck(a)).id;
    for (const rating of [3, 1, 4]) {
      const card = (await a.call<ReviewSession>('review.next', { deckId: deck })).card!;
      a.clock.advance(30_000);
      await a.call('review.answer', { cardId: card.cardId, rating, durationMs: 1500 });
    }
    const [suspended] = rowsOf(a, 'SELECT id FROM cards WHERE deck_id = ? AND reps = 0 ORDER BY id LIMIT 1', deck).map((r) => r.id as number) as [number];
    await a.call('cards.suspend', { cardIds: [suspended], suspended: true });
    await a.call('cards.flag', { cardIds: [suspended], flag: 2 });
    expect(rowsOf(a, 'SELECT count(*) AS n FROM review_log WHERE uid IS NULL')[0]).toEqual({ n: 3 });
    startSync(a);
    expect(rowsOf(a, 'SELECT count(*) AS n FROM review_log WHERE uid IS NULL')[0]).toEqual({ n: 0 });
    expect(rowsOf(a, 'SELECT count(*) AS n FROM cards WHERE sync_head IS NULL')[0]).toEqual({ n: 0 });
    const c = apps.open();
    c.app.services.journal.start();
    send(a, c);
    expect(cardsOf(c)).toEqual(cardsOf(a));
    expect(logOf(c)).toEqual(logOf(a));
    expect(cardOf(c, keyOf(a, suspended).guid, keyOf(a, suspended).ord)).toMatchObject({ suspended: 1, flag: 2 });
    // A second genesis finds nothing new.
    const d = depsOf(a);
    expect(d.repos.db.transaction(() => recordUnjournaledCards(d)).immediate()).toEqual({ events: 0 });
  });
});
