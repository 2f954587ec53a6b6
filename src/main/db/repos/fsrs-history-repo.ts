/**
 * SQL for fitting FSRS parameters: the review log of the cards in a preset's decks, in card order
 * and then time order (read through the review_log (card_id, reviewed_at) index, with no sort).
 * Quiz answers (kind 1) only when asked; answers without a grade the user gave (manual) never.
 */
import { REVIEW_KINDS } from '../../../shared/enums';
import type { TrainingLogRow } from '../../core/fsrs-training';
import type { Db } from '../open-db';

export function createFsrsHistoryRepo(db: Db) {
  const sql = (kinds: number[]): string =>
    `SELECT r.card_id, r.reviewed_at, r.rating, r.state_before
     FROM review_log r JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
     WHERE d.preset_id = ? AND r.kind IN (${kinds.join(', ')})
     ORDER BY r.card_id, r.reviewed_at`;
  const withoutQuiz = db.prepare<[number], TrainingLogRow>(sql([REVIEW_KINDS.review, REVIEW_KINDS.imported])).raw();
  const withQuiz = db
    .prepare<[number], TrainingLogRow>(sql([REVIEW_KINDS.review, REVIEW_KINDS.imported, REVIEW_KINDS.quiz]))
    .raw();

  return {
    /** The answers of every card in the preset's decks, card by card, oldest first. */
    presetLog(presetId: number, includeQuiz: boolean): IterableIterator<TrainingLogRow> {
      return (includeQuiz ? withQuiz : withoutQuiz).iterate(presetId);
    },
  };
}
