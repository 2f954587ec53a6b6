/**
 * Which part of an Anki card's review log counts for its FSRS memory state, by the rule Anki
 * itself applies (rslib, `reviews_for_fsrs`): walk the log from the newest entry back; the history
 * starts at the first answer of the last run of learning answers, and is then complete; with no
 * learning answers (a log cut short by an export or a "forget" that left no trace), it starts at
 * the oldest interday answer and is incomplete, so the caller seeds it from SM-2 data. A reset
 * (Forget) ends the walk. Cram answers in a filtered deck that does not reschedule, and entries
 * without an answer (manual rescheduling, resets), never count.
 */

/** revlog.type */
export const AnkiReviewKinds = { Learning: 0, Review: 1, Relearning: 2, Filtered: 3, Manual: 4, Rescheduled: 5 } as const;

/** The revlog columns the rule reads. */
export interface AnkiRevlogEntry {
  /** revlog.id: epoch ms of the answer. */
  id: number;
  /** 0 for entries that are not answers, else 1 Again … 4 Easy. */
  ease: number;
  /** Interval given: days when positive, seconds when negative. */
  ivl: number;
  /** Ease factor in permille (2500 = 2.5); 0 on resets and cram answers; ≤ 1100 when FSRS wrote it. */
  factor: number;
  /** revlog.type */
  type: number;
  /** Answer time, ms. */
  time: number;
}

export interface AnkiFsrsHistory {
  /** The answers that count, oldest first. */
  entries: AnkiRevlogEntry[];
  /** False when the history does not reach back to the card's first learning answer. */
  complete: boolean;
}

const isCramming = (e: AnkiRevlogEntry): boolean => e.type === AnkiReviewKinds.Filtered && e.factor === 0;
const isReset = (e: AnkiRevlogEntry): boolean => e.type === AnkiReviewKinds.Manual && e.factor === 0;
const isAnswer = (e: AnkiRevlogEntry): boolean => e.ease >= 1 && e.ease <= 4;

/**
 * The answers of one card that count for FSRS, given the card's whole log in time order; undefined
 * when none do (a card reset and not answered since, or a log of non-answers only).
 */
export function ankiFsrsHistory(log: readonly AnkiRevlogEntry[]): AnkiFsrsHistory | undefined {
  let firstOfLastLearning: number | undefined;
  let firstInterdayAnswer: number | undefined;
  let complete = false;
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i] as AnkiRevlogEntry;
    if (isCramming(e)) continue;
    const answered = isAnswer(e);
    if (answered && (e.ivl >= 1 || e.ivl <= -86_400)) firstInterdayAnswer = i;
    if (answered && e.type === AnkiReviewKinds.Learning) {
      firstOfLastLearning = i;
      complete = true;
    } else if (isReset(e)) {
      if (firstOfLastLearning !== undefined) break;
      if (firstInterdayAnswer === undefined) return undefined;
      complete = false;
      break;
    } else if (firstOfLastLearning !== undefined) {
      break;
    }
  }
  const start = firstOfLastLearning ?? firstInterdayAnswer;
  if (start === undefined) return undefined;
  const entries = log.slice(start).filter((e) => isAnswer(e) && !isCramming(e));
  return entries.length > 0 ? { entries, complete } : undefined;
}
