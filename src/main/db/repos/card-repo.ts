/** SQL for cards: FSRS state, today's queue, counts. */
import type { CardState, CardStateCode } from '../../core/scheduler';
import type { Db } from '../open-db';
import { createInListStatements } from './in-list-statements';

export interface CardRow extends CardState {
  id: number;
  noteId: number;
  deckId: number;
  ord: number;
  suspended: boolean;
}

interface RawCard {
  id: number;
  note_id: number;
  deck_id: number;
  ord: number;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
  suspended: number;
}

export const toCard = (r: RawCard): CardRow => ({
  id: r.id,
  noteId: r.note_id,
  deckId: r.deck_id,
  ord: r.ord,
  due: r.due,
  stability: r.stability,
  difficulty: r.difficulty,
  elapsedDays: r.elapsed_days,
  scheduledDays: r.scheduled_days,
  learningSteps: r.learning_steps,
  reps: r.reps,
  lapses: r.lapses,
  state: r.state as CardStateCode,
  lastReview: r.last_review,
  suspended: r.suspended === 1,
});

export const CARD_COLUMNS =
  'id, note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, suspended';


export function createCardRepo(db: Db) {
  const byId = db.prepare<[number], RawCard>(`SELECT ${CARD_COLUMNS} FROM cards WHERE id = ?`);
  const byNote = db.prepare<[number], RawCard>(`SELECT ${CARD_COLUMNS} FROM cards WHERE note_id = ? ORDER BY ord`);
  const insert = db.prepare<[number, number, number, number, number]>(
    'INSERT INTO cards (note_id, deck_id, ord, due, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const updateState = db.prepare<
    [number, number, number, number, number, number, number, number, number, number | null, number]
  >(
    `UPDATE cards SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?,
       reps = ?, lapses = ?, state = ?, last_review = ? WHERE id = ?`,
  );
  const setSuspended = db.prepare<[number, number]>('UPDATE cards SET suspended = ? WHERE id = ?');
  const setDeck = db.prepare<[number, number]>('UPDATE cards SET deck_id = ? WHERE id = ?');
  const deleteCard = db.prepare<[number]>('DELETE FROM cards WHERE id = ?');

  const stmt = createInListStatements(db);

  return {
    get(id: number): CardRow | undefined {
      const r = byId.get(id);
      return r ? toCard(r) : undefined;
    },
    byNote(noteId: number): CardRow[] {
      return byNote.all(noteId).map(toCard);
    },
    insert(noteId: number, deckId: number, ord: number, due: number, now: number): number {
      return Number(insert.run(noteId, deckId, ord, due, now).lastInsertRowid);
    },
    saveState(id: number, c: CardState): void {
      updateState.run(
        c.due,
        c.stability,
        c.difficulty,
        c.elapsedDays,
        c.scheduledDays,
        c.learningSteps,
        c.reps,
        c.lapses,
        c.state,
        c.lastReview,
        id,
      );
    },
    setSuspended(id: number, suspended: boolean): void {
      setSuspended.run(suspended ? 1 : 0, id);
    },
    moveToDeck(id: number, deckId: number): void {
      setDeck.run(deckId, id);
    },
    delete(id: number): void {
      deleteCard.run(id);
    },
    /** New cards available in the decks, counted up to `cap` (the day's remaining allowance). */
    countNew(deckIds: number[], cap: number): number {
      if (cap <= 0) return 0;
      const s = stmt('countNew', deckIds.length, (ids) =>
        `SELECT count(*) AS n FROM (SELECT 1 FROM cards WHERE deck_id IN (${ids}) AND state = 0 AND suspended = 0 LIMIT ?)`,
      );
      return (s.get(...deckIds, cap) as { n: number }).n;
    },
    /** Review cards due before `before`, counted up to `cap`. */
    countDue(deckIds: number[], before: number, cap: number): number {
      if (cap <= 0) return 0;
      const s = stmt('countDue', deckIds.length, (ids) =>
        `SELECT count(*) AS n FROM (SELECT 1 FROM cards WHERE deck_id IN (${ids}) AND state = 2 AND suspended = 0 AND due < ? LIMIT ?)`,
      );
      return (s.get(...deckIds, before, cap) as { n: number }).n;
    },
    /** Cards in (re)learning due before `before`. */
    countLearning(deckIds: number[], before: number): number {
      const s = stmt('countLearning', deckIds.length, (ids) =>
        `SELECT count(*) AS n FROM cards WHERE deck_id IN (${ids}) AND state IN (1, 3) AND suspended = 0 AND due < ?`,
      );
      return (s.get(...deckIds, before) as { n: number }).n;
    },
    /** Next cards of one source, in queue order. */
    next(source: 'learning' | 'review' | 'new', deckIds: number[], before: number, limit: number): CardRow[] {
      if (limit <= 0) return [];
      if (source === 'new') {
        const s = stmt('nextNew', deckIds.length, (ids) =>
          `SELECT ${CARD_COLUMNS} FROM cards WHERE deck_id IN (${ids}) AND state = 0 AND suspended = 0 ORDER BY due, id LIMIT ?`,
        );
        return (s.all(...deckIds, limit) as RawCard[]).map(toCard);
      }
      const states = source === 'learning' ? 'state IN (1, 3)' : 'state = 2';
      const s = stmt(`next-${source}`, deckIds.length, (ids) =>
        `SELECT ${CARD_COLUMNS} FROM cards WHERE deck_id IN (${ids}) AND ${states} AND suspended = 0 AND due < ? ORDER BY due, id LIMIT ?`,
      );
      return (s.all(...deckIds, before, limit) as RawCard[]).map(toCard);
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
    countAll(deckIds: number[]): number {
      const s = stmt('countAll', deckIds.length, (ids) => `SELECT count(*) AS n FROM cards WHERE deck_id IN (${ids})`);
      return (s.get(...deckIds) as { n: number }).n;
    },
  };
}
export type CardRepo = ReturnType<typeof createCardRepo>;
