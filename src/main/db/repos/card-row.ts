/** A card row as stored (RawCard) and as the app reads it (CardRow): the one row mapper of cards. */
import type { CardState, CardStateCode } from '../../core/scheduler';

export interface CardRow extends CardState {
  id: number;
  noteId: number;
  deckId: number;
  ord: number;
  suspended: boolean;
}

export interface RawCard {
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
