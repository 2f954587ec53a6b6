/**
 * SQL for the interview planner: the active plan, the cards of a plan's scope (decks with their
 * subdecks, and/or topic tags, compared without case as Anki does), the user's own answer times,
 * and quiz points per topic. Lists of ids and tags are passed as JSON arrays, so each statement is
 * prepared once whatever their length.
 */
import type { Db } from '../open-db';

export interface PlanRow {
  id: number;
  interviewDate: string;
  minutesPerDay: number;
  /** JSON text: the scope as saved. */
  scope: string;
  /** JSON text: the plan as computed when it was started. */
  snapshot: string;
  createdAt: number;
}

/** Which cards: decks (ids already expanded to their subdecks) and tags; null deckIds and no tags mean every card. */
export interface CardScope {
  deckIds: readonly number[] | null;
  tags: readonly string[];
}

/** Columns of a scope card row, in order: card id, deck id, state, stability, difficulty, last review, due, tag (null without tags). */
export type ScopeCardRow = [number, number, number, number, number, number | null, number, string | null];

/** Columns of a readiness row: the tag (null for all the cards), cards, cards studied, sum of retrievability on the day. */
export type ReadinessSumRow = [string | null, number, number, number];

/** Columns of a quiz answer row: the question's tags (JSON) and the points scored (0..1). */
export type QuizPointsRow = [string, number];

/**
 * The scope as SQL over `c` (cards) with parameters @decks (JSON ids or null) and @tags (JSON tags):
 * a card is in scope when its deck is listed or its note has one of the tags; with neither, every card.
 */
const IN_SCOPE = `(
  (@decks IS NULL AND @tags = '[]')
  OR (@decks IS NOT NULL AND c.deck_id IN (SELECT value FROM json_each(@decks)))
  OR c.note_id IN (SELECT note_id FROM note_tags WHERE tag COLLATE NOCASE IN (SELECT value FROM json_each(@tags))))`;

/** Cards a plan counts: not suspended by the user (a removed built-in note's cards are suspended too). */
const LIVE = 'c.suspended <> 1';

const params = (scope: CardScope) => ({ decks: scope.deckIds === null ? null : JSON.stringify(scope.deckIds), tags: JSON.stringify(scope.tags) });

export function createPlanRepo(db: Db) {
  const active = db.prepare<[], { id: number; interview_date: string; minutes_per_day: number; scope: string; snapshot: string; created_at: number }>(
    'SELECT id, interview_date, minutes_per_day, scope, snapshot, created_at FROM interview_plans WHERE stopped_at IS NULL',
  );
  const stop = db.prepare<[number]>('UPDATE interview_plans SET stopped_at = ? WHERE stopped_at IS NULL');
  const insert = db.prepare<[string, number, string, string, number]>(
    'INSERT INTO interview_plans (interview_date, minutes_per_day, scope, snapshot, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  // One row per (card, tag); a card without tags gives one row with a null tag. Ordered by card so a card's rows are together.
  // The whole collection and decks alone (readiness, the simulator) skip the general scope test.
  const cardsWhere = (where: string) =>
    db
      .prepare(
        `SELECT c.id, c.deck_id, c.state, c.stability, c.difficulty, c.last_review, c.due, t.tag
         FROM cards c LEFT JOIN note_tags t ON t.note_id = c.note_id
         WHERE ${LIVE} AND ${where}
         ORDER BY c.id`,
      )
      .raw(true);
  const cards = { all: cardsWhere('1 = 1'), decks: cardsWhere('c.deck_id IN (SELECT value FROM json_each(@decks))'), scope: cardsWhere(IN_SCOPE) };
  const reviewTimes = db.prepare<[], { ms: number }>(
    'SELECT duration_ms AS ms FROM review_log WHERE kind = 0 AND state_before = 2 AND duration_ms > 0 ORDER BY id DESC LIMIT 2000',
  );
  // A new card's time: its answers on the day it was first shown (the learning steps included).
  const newCardTimes = db.prepare<[], { ms: number }>(
    `SELECT (SELECT sum(r.duration_ms) FROM review_log r
             WHERE r.card_id = f.card_id AND r.kind = 0 AND r.state_before IN (0, 1)
               AND r.reviewed_at >= f.reviewed_at AND r.reviewed_at < f.reviewed_at + 86400000) AS ms
     FROM (SELECT card_id, reviewed_at FROM review_log WHERE kind = 0 AND state_before = 0 AND duration_ms > 0 ORDER BY id DESC LIMIT 1000) f`,
  );
  const newSince = db.prepare(
    `SELECT count(DISTINCT r.card_id) AS n FROM review_log r CROSS JOIN cards c ON c.id = r.card_id
     WHERE r.reviewed_at >= @since AND r.kind = 0 AND r.state_before = 0 AND ${IN_SCOPE}`,
  );
  const quizPoints = db
    .prepare(
      `SELECT q.tags, a.points FROM quiz_answers a
       JOIN quiz_questions q ON q.attempt_id = a.attempt_id AND q.position = a.position
       JOIN cards c ON c.id = q.card_id
       WHERE a.answered_at >= @since AND (@decks IS NULL OR c.deck_id IN (SELECT value FROM json_each(@decks)))`,
    )
    .raw(true);
  // Readiness summed in SQL, so a whole collection's cards never cross into JavaScript one by one:
  // the retrievability of each studied card on the day comes from `recallOf`, set for each call.
  let recallOf: (lastReview: number, stability: number) => number = () => 0;
  db.function('retain_plan_recall', { deterministic: false }, (lastReview, stability) => recallOf(Number(lastReview), Number(stability)));
  const STUDIED = 'c.state <> 0 AND c.last_review IS NOT NULL AND c.stability > 0';
  const IN_DECKS = '(@decks IS NULL OR c.deck_id IN (SELECT value FROM json_each(@decks)))';
  const readinessSums = db
    .prepare(
      `WITH r AS MATERIALIZED (
         SELECT c.note_id AS note_id, (${STUDIED}) AS studied,
                CASE WHEN ${STUDIED} THEN retain_plan_recall(c.last_review, c.stability) ELSE 0 END AS recall
         FROM cards c WHERE ${LIVE} AND ${IN_DECKS})
       SELECT t.tag, count(*), sum(r.studied), sum(r.recall) FROM r JOIN note_tags t ON t.note_id = r.note_id GROUP BY t.tag COLLATE NOCASE
       UNION ALL
       SELECT NULL, count(*), coalesce(sum(studied), 0), coalesce(sum(recall), 0) FROM r`,
    )
    .raw(true);
  const deckCounts = db.prepare(`SELECT c.deck_id, count(*) FROM cards c WHERE ${LIVE} AND ${IN_DECKS} GROUP BY c.deck_id`).raw(true);
  const noteHasTag = db.prepare<[number, string], { one: number }>(
    'SELECT 1 AS one FROM note_tags WHERE note_id = ? AND tag COLLATE NOCASE IN (SELECT value FROM json_each(?)) LIMIT 1',
  );

  return {
    /** The plan being followed, if any. */
    active(): PlanRow | undefined {
      const r = active.get();
      return r && { id: r.id, interviewDate: r.interview_date, minutesPerDay: r.minutes_per_day, scope: r.scope, snapshot: r.snapshot, createdAt: r.created_at };
    },
    /** Stop the active plan (if any) and start this one. Call inside a transaction. */
    start(plan: Omit<PlanRow, 'id'>): number {
      stop.run(plan.createdAt);
      return Number(insert.run(plan.interviewDate, plan.minutesPerDay, plan.scope, plan.snapshot, plan.createdAt).lastInsertRowid);
    },
    /** Stop following the active plan; false when there was none. */
    stop(now: number): boolean {
      return stop.run(now).changes > 0;
    },
    /** The scope's cards, one row per (card, tag). */
    scopeCards(scope: CardScope): ScopeCardRow[] {
      if (scope.tags.length > 0) return cards.scope.all(params(scope)) as ScopeCardRow[];
      return (scope.deckIds === null ? cards.all.all() : cards.decks.all({ decks: JSON.stringify(scope.deckIds) })) as ScopeCardRow[];
    },
    /** Recent answer times in ms: reviews of review cards, and new cards' first days. */
    answerTimes(): { reviews: number[]; newCards: number[] } {
      return { reviews: reviewTimes.all().map((r) => r.ms), newCards: newCardTimes.all().map((r) => r.ms) };
    },
    /** New cards of the scope first answered (daily review) since `since`. */
    newIntroducedSince(scope: CardScope, since: number): number {
      return (newSince.get({ ...params(scope), since }) as { n: number }).n;
    },
    /** Quiz answers since `since` on cards of these decks (null: every deck): the question's tags and its points. */
    quizPoints(deckIds: readonly number[] | null, since: number): QuizPointsRow[] {
      return quizPoints.all({ decks: deckIds === null ? null : JSON.stringify(deckIds), since }) as QuizPointsRow[];
    },
    /** Live cards per deck of these decks (null: every deck). */
    deckCardCounts(deckIds: readonly number[] | null): Map<number, number> {
      const rows = deckCounts.all({ decks: deckIds === null ? null : JSON.stringify(deckIds) }) as [number, number][];
      return new Map(rows);
    },
    /**
     * Per topic tag (one spelling of each, compared without case) and for all the cards (tag null):
     * cards, cards studied, and the sum of `recall` (a studied card's retrievability on the day).
     */
    readinessSums(deckIds: readonly number[] | null, recall: (lastReview: number, stability: number) => number): ReadinessSumRow[] {
      recallOf = recall;
      try {
        return readinessSums.all({ decks: deckIds === null ? null : JSON.stringify(deckIds) }) as ReadinessSumRow[];
      } finally {
        recallOf = () => 0;
      }
    },
    /** Whether the note has one of the tags (without case). */
    noteHasTag(noteId: number, tags: readonly string[]): boolean {
      return noteHasTag.get(noteId, JSON.stringify(tags)) !== undefined;
    },
  };
}
export type PlanRepo = ReturnType<typeof createPlanRepo>;
