/**
 * SQL for the statistics screen: aggregate SELECTs over the cards and the review log of the whole
 * collection or a set of decks. Times are grouped per quarter hour (study-day and local-hour
 * boundaries fall on quarter hours), values per whole day or percent point; the services turn
 * the groups into charts (core/stats).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-db';

const QUARTER_HOUR_MS = 900_000;

/** Which cards and answers: `deckIds` null means the whole collection. */
export interface StatsScope {
  deckIds: number[] | null;
  /** Count quiz answers (review_log kind 1) along with reviews and imported history. */
  includeQuiz: boolean;
}

export interface CardCountRow {
  new: number;
  learning: number;
  relearning: number;
  young: number;
  mature: number;
  suspended: number;
  buried: number;
  total: number;
}

export interface ValueRow {
  value: number;
  cards: number;
  sum: number;
}

export interface ActivityRow {
  bucket: number;
  reviews: number;
  passed: number;
  durationMs: number;
}

export interface AnswerRow {
  daysAgo: number;
  stateBefore: number;
  mature: number;
  rating: number;
  answers: number;
}

/** Starts (epoch ms) of the study days 0, 1, 6, 29, 89 and 364 days before today, and of tomorrow. */
export interface AnswerBounds {
  d0: number;
  d1: number;
  d6: number;
  d29: number;
  d89: number;
  d364: number;
  end: number;
}

/** Columns of the memory rows, in order: deck id, state, stability, difficulty, last review. */
export type MemoryRow = [number, number, number, number, number];

const CARD_SQL = {
  counts: `SELECT count(*) AS total,
      coalesce(sum(suspended = 0 AND state = 0), 0) AS new,
      coalesce(sum(suspended = 0 AND state = 1), 0) AS learning,
      coalesce(sum(suspended = 0 AND state = 3), 0) AS relearning,
      coalesce(sum(suspended = 0 AND state = 2 AND scheduled_days < 21), 0) AS young,
      coalesce(sum(suspended = 0 AND state = 2 AND scheduled_days >= 21), 0) AS mature,
      coalesce(sum(suspended = 1), 0) AS suspended,
      coalesce(sum(suspended >= 2), 0) AS buried
    FROM cards WHERE 1 = 1`,
  forecast: `SELECT CASE WHEN due < @from THEN -1 ELSE due / ${QUARTER_HOUR_MS} END AS bucket, count(*) AS cards
    FROM cards WHERE state IN (1, 2, 3) AND suspended = 0 AND due < @to`,
  stability: `SELECT CAST(stability AS INTEGER) AS value, count(*) AS cards, sum(stability) AS sum
    FROM cards WHERE state <> 0 AND stability > 0`,
  difficulty: `SELECT CAST((difficulty - 1) / 9.0 * 100 AS INTEGER) AS value, count(*) AS cards, sum((difficulty - 1) / 9.0 * 100) AS sum
    FROM cards WHERE state <> 0 AND difficulty >= 1`,
  intervals: `SELECT scheduled_days AS value, count(*) AS cards, sum(scheduled_days) AS sum
    FROM cards WHERE state = 2`,
  memory: `SELECT deck_id, state, stability, difficulty, last_review
    FROM cards WHERE state <> 0 AND stability > 0 AND last_review IS NOT NULL`,
} as const;

const GROUP_BY: Partial<Record<keyof typeof CARD_SQL, string>> = {
  forecast: ' GROUP BY bucket',
  stability: ' GROUP BY value',
  difficulty: ' GROUP BY value',
  intervals: ' GROUP BY value',
};

// Young or mature as Anki 24.11 splits true retention: by the interval the answer was given at,
// here the study days since the card's previous answer (the log keeps them with every answer;
// looking up the previous answer's interval instead costs a search per answer and changes the
// split only for cards answered late).
const MATURE_EXPR = '(r.state_before = 2 AND r.elapsed_days >= 21)';

const LOG_SQL = {
  activity: `SELECT r.reviewed_at / ${QUARTER_HOUR_MS} AS bucket, count(*) AS reviews, sum(r.rating > 1) AS passed, sum(r.duration_ms) AS durationMs
    FROM review_log r WHERE r.kind IN (KINDS) SCOPE GROUP BY bucket`,
  answers: `SELECT CASE WHEN r.reviewed_at >= @d0 THEN 0 WHEN r.reviewed_at >= @d1 THEN 1 WHEN r.reviewed_at >= @d6 THEN 6
      WHEN r.reviewed_at >= @d29 THEN 29 WHEN r.reviewed_at >= @d89 THEN 89 ELSE 364 END AS daysAgo,
      r.state_before AS stateBefore, ${MATURE_EXPR} AS mature, r.rating AS rating, count(*) AS answers
    FROM review_log r WHERE r.reviewed_at >= @d364 AND r.reviewed_at < @end AND r.kind IN (KINDS) SCOPE
    GROUP BY daysAgo, stateBefore, mature, rating`,
} as const;

const CARD_SCOPE = ' AND deck_id IN (SELECT value FROM json_each(@decks))';
const LOG_SCOPE = ' AND r.card_id IN (SELECT id FROM cards WHERE deck_id IN (SELECT value FROM json_each(@decks)))';

/** The SQL of each statistic for a scope, exactly as the repo runs it (the benchmark times these bare). */
export function statsSql(scope: StatsScope): { cards: Record<keyof typeof CARD_SQL, string>; log: Record<keyof typeof LOG_SQL, string> } {
  const decks = scope.deckIds !== null;
  const kinds = scope.includeQuiz ? '0, 1, 3' : '0, 3';
  const cards = Object.fromEntries(
    Object.entries(CARD_SQL).map(([k, sql]) => [k, sql + (decks ? CARD_SCOPE : '') + (GROUP_BY[k as keyof typeof CARD_SQL] ?? '')]),
  ) as Record<keyof typeof CARD_SQL, string>;
  const log = Object.fromEntries(
    Object.entries(LOG_SQL).map(([k, sql]) => [k, sql.replace('KINDS', kinds).replace('SCOPE', decks ? LOG_SCOPE : '')]),
  ) as Record<keyof typeof LOG_SQL, string>;
  return { cards, log };
}

export function createStatsRepo(db: Db) {
  const prepared = new Map<string, Statement>();
  const stmt = (sql: string): Statement => {
    let s = prepared.get(sql);
    if (!s) {
      s = db.prepare(sql);
      prepared.set(sql, s);
    }
    return s;
  };
  const params = (scope: StatsScope, extra: Record<string, number> = {}) =>
    scope.deckIds === null ? extra : { ...extra, decks: JSON.stringify(scope.deckIds) };

  return {
    cardCounts(scope: StatsScope): CardCountRow {
      return stmt(statsSql(scope).cards.counts).get(params(scope)) as CardCountRow;
    },
    /** Cards due before `to` per quarter hour; bucket -1 holds those due before `from` (overdue). */
    dueByQuarterHour(scope: StatsScope, from: number, to: number): Array<{ bucket: number; cards: number }> {
      return stmt(statsSql(scope).cards.forecast).all(params(scope, { from, to })) as Array<{ bucket: number; cards: number }>;
    },
    stability(scope: StatsScope): ValueRow[] {
      return stmt(statsSql(scope).cards.stability).all(params(scope)) as ValueRow[];
    },
    /** Difficulty as Anki shows it, 0..100 % of the 1..10 scale. */
    difficulty(scope: StatsScope): ValueRow[] {
      return stmt(statsSql(scope).cards.difficulty).all(params(scope)) as ValueRow[];
    },
    intervals(scope: StatsScope): ValueRow[] {
      return stmt(statsSql(scope).cards.intervals).all(params(scope)) as ValueRow[];
    },
    /** Every answered card's memory state, as raw rows (see MemoryRow). */
    memory(scope: StatsScope): MemoryRow[] {
      return stmt(statsSql(scope).cards.memory).raw(true).all(params(scope)) as MemoryRow[];
    },
    /** Answers, passes and time per quarter hour, all history. */
    activity(scope: StatsScope): ActivityRow[] {
      return stmt(statsSql(scope).log.activity).all(params(scope)) as ActivityRow[];
    },
    /** Answers of the last year grouped by age class, state before, maturity and rating. */
    answers(scope: StatsScope, bounds: AnswerBounds): AnswerRow[] {
      return stmt(statsSql(scope).log.answers).all(params(scope, { ...bounds })) as AnswerRow[];
    },
  };
}
export type StatsRepo = ReturnType<typeof createStatsRepo>;
