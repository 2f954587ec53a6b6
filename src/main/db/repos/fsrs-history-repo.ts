/**
 * SQL for fitting FSRS parameters: the review log of the cards in a preset's decks, one row per
 * card in card order (read through the review_log (card_id, reviewed_at) index), its answers
 * oldest first as one JSON array of packed numbers (see `TrainingCardLog`): one row and one parse
 * per card instead of one row per answer. Quiz answers (kind 1) only when asked; answers without
 * a grade the user gave (manual) never. The index hands each card's answers over oldest first, so
 * their order is only checked here, and they are sorted in the rare case it is not (SQLite
 * promises no order inside an aggregate, and asking for one costs a sort per card).
 */
import { REVIEW_KINDS } from '../../../shared/enums';
import type { TrainingCardLog } from '../../core/fsrs-training';
import type { Db } from '../open-db';

/** Whether packed answers are oldest first (the order the (card_id, reviewed_at) index gives them). */
function inOrder(answers: readonly number[]): boolean {
  for (let i = 1; i < answers.length; i++) if ((answers[i] as number) < (answers[i - 1] as number)) return false;
  return true;
}

export function createFsrsHistoryRepo(db: Db) {
  const kinds = (includeQuiz: boolean): string =>
    (includeQuiz ? [REVIEW_KINDS.review, REVIEW_KINDS.imported, REVIEW_KINDS.quiz] : [REVIEW_KINDS.review, REVIEW_KINDS.imported]).join(', ');
  const answers = 'json_group_array(r.reviewed_at * 64 + r.rating * 8 + r.state_before)';
  const inPreset = (includeQuiz: boolean) =>
    db
      .prepare<[number], string>(
        `SELECT ${answers}
         FROM review_log r JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
         WHERE d.preset_id = ? AND r.kind IN (${kinds(includeQuiz)})
         GROUP BY r.card_id ORDER BY r.card_id`,
      )
      .pluck();
  // Every card belongs to a deck (a foreign key): when every deck uses the preset, its log is every card's log.
  const whole = (includeQuiz: boolean) =>
    db
      .prepare<[], string>(
        `SELECT ${answers} FROM review_log r JOIN cards c ON c.id = r.card_id
         WHERE r.kind IN (${kinds(includeQuiz)}) GROUP BY r.card_id ORDER BY r.card_id`,
      )
      .pluck();
  const byPreset = { withoutQuiz: inPreset(false), withQuiz: inPreset(true) };
  const wholeLog = { withoutQuiz: whole(false), withQuiz: whole(true) };
  const otherPresets = db.prepare<[number], number>('SELECT EXISTS (SELECT 1 FROM decks WHERE preset_id <> ?)').pluck();

  return {
    /** The answers of every card in the preset's decks, card by card, oldest first. */
    *presetLog(presetId: number, includeQuiz: boolean): Generator<TrainingCardLog> {
      const q = includeQuiz ? 'withQuiz' : 'withoutQuiz';
      const rows = otherPresets.get(presetId) ? byPreset[q].iterate(presetId) : wholeLog[q].iterate();
      for (const json of rows) {
        const log = JSON.parse(json) as number[];
        yield inOrder(log) ? log : log.sort((a, b) => a - b);
      }
    },
  };
}
