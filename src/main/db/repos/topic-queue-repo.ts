/**
 * SQL for a review session on one topic: the due cards of a deck (with its subdecks) whose note
 * has a tag, or one of its child tags ("aws" takes "aws::ec2"), compared without case as Anki does.
 */
import type { Db } from '../open-db';
import { CARD_COLUMNS, toCard, type CardRow, type RawCard } from './card-row';

const TAGGED = `c.note_id IN (
    SELECT note_id FROM note_tags WHERE tag = @tag COLLATE NOCASE
    UNION ALL SELECT note_id FROM note_tags WHERE tag >= @tag || '::' COLLATE NOCASE AND tag < @tag || ':;' COLLATE NOCASE)`;
const IN_DECKS = 'c.deck_id IN (SELECT value FROM json_each(@decks)) AND c.suspended = 0';

export interface TopicCounts {
  learning: number;
  reviews: number;
  firstLearningDue: number | null;
  dueTomorrow: number;
}

export function createTopicQueueRepo(db: Db) {
  const columns = CARD_COLUMNS.split(', ')
    .map((c) => `c.${c}`)
    .join(', ');
  // Learning cards due now, then reviews due today, then learning cards within the learn-ahead window.
  const next = db.prepare<{ decks: string; tag: string; now: number; ahead: number; end: number; limit: number }, RawCard>(
    `SELECT ${columns} FROM cards c
     WHERE ${IN_DECKS} AND ${TAGGED}
       AND ((c.state = 2 AND c.due < @end) OR (c.state IN (1, 3) AND c.due < @ahead))
     ORDER BY CASE WHEN c.state IN (1, 3) AND c.due <= @now THEN 0 WHEN c.state = 2 THEN 1 ELSE 2 END, c.due, c.id
     LIMIT @limit`,
  );
  const counts = db.prepare<{ decks: string; tag: string; end: number; tomorrow: number }, { learning: number; reviews: number; first: number | null; tomorrow: number }>(
    `SELECT coalesce(sum(c.state IN (1, 3) AND c.due < @end), 0) AS learning,
            coalesce(sum(c.state = 2 AND c.due < @end), 0) AS reviews,
            min(CASE WHEN c.state IN (1, 3) AND c.due < @end THEN c.due END) AS first,
            coalesce(sum(c.due >= @end AND c.due < @tomorrow), 0) AS tomorrow
     FROM cards c WHERE ${IN_DECKS} AND ${TAGGED} AND c.state IN (1, 2, 3) AND c.due < @tomorrow`,
  );
  return {
    /** Up to `limit` due cards of the topic in queue order; learning cards only up to `ahead`. */
    next(deckIds: readonly number[], tag: string, now: number, ahead: number, end: number, limit: number): CardRow[] {
      return next.all({ decks: JSON.stringify(deckIds), tag, now, ahead, end, limit }).map(toCard);
    },
    /** The topic's (re)learning and review cards due before `end`, its first learning card's due time, and the cards due in [end, tomorrow). */
    counts(deckIds: readonly number[], tag: string, end: number, tomorrow: number): TopicCounts {
      const r = counts.get({ decks: JSON.stringify(deckIds), tag, end, tomorrow })!;
      return { learning: r.learning, reviews: r.reviews, firstLearningDue: r.first, dueTomorrow: r.tomorrow };
    },
  };
}
export type TopicQueueRepo = ReturnType<typeof createTopicQueueRepo>;
