/**
 * SQL for the append-only review log and its undo data. The only deletion is undo of the user's
 * own last answer. The card as it was before an answer is kept in review_undo only while undo
 * can use it (see `pruneUndo`).
 */
import { REVIEW_KINDS, type ReviewKind } from '../../../shared/enums';
import type { FoldedLogRow } from '../../core/sync/fold-card';
import type { Db } from '../open-db';
import { createInListStatements } from './in-list-statements';

/** A review log row as a sync event carries it (`uid` is the event's id). */
export type SyncLogRow = FoldedLogRow;

export interface ReviewLogInput extends Omit<SyncLogRow, 'uid' | 'kind'> {
  cardId: number;
  kind: ReviewKind;
  /** JSON of the card row before the answer, kept for undo (null: nothing to keep, as for imported history). */
  cardBefore: string | null;
  /** The id of the sync event that recorded the answer (null or absent: not recorded). */
  uid?: string | null;
}

export interface UndoableRow {
  id: number;
  cardId: number;
  cardBefore: string;
  reviewedAt: number;
  uid: string | null;
}


export function createReviewLogRepo(db: Db) {
  const insert = db.prepare<[number, number, number, number, number, number, number, number, string | null]>(
    `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind, uid)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Rows of merged answers, by their uid (services/sync/apply-cards.ts).
  const syncRows = db.prepare<[number], { id: number; uid: string | null; reviewed_at: number; rating: number; state_before: number; elapsed_days: number; scheduled_days: number; duration_ms: number; kind: number }>(
    'SELECT id, uid, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind FROM review_log WHERE card_id = ?',
  );
  const updateSynced = db.prepare<[number, number, number, number, number, number, number, number]>(
    'UPDATE review_log SET reviewed_at = ?, rating = ?, state_before = ?, elapsed_days = ?, scheduled_days = ?, duration_ms = ?, kind = ? WHERE id = ?',
  );
  const setUid = db.prepare<[string, number]>('UPDATE review_log SET uid = ? WHERE id = ?');
  const insertUndo = db.prepare<[number, string]>('INSERT INTO review_undo (log_id, card_before) VALUES (?, ?)');
  const updateUndo = db.prepare<[string, number]>('UPDATE review_undo SET card_before = ? WHERE log_id = ?');
  // Daily-review (and manual) answers before `since` can no longer be undone; quiz misses stay
  // undoable as long as their quiz answer can be taken back, and are removed with their row.
  const pruneUndo = db.prepare<[number]>(
    `DELETE FROM review_undo WHERE log_id IN
       (SELECT u.log_id FROM review_undo u JOIN review_log r ON r.id = u.log_id WHERE r.reviewed_at < ? AND r.kind <> ${REVIEW_KINDS.quiz})`,
  );
  const remove = db.prepare<[number]>('DELETE FROM review_log WHERE id = ?');
  const byCard = db.prepare<[number], { id: number; reviewed_at: number; rating: number; kind: number; state_before: number; duration_ms: number }>(
    'SELECT id, reviewed_at, rating, kind, state_before, duration_ms FROM review_log WHERE card_id = ? ORDER BY reviewed_at, id',
  );
  const laterForCard = db.prepare<[number, number], { id: number; reviewed_at: number; rating: number; kind: number }>(
    'SELECT id, reviewed_at, rating, kind FROM review_log WHERE card_id = ? AND id > ? ORDER BY id',
  );
  const replayed = db.prepare<[number, number, number, number]>(
    'UPDATE review_log SET state_before = ?, elapsed_days = ?, scheduled_days = ? WHERE id = ?',
  );
  const cardBeforeOf = db.prepare<[number], { card_id: number; kind: number; card_before: string | null; uid: string | null }>(
    'SELECT r.card_id, r.kind, u.card_before, r.uid FROM review_log r LEFT JOIN review_undo u ON u.log_id = r.id WHERE r.id = ?',
  );
  const stmt = createInListStatements(db);
  // Today's rows first (review_log_time), then each row's card by id: CROSS JOIN fixes that order,
  // so the planner never scans all cards whatever its statistics say.

  const studiedPerDeck = db.prepare<[number], { deck_id: number; new_done: number; reviews_done: number }>(
    `SELECT c.deck_id, sum(r.state_before = 0) AS new_done, sum(r.state_before = 2) AS reviews_done
     FROM review_log r CROSS JOIN cards c ON c.id = r.card_id
     WHERE r.reviewed_at >= ? AND r.kind = 0 GROUP BY c.deck_id`,
  );
  return {
    insert(r: ReviewLogInput): number {
      const id = Number(
        insert.run(r.cardId, r.reviewedAt, r.rating, r.stateBefore, r.elapsedDays, r.scheduledDays, r.durationMs, r.kind, r.uid ?? null).lastInsertRowid,
      );
      if (r.cardBefore !== null) insertUndo.run(id, r.cardBefore);
      return id;
    },
    remove(id: number): void {
      remove.run(id);
    },
    forCard(cardId: number) {
      return byCard.all(cardId).map((r) => ({
        id: r.id,
        reviewedAt: r.reviewed_at,
        rating: r.rating,
        kind: r.kind,
        stateBefore: r.state_before,
        durationMs: r.duration_ms,
      }));
    },
    /** The card, kind, card-before and uid of one row (card-before null once no longer kept). */
    cardBeforeOf(id: number): { cardId: number; kind: number; cardBefore: string | null; uid: string | null } | undefined {
      const r = cardBeforeOf.get(id);
      return r ? { cardId: r.card_id, kind: r.kind, cardBefore: r.card_before, uid: r.uid } : undefined;
    },
    /** A card's log rows as sync events carry them, with their local ids (uid null: not recorded yet). */
    syncRowsOf(cardId: number): Array<{ id: number; uid: string | null } & Omit<SyncLogRow, 'uid'>> {
      return syncRows.all(cardId).map((r) => ({
        id: r.id,
        uid: r.uid,
        reviewedAt: r.reviewed_at,
        rating: r.rating,
        stateBefore: r.state_before,
        elapsedDays: r.elapsed_days,
        scheduledDays: r.scheduled_days,
        durationMs: r.duration_ms,
        kind: r.kind,
      }));
    },
    /** Insert a merged answer's row. */
    insertSynced(cardId: number, r: SyncLogRow): number {
      return Number(insert.run(cardId, r.reviewedAt, r.rating, r.stateBefore, r.elapsedDays, r.scheduledDays, r.durationMs, r.kind, r.uid).lastInsertRowid);
    },
    /** Rewrite a merged answer's row (its values were replayed). */
    updateSynced(id: number, r: SyncLogRow): void {
      updateSynced.run(r.reviewedAt, r.rating, r.stateBefore, r.elapsedDays, r.scheduledDays, r.durationMs, r.kind, id);
    },
    /** Mark a row as recorded by sync event `uid`. */
    setUid(id: number, uid: string): void {
      setUid.run(uid, id);
    },
    /** The card's log rows written after row `afterId`, in the order they were answered. */
    laterForCard(cardId: number, afterId: number): Array<{ id: number; reviewedAt: number; rating: number; kind: number }> {
      return laterForCard.all(cardId, afterId).map((r) => ({ id: r.id, reviewedAt: r.reviewed_at, rating: r.rating, kind: r.kind }));
    },
    /** Rewrite what a row recorded of the card when the card was rebuilt from its log (its undo data too, while kept). */
    updateReplayed(id: number, stateBefore: number, elapsedDays: number, scheduledDays: number, cardBefore: string): void {
      replayed.run(stateBefore, elapsedDays, scheduledDays, id);
      updateUndo.run(cardBefore, id);
    },
    /** Drop the undo data of answers before `since` (the start of today) that undo can no longer take back. */
    pruneUndo(since: number): void {
      pruneUndo.run(since);
    },
    /** The latest daily-review answer in these decks since `since` that can still be undone. */
    lastUndoable(deckIds: number[], since: number): UndoableRow | undefined {
      const s = stmt('undo', deckIds.length, (ids) =>
        `SELECT r.id, r.card_id, u.card_before, r.reviewed_at, r.uid
         FROM review_log r CROSS JOIN review_undo u ON u.log_id = r.id CROSS JOIN cards c ON c.id = r.card_id
         WHERE r.reviewed_at >= ? AND r.kind = 0 AND c.deck_id IN (${ids})
         ORDER BY r.id DESC LIMIT 1`,
      );
      const r = s.get(since, ...deckIds) as { id: number; card_id: number; card_before: string; reviewed_at: number; uid: string | null } | undefined;
      return r ? { id: r.id, cardId: r.card_id, cardBefore: r.card_before, reviewedAt: r.reviewed_at, uid: r.uid } : undefined;
    },
    /** Daily-review answers since `since` per deck of the cards: new cards introduced and review cards answered. */
    studiedByDeck(since: number): Map<number, { newDone: number; reviewsDone: number }> {
      const rows = studiedPerDeck.all(since);
      return new Map(rows.map((r) => [r.deck_id, { newDone: r.new_done, reviewsDone: r.reviews_done }]));
    },
    /** Daily-review answers since `since` in these decks: new cards introduced, review cards answered, all answers. */
    studiedSince(deckIds: number[], since: number): { newDone: number; reviewsDone: number; answered: number } {
      const s = stmt('studied', deckIds.length, (ids) =>
        `SELECT coalesce(sum(r.state_before = 0), 0) AS new_done, coalesce(sum(r.state_before = 2), 0) AS reviews_done, count(*) AS answered
         FROM review_log r CROSS JOIN cards c ON c.id = r.card_id
         WHERE r.reviewed_at >= ? AND r.kind = 0 AND c.deck_id IN (${ids})`,
      );
      const r = s.get(since, ...deckIds) as { new_done: number; reviews_done: number; answered: number };
      return { newDone: r.new_done, reviewsDone: r.reviews_done, answered: r.answered };
    },
  };
}
export type ReviewLogRepo = ReturnType<typeof createReviewLogRepo>;
