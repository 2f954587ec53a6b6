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

/**
 * One card's answers, oldest first, each packed in one number (as the history repo reads them):
 * `answeredAt * 64 + rating * 8 + stateBefore` (epoch ms, rating 1–4, the card's state before
 * the answer), exact below 2^53.
 */
export type TrainingCardLog = readonly number[];

export const packAnswer = (answeredAt: number, rating: number, stateBefore: number): number => answeredAt * 64 + rating * 8 + stateBefore;

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

/** Pack the cards' answers into the history a fit reads. */
export function trainingHistory(cards: Iterable<TrainingCardLog>, dayOf: (epochMs: number) => number): TrainingHistory {
  return joinTrainingHistories([...trainingChunks(cards, dayOf, Infinity)]);
}

/**
 * Pack the cards' answers as `trainingHistory` does, in pieces of whole cards holding at least
 * `chunkAnswers` answers each (the last one fewer), so that a consumer can start on the first
 * cards while the later ones are still read. With `firstChunkAnswers`, the pieces start that small
 * and double up to `chunkAnswers`, so the consumer starts sooner.
 */
export function* trainingChunks(
  cards: Iterable<TrainingCardLog>,
  dayOf: (epochMs: number) => number,
  chunkAnswers: number,
  firstChunkAnswers = chunkAnswers,
): Generator<TrainingHistory> {
  let chunkSize = Math.min(firstChunkAnswers, chunkAnswers);
  // The piece being filled, in arrays grown by doubling (its last card may overrun its size).
  let starts = new Int32Array(256);
  let ratings = new Uint8Array(4096);
  let deltas = new Int32Array(4096);
  let count = 0;
  let kept = 0;
  let reviews = 0;
  const take = (): TrainingHistory => {
    const chunk = { cardStarts: starts.slice(0, count + 1), ratings: ratings.slice(0, kept), deltas: deltas.slice(0, kept), cards: count, reviews };
    count = 0;
    kept = 0;
    reviews = 0;
    return chunk;
  };
  for (const answers of cards) {
    let first = -1;
    for (let i = answers.length - 1; i >= 0; i--) {
      if ((answers[i] as number) % 8 === CardStates.New) {
        first = i;
        break;
      }
    }
    if (first < 0 || answers.length - first < 2) continue;
    if (kept + answers.length - first > ratings.length) {
      const grown = Math.max(ratings.length * 2, kept + answers.length - first);
      ratings = grow(ratings, new Uint8Array(grown));
      deltas = grow(deltas, new Int32Array(grown));
    }
    if (count + 2 > starts.length) starts = grow(starts, new Int32Array(starts.length * 2));
    let prevDay = 0;
    const cardStart = kept;
    for (let i = first; i < answers.length; i++) {
      const packed = answers[i] as number;
      const rating = Math.floor(packed / 8) % 8;
      if (rating < 1 || rating > 4) continue;
      const day = dayOf(Math.floor(packed / 64));
      const delta = kept === cardStart ? 0 : Math.max(0, day - prevDay);
      if (delta > 0) reviews++;
      ratings[kept] = rating;
      deltas[kept] = delta;
      prevDay = day;
      kept++;
    }
    starts[++count] = kept;
    if (kept >= chunkSize) {
      chunkSize = Math.min(chunkSize * 2, chunkAnswers);
      yield take();
    }
  }
  if (count > 0) yield take();
}

function grow<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** One history from consecutive pieces (see `trainingChunks`). */
export function joinTrainingHistories(chunks: readonly TrainingHistory[]): TrainingHistory {
  if (chunks.length === 1) return chunks[0] as TrainingHistory;
  const answers = chunks.reduce((n, c) => n + c.ratings.length, 0);
  const cards = chunks.reduce((n, c) => n + c.cards, 0);
  const out: TrainingHistory = {
    cardStarts: new Int32Array(cards + 1),
    ratings: new Uint8Array(answers),
    deltas: new Int32Array(answers),
    cards,
    reviews: chunks.reduce((n, c) => n + c.reviews, 0),
  };
  let card = 0;
  let at = 0;
  for (const c of chunks) {
    for (let i = 1; i <= c.cards; i++) out.cardStarts[card + i] = at + (c.cardStarts[i] as number);
    out.ratings.set(c.ratings, at);
    out.deltas.set(c.deltas, at);
    card += c.cards;
    at += c.ratings.length;
  }
  return out;
}
