/**
 * SQL for the statistics screen: one scan of the scope's cards and one of its review log (card by
 * card, oldest first, through the covering card-order index), each row handed to JavaScript
 * through an aggregate function, where core/stats counts and groups them. Calls from SQLite into
 * JavaScript cost per argument, so small values travel packed into one number.
 */
import type { Statement } from 'better-sqlite3';
import type { CardVisitor } from '../../core/stats/card-pass';
import type { LogRowVisitor } from '../../core/stats/log-pass';
import { MATURE_DAYS } from '../../core/stats/true-retention';
import type { Db } from '../open-db';

const QUARTER_HOUR_MS = 900_000;
const DAYS_MAX = 131_071;

/** Which cards and answers: `deckIds` null means the whole collection. */
export interface StatsScope {
  deckIds: number[] | null;
  /** Count quiz answers (review_log kind 1) along with reviews and imported history. */
  includeQuiz: boolean;
}

/** Every card of the scope: packed = state + 4 × suspended + 16 × interval in days. */
const CARD_PASS_SQL = `SELECT stats_visit_card(state + 4 * suspended + 16 * min(max(scheduled_days, 0), ${DAYS_MAX}), due, stability, difficulty,
    coalesce(last_review, -1), deck_id)
  FROM cards`;

/**
 * Every review-log row of the scope, card by card and oldest first (the card-order index covers
 * every column read, so this is one scan of it), fed to a JavaScript aggregate that visits them.
 * Each call from SQLite into JavaScript costs per argument, so the small values travel packed in
 * one number: quarter hour × 512 + kind + 4 × rating + 32 × state before + 128 × (elapsed days
 * ≥ 21) + 256 × (interval set ≥ 21). The calibration's variant adds each card's deck (its preset).
 */
const PACKED = `(r.reviewed_at / ${QUARTER_HOUR_MS}) * 512 + r.kind + 4 * r.rating + 32 * r.state_before
  + 128 * (r.elapsed_days >= ${MATURE_DAYS}) + 256 * (r.scheduled_days >= ${MATURE_DAYS})`;
const LOG_PASS_SQL = `SELECT VISIT FROM (SELECT r.card_id, ${PACKED} AS packed, r.duration_ms, DECK AS deck_id
  FROM review_log r JOIN_SCOPE ORDER BY r.card_id, r.reviewed_at)`;

const CARD_SCOPE = ' WHERE deck_id IN (SELECT value FROM json_each(@decks))';
const LOG_SCOPE = ' WHERE r.card_id IN (SELECT id FROM cards WHERE deck_id IN (SELECT value FROM json_each(@decks)))';
const LOG_DECK_SCOPE = ' WHERE c.deck_id IN (SELECT value FROM json_each(@decks))';

/** The log pass's SQL for a scope; `withDeck` joins each answer's card for its deck (else deck 0). */
export function logPassSql(scope: StatsScope, withDeck: boolean): string {
  const decks = scope.deckIds !== null;
  const join = withDeck ? ' JOIN cards c ON c.id = r.card_id' + (decks ? LOG_DECK_SCOPE : '') : decks ? LOG_SCOPE : '';
  return LOG_PASS_SQL.replace('VISIT', withDeck ? 'stats_visit_log_deck(card_id, packed, duration_ms, deck_id)' : 'stats_visit_log(card_id, packed, duration_ms)')
    .replace('DECK', withDeck ? 'c.deck_id' : '0')
    .replace('JOIN_SCOPE', join);
}

/** One review-log row with its card's deck, as `visitLog` hands them over. */
export type LogVisitor = (...row: [...Parameters<LogRowVisitor>, deckId: number]) => void;

/** Connections whose statistics functions are registered: a second repo would take them over from the first. */
const registered = new WeakSet<Db>();

export function createStatsRepo(db: Db) {
  if (registered.has(db)) throw new Error('statistics: this connection already has a stats repo');
  registered.add(db);
  const prepared = new Map<string, Statement>();
  const stmt = (sql: string): Statement => {
    let s = prepared.get(sql);
    if (!s) {
      s = db.prepare(sql);
      prepared.set(sql, s);
    }
    return s;
  };
  let visitor: LogVisitor | null = null;
  let lastCard = -1;
  let lastQuarter = -1;
  function visitRow(cardId: number, packed: number, ms: number, deck: number): void {
    const quarter = Math.floor(packed / 512);
    if (cardId < lastCard || (cardId === lastCard && quarter < lastQuarter)) throw new Error('statistics: the review log was not read in card and time order');
    lastCard = cardId;
    lastQuarter = quarter;
    const low = packed - quarter * 512;
    visitor?.(cardId, quarter, low & 3, (low >> 2) & 7, (low >> 5) & 3, (low >> 7) & 1, low >> 8, ms, deck);
  }
  // Explicit parameters: better-sqlite3 takes an aggregate's argument count from them.
  const step3 = (total: number, cardId: number, packed: number, ms: number) => {
    visitRow(cardId, packed, ms, 0);
    return total;
  };
  const step4 = (total: number, cardId: number, packed: number, ms: number, deck: number) => {
    visitRow(cardId, packed, ms, deck);
    return total;
  };
  type Step = (total: number, next: number) => number;
  db.aggregate('stats_visit_log', { start: 0, step: step3 as unknown as Step });
  db.aggregate('stats_visit_log_deck', { start: 0, step: step4 as unknown as Step });
  let cardVisitor: CardVisitor | null = null;
  const cardStep = (total: number, packed: number, due: number, stability: number, difficulty: number, lastReview: number, deck: number) => {
    const interval = Math.floor(packed / 16);
    const low = packed - interval * 16;
    cardVisitor?.(low & 3, low >> 2, interval, due, stability, difficulty, lastReview, deck);
    return total;
  };
  db.aggregate('stats_visit_card', { start: 0, step: cardStep as unknown as Step });
  // Two subqueries, so each of min and max reads one end of the time index.
  const span = db.prepare(
    `SELECT (SELECT min(reviewed_at) FROM review_log) / ${QUARTER_HOUR_MS} AS first, (SELECT max(reviewed_at) FROM review_log) / ${QUARTER_HOUR_MS} AS last`,
  );
  const params = (scope: StatsScope, extra: Record<string, number> = {}) =>
    scope.deckIds === null ? extra : { ...extra, decks: JSON.stringify(scope.deckIds) };

  return {
    /** Visit every card of the scope once (see CardVisitor). */
    visitCards(scope: StatsScope, visit: CardVisitor): void {
      cardVisitor = visit;
      try {
        stmt(CARD_PASS_SQL + (scope.deckIds === null ? '' : CARD_SCOPE)).get(params(scope));
      } finally {
        cardVisitor = null;
      }
    },
    /** The first and last quarter hour (see LogRowVisitor) with an answer in the log; 0 and -1 when it is empty. */
    logSpan(): { first: number; last: number } {
      const r = span.get() as { first: number | null; last: number | null };
      return r.first === null || r.last === null ? { first: 0, last: -1 } : { first: r.first, last: r.last };
    },
    /**
     * Visit every answer of the scope's cards (all kinds), card by card and oldest first, in one
     * scan. Throws rather than give figures from rows out of that order.
     */
    visitLog(scope: StatsScope, withDeck: boolean, visit: LogVisitor): void {
      visitor = visit;
      lastCard = -1;
      lastQuarter = -1;
      try {
        stmt(logPassSql(scope, withDeck)).get(params(scope));
      } finally {
        visitor = null;
      }
    },
  };
}
export type StatsRepo = ReturnType<typeof createStatsRepo>;
