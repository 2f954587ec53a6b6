/** A card's memory and schedule as the card info shows it (review and the browser's preview). */
import type { CardInfo } from '../../shared/api/review-contract';
import { CardStates, type CardState, type Scheduler } from './scheduler';

export function cardInfo(card: CardState, now: number, scheduler: Scheduler): CardInfo {
  const answered = card.state !== CardStates.New && card.lastReview !== null;
  return {
    retrievability: scheduler.retrievability(card, now),
    stability: answered ? card.stability : null,
    difficulty: answered ? card.difficulty : null,
    due: card.due,
    lastReview: card.lastReview,
    reps: card.reps,
    lapses: card.lapses,
  };
}
