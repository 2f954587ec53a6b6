/** SQL for cards: FSRS state, today's queue, counts. */
import type { CardState, CardStateCode } from '../../core/scheduler';
import type { Db } from '../open-db';
import { createCardSyncReads } from './card-sync-reads';
import { createInListStatements } from './in-list-statements';
import { createMultiRowInsert } from './multi-row-insert';

export { CARD_COLUMNS, toCard, type CardRow, type RawCard } from './card-row';
import { CARD_COLUMNS, toCard, type CardRow, type RawCard } from './card-row';

/**
 * A card read as an array, in CARD_COLUMNS order: the hot reads (a card by id, the queue's next
 * cards) use the driver's raw mode, which builds no object per row and halves the cost of a read of 50.
 */
type CardTuple = [number, number, number, number, number, number, number, number, number, number, number, number, number, number | null, number];
const fromTuple = (r: CardTuple): CardRow => ({
  id: r[0],
  noteId: r[1],
  deckId: r[2],
  ord: r[3],
  due: r[4],
  stability: r[5],
  difficulty: r[6],
  elapsedDays: r[7],
  scheduledDays: r[8],
  learningSteps: r[9],
  reps: r[10],
  lapses: r[11],
  state: r[12] as CardStateCode,
  lastReview: r[13],
  suspended: r[14] === 1,
});


/** The values of one row of `insertRows`, in order. */
export const NEW_CARD_ROW = ['id', 'noteId', 'deckId', 'ord', 'due', 'suspended', 'createdAt'] as const;

export function createCardRepo(db: Db) {
  const byId = db.prepare<[number], CardTuple>(`SELECT ${CARD_COLUMNS} FROM cards WHERE id = ?`).raw();
  const byNote = db.prepare<[number], RawCard>(`SELECT ${CARD_COLUMNS} FROM cards WHERE note_id = ? ORDER BY ord`);
  const insert = db.prepare<[number, number, number, number, number, number]>(
    'INSERT INTO cards (note_id, deck_id, ord, due, suspended, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  type StateParams = [number, number, number, number, number, number, number, number, number, number | null];
  // sync_head: the event that set this state, written with it (the second parameter; kept when the first is 0).
  const updateState = db.prepare<[...StateParams, number, string | null, number]>(
    `UPDATE cards SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?,
       reps = ?, lapses = ?, state = ?, last_review = ?, sync_head = CASE WHEN ? THEN ? ELSE sync_head END WHERE id = ?`,
  );
  const stateParams = (c: CardState): StateParams => [c.due, c.stability, c.difficulty, c.elapsedDays, c.scheduledDays, c.learningSteps, c.reps, c.lapses, c.state, c.lastReview];
  // A card as merged events say it is (services/sync/apply-cards.ts).
  const updateSynced = db.prepare<[...StateParams, string | null, number, number, number, number]>(
    `UPDATE cards SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?,
       reps = ?, lapses = ?, state = ?, last_review = ?, sync_head = ?, suspended = ?, flag = ?, deck_id = ? WHERE id = ?`,
  );
  const insertSynced = db.prepare<[number, number, number, ...StateParams, string | null, number, number, number]>(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state,
       last_review, sync_head, suspended, flag, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setHead = db.prepare<[string | null, number]>('UPDATE cards SET sync_head = ? WHERE id = ?');
  const setSuspended = db.prepare<[number, number]>('UPDATE cards SET suspended = ? WHERE id = ?');
  const setDeck = db.prepare<[number, number]>('UPDATE cards SET deck_id = ? WHERE id = ?');
  const moveDeckCards = db.prepare<[number, number]>('UPDATE cards SET deck_id = ? WHERE deck_id = ?');
  const moveDeckCardsToNotes = db.prepare<[number]>('UPDATE cards SET deck_id = (SELECT n.deck_id FROM notes n WHERE n.id = cards.note_id) WHERE deck_id = ?');
  const deleteCard = db.prepare<[number]>('DELETE FROM cards WHERE id = ?');
  const totals = db.prepare<[], { deck_id: number; cards: number }>('SELECT deck_id, cards FROM deck_card_counts');
  // One deck each, in the order of the queue index (deck, state, due; rowid breaks ties), so a read stops at its limit.
  const nextNew = db.prepare<[number, number], CardTuple>(
    `SELECT ${CARD_COLUMNS} FROM cards WHERE deck_id = ? AND state = 0 AND suspended = 0 ORDER BY due, id LIMIT ?`,
  ).raw();
  const nextReview = db.prepare<[number, number, number], CardTuple>(
    `SELECT ${CARD_COLUMNS} FROM cards WHERE deck_id = ? AND state = 2 AND suspended = 0 AND due < ? ORDER BY due, id LIMIT ?`,
  ).raw();
  // New cards shuffled for a day (a preset's "random" new card order): the day's seed mixes each id.
  const nextNewShuffled = db.prepare<[number, number, number], CardTuple>(
    `SELECT ${CARD_COLUMNS} FROM cards WHERE deck_id = ? AND state = 0 AND suspended = 0
     ORDER BY (id * 2654435761 + ?) % 4294967311, id LIMIT ?`,
  ).raw();
  // (Re)learning cards are few: sorting them is cheap.
  const nextLearning = db.prepare<[number, number, number], CardTuple>(
    `SELECT ${CARD_COLUMNS} FROM cards WHERE deck_id = ? AND state IN (1, 3) AND suspended = 0 AND due < ? ORDER BY due, id LIMIT ?`,
  ).raw();

  // Writes of actions (on the cards an action kept in action_rows), sibling burying and deletes.
  const ofAction = "(SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = 'cards')";
  const setSuspendedOfAction = db.prepare<[number, number]>(`UPDATE cards SET suspended = ? WHERE id IN ${ofAction}`);
  const setFlagOfAction = db.prepare<[number, number]>(`UPDATE cards SET flag = ? WHERE id IN ${ofAction}`);
  const setDeckOfAction = db.prepare<[number, number]>(`UPDATE cards SET deck_id = ? WHERE id IN ${ofAction}`);
  const deleteOfAction = db.prepare<[number]>(`DELETE FROM cards WHERE id IN (SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = 'cards' AND op = 1)`);
  // Anki's sibling rule: the other cards of the note that are new, in review, or in interday learning
  // (a step of a day or more), each kind when its option is on, whatever their due date.
  const siblingKinds = '((? AND state = 0) OR (? AND state = 2) OR (? AND state IN (1, 3) AND scheduled_days > 0))';
  const buryOfNote = db.prepare<[number, number, number, number, number], { id: number }>(
    `UPDATE cards SET suspended = 2 WHERE note_id = ? AND id <> ? AND suspended = 0 AND ${siblingKinds} RETURNING id`,
  );
  // Notes of one deck sharing a fact key are siblings too: the answered note's own cards and those
  // of the notes of its deck with its fact (read from the note itself, through the (deck_id, fact) index).
  const buryOfFact = db.prepare<[number, number, number, number, number, number], { id: number }>(
    `UPDATE cards SET suspended = 2
     WHERE note_id IN (
         SELECT ? UNION
         SELECT f.id FROM notes n CROSS JOIN notes f ON f.deck_id = n.deck_id AND f.fact = n.fact WHERE n.id = ?)
       AND id <> ? AND suspended = 0 AND ${siblingKinds}
     RETURNING id`,
  );
  const unburyOfAnswer = db.prepare<[number], { id: number }>(
    'UPDATE cards SET suspended = 0 WHERE suspended = 2 AND id IN (SELECT card_id FROM review_buried WHERE log_id = ?) RETURNING id',
  );
  const unburyAll = db.prepare<[], { id: number }>('UPDATE cards SET suspended = 0 WHERE suspended >= 2 RETURNING id');
  const bringForward = db.prepare<[number, string], { id: number }>('UPDATE cards SET due = ? WHERE id IN (SELECT value FROM json_each(?)) AND state = 2 RETURNING id');

  const stmt = createInListStatements(db);
  const maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM cards');
  const insertRows = createMultiRowInsert(db, 'INSERT INTO cards (id, note_id, deck_id, ord, due, suspended, created_at) VALUES', NEW_CARD_ROW.length);

  return {
    get(id: number): CardRow | undefined {
      const r = byId.get(id);
      return r ? fromTuple(r) : undefined;
    },
    byNote(noteId: number): CardRow[] {
      return byNote.all(noteId).map(toCard);
    },
    insert(noteId: number, deckId: number, ord: number, due: number, now: number, suspended = false): number {
      return Number(insert.run(noteId, deckId, ord, due, suspended ? 1 : 0, now).lastInsertRowid);
    },
    /** The id the next inserted card gets (what SQLite would choose: one past the largest). */
    nextId(): number {
      return (maxId.get()?.id ?? 0) + 1;
    },
    /** Insert new cards given as one flat list of values, NEW_CARD_ROW.length per card in that order (ids chosen by the caller, see nextId). */
    insertRows(values: readonly unknown[]): void {
      insertRows(values);
    },
    /** Write a card's FSRS state; with `head` (the sync event that set it, or null) its sync head too. */
    saveState(id: number, c: CardState, head?: string | null): void {
      updateState.run(...stateParams(c), head === undefined ? 0 : 1, head ?? null, id);
    },
    /** Cards as merged sync events say they are, and the sync heads of cards the journal recorded. */
    sync: {
      ...createCardSyncReads(db),
      update(id: number, c: CardState, head: string | null, suspended: number, flag: number, deckId: number): void {
        updateSynced.run(...stateParams(c), head, suspended, flag, deckId, id);
      },
      insert(noteId: number, deckId: number, ord: number, c: CardState, head: string | null, suspended: number, flag: number, createdAt: number): number {
        return Number(insertSynced.run(noteId, deckId, ord, ...stateParams(c), head, suspended, flag, createdAt).lastInsertRowid);
      },
      setHead(id: number, head: string | null): void {
        setHead.run(head, id);
      },
    },
    setSuspended(id: number, suspended: boolean): void {
      setSuspended.run(suspended ? 1 : 0, id);
    },
    /** Set `suspended` on the cards an action kept. */
    setSuspendedOfAction(actionId: number, value: number): void {
      setSuspendedOfAction.run(value, actionId);
    },
    setFlagOfAction(actionId: number, flag: number): void {
      setFlagOfAction.run(flag, actionId);
    },
    setDeckOfAction(actionId: number, deckId: number): void {
      setDeckOfAction.run(deckId, actionId);
    },
    /** Delete the cards a delete action kept (their history and quiz rows go by cascade, kept too). */
    deleteOfAction(actionId: number): void {
      deleteOfAction.run(actionId);
    },
    /**
     * Bury the siblings of an answered card (`on`: bury new, review, interday learning as 1/0):
     * the other cards of its note, and with `byFact` those of the notes of its deck sharing its fact.
     */
    burySiblings(noteId: number, cardId: number, on: readonly [number, number, number], byFact: boolean): number[] {
      const rows = byFact ? buryOfFact.all(noteId, noteId, cardId, ...on) : buryOfNote.all(noteId, cardId, ...on);
      return rows.map((r) => r.id);
    },
    /** Bring back the siblings an answer buried; returns their ids. */
    unburyOfAnswer(logId: number): number[] {
      return unburyOfAnswer.all(logId).map((r) => r.id);
    },
    /** A new study day: every buried card comes back. Returns their ids. */
    unburyAll(): number[] {
      return unburyAll.all().map((r) => r.id);
    },
    /** Make these review cards due at `due` (an interview plan's review-ahead). Returns the ids it moved. */
    bringForward(cardIds: readonly number[], due: number): number[] {
      return cardIds.length === 0 ? [] : bringForward.all(due, JSON.stringify(cardIds)).map((r) => r.id);
    },
    /** Move every card of a deck to another (before a deck merged as deleted goes). */
    moveDeck(fromDeckId: number, toDeckId: number): number {
      return moveDeckCards.run(toDeckId, fromDeckId).changes;
    },
    /** Move every card of a deck to its note's deck (a deck merged as deleted, its notes moved first). */
    moveDeckToNotes(fromDeckId: number): number {
      return moveDeckCardsToNotes.run(fromDeckId).changes;
    },
    moveToDeck(id: number, deckId: number): void {
      setDeck.run(deckId, id);
    },
    delete(id: number): void {
      deleteCard.run(id);
    },
    /**
     * Today's counts: new cards up to `newCap` (the day's remaining allowance),
     * (re)learning cards due before `before`, and review cards due before `before` up to `dueCap`.
     */
    queueCounts(deckIds: number[], before: number, newCap: number, dueCap: number): { newCards: number; learning: number; reviews: number } {
      const fresh = stmt('countNew', deckIds.length, (ids) =>
        `SELECT count(*) AS n FROM (SELECT 1 FROM cards WHERE deck_id IN (${ids}) AND state = 0 AND suspended = 0 LIMIT ?)`,
      );
      const learning = stmt('countLearning', deckIds.length, (ids) =>
        `SELECT count(*) AS n FROM cards WHERE deck_id IN (${ids}) AND state IN (1, 3) AND suspended = 0 AND due < ?`,
      );
      // When the cap-th due card exists the count is the cap, found by skipping to it (several
      // times cheaper than counting up to it); else every due card is counted, fewer than the cap.
      const due = stmt('countDue', deckIds.length, (ids) =>
        `SELECT CASE WHEN (SELECT 1 FROM cards WHERE deck_id IN (${ids}) AND state = 2 AND suspended = 0 AND due < ? LIMIT 1 OFFSET ?) IS NOT NULL THEN ?
                ELSE (SELECT count(*) FROM cards WHERE deck_id IN (${ids}) AND state = 2 AND suspended = 0 AND due < ?) END AS n`,
      );
      const n = (st: typeof due, ...args: unknown[]): number => (st.get(...args) as { n: number }).n;
      const r = {
        new_cards: newCap > 0 ? n(fresh, ...deckIds, newCap) : 0,
        learning: n(learning, ...deckIds, before),
        reviews: dueCap > 0 ? n(due, ...deckIds, before, dueCap - 1, dueCap, ...deckIds, before) : 0,
      };
      return { newCards: r.new_cards, learning: r.learning, reviews: r.reviews };
    },
    /**
     * Next cards of one source, in queue order. Read deck by deck along the queue index (each
     * read stops after `limit`) and merged, so a subtree never sorts all its cards.
     */
    next(source: 'learning' | 'review' | 'new', deckIds: number[], before: number, limit: number): CardRow[] {
      if (limit <= 0) return [];
      const one = (deckId: number): CardTuple[] =>
        source === 'new' ? nextNew.all(deckId, limit) : source === 'review' ? nextReview.all(deckId, before, limit) : nextLearning.all(deckId, before, limit);
      if (deckIds.length === 1) return one(deckIds[0]!).map(fromTuple);
      const rows: CardTuple[] = [];
      for (const deckId of deckIds) rows.push(...one(deckId));
      // By due, then id (columns 4 and 0).
      rows.sort((a, b) => a[4] - b[4] || a[0] - b[0]);
      return rows.slice(0, limit).map(fromTuple);
    },
    /** Up to `limit` new cards of one deck, in the day's shuffled order (`seed`: the study day). */
    nextNewShuffled(deckId: number, seed: number, limit: number): CardRow[] {
      return limit > 0 ? nextNewShuffled.all(deckId, (seed * 7919) % 4294967311, limit).map(fromTuple) : [];
    },
    /** Due time of the earliest (re)learning card due before `before`, or null. */
    firstLearningDue(deckIds: number[], before: number): number | null {
      const s = stmt('firstLearning', deckIds.length, (ids) =>
        `SELECT min(due) AS due FROM cards WHERE deck_id IN (${ids}) AND state IN (1, 3) AND suspended = 0 AND due < ?`,
      );
      return (s.get(...deckIds, before) as { due: number | null }).due;
    },
    /** Cards of any non-new state due in [from, to). */
    countDueBetween(deckIds: number[], from: number, to: number): number {
      const s = stmt('dueBetween', deckIds.length, (ids) =>
        `SELECT count(*) AS n FROM cards WHERE deck_id IN (${ids}) AND state IN (1, 2, 3) AND suspended = 0 AND due >= ? AND due < ?`,
      );
      return (s.get(...deckIds, from, to) as { n: number }).n;
    },
    /** Cards per deck (every card, suspended or not), from the counts the schema keeps. */
    totalsByDeck(): Map<number, number> {
      return new Map(totals.all().map((r) => [r.deck_id, r.cards]));
    },
  };
}
export type CardRepo = ReturnType<typeof createCardRepo>;
