/**
 * The review history an FSRS fit learns from, by the rule Anki applies when it optimizes
 * (rslib `reviews_for_fsrs` in training mode): each card's answers from the first answer of its
 * last learning run (the answer given while it was new) onwards; a card whose history does not
 * reach back to that answer is left out. The days between answers are whole study days. Every
 * answer after the first that comes on a later study day than the one before it is a training
 * review (an FSRS item: the answers up to and including it). Pure: the study day of an instant
 * comes from the caller.
 */
import { CardStates } from './scheduler';

/** One review-log row, in card order and then time order: card id, answered at (epoch ms), rating 1–4, card state before the answer. */
export type TrainingLogRow = readonly [cardId: number, reviewedAt: number, rating: number, stateBefore: number];

/**
 * The kept answers of every card, packed for a worker thread: card `i`'s answers are
 * `ratings[cardStarts[i] .. cardStarts[i + 1])` with the study days since the answer before
 * (`deltas`, 0 for a card's first answer).
 */
export interface TrainingHistory {
  cardStarts: Int32Array;
  ratings: Uint8Array;
  deltas: Int32Array;
  cards: number;
  /** Training reviews (FSRS items): answers after a card's first on a later study day. */
  reviews: number;
}

/** Pack the rows (ordered by card, then time) into the history a fit reads. */
export function trainingHistory(rows: Iterable<TrainingLogRow>, dayOf: (epochMs: number) => number): TrainingHistory {
  const starts: number[] = [0];
  const ratings: number[] = [];
  const deltas: number[] = [];
  let reviews = 0;
  let card: TrainingLogRow[] = [];
  const flush = (): void => {
    let first = -1;
    for (let i = card.length - 1; i >= 0; i--) {
      if ((card[i] as TrainingLogRow)[3] === CardStates.New) {
        first = i;
        break;
      }
    }
    if (first < 0 || card.length - first < 2) return;
    let prevDay = dayOf((card[first] as TrainingLogRow)[1]);
    let kept = 0;
    for (let i = first; i < card.length; i++) {
      const [, reviewedAt, rating] = card[i] as TrainingLogRow;
      if (rating < 1 || rating > 4) continue;
      const day = dayOf(reviewedAt);
      const delta = kept === 0 ? 0 : Math.max(0, day - prevDay);
      if (kept > 0 && delta > 0) reviews++;
      ratings.push(rating);
      deltas.push(delta);
      prevDay = day;
      kept++;
    }
    starts.push(ratings.length);
  };
  let current: number | undefined;
  for (const r of rows) {
    if (r[0] !== current) {
      flush();
      card = [];
      current = r[0];
    }
    card.push(r);
  }
  flush();
  return {
    cardStarts: Int32Array.from(starts),
    ratings: Uint8Array.from(ratings),
    deltas: Int32Array.from(deltas),
    cards: starts.length - 1,
    reviews,
  };
}
