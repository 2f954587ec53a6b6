/**
 * SQL for fitting FSRS parameters: the review log of the cards in a preset's decks, one row per
 * card in card order (read through the review_log (card_id, reviewed_at) index), its answers
 * oldest first as one JSON array of packed numbers (see `TrainingCardLog`): one row and one parse
 * per card instead of one row per answer. Quiz answers (kind 1) only when asked; answers without
 * a grade the user gave (manual) never.
 */
import { REVIEW_KINDS } from '../../../shared/enums';
import type { TrainingCardLog } from '../../core/fsrs-training';
import type { Db } from '../open-db';

export function createFsrsHistoryRepo(db: Db) {
  const sql = (kinds: number[]): string =>
    `SELECT json_group_array(r.reviewed_at * 64 + r.rating * 8 + r.state_before ORDER BY r.reviewed_at)
     FROM review_log r JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
     WHERE d.preset_id = ? AND r.kind IN (${kinds.join(', ')})
     GROUP BY r.card_id ORDER BY r.card_id`;
  const withoutQuiz = db.prepare<[number], string>(sql([REVIEW_KINDS.review, REVIEW_KINDS.imported])).pluck();
  const withQuiz = db.prepare<[number], string>(sql([REVIEW_KINDS.review, REVIEW_KINDS.imported, REVIEW_KINDS.quiz])).pluck();

  return {
    /** The answers of every card in the preset's decks, card by card, oldest first. */
    *presetLog(presetId: number, includeQuiz: boolean): Generator<TrainingCardLog> {
      for (const answers of (includeQuiz ? withQuiz : withoutQuiz).iterate(presetId)) yield JSON.parse(answers) as number[];
    },
  };
}
