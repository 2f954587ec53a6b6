/**
 * The review log's statistics in one pass over each card's answers in time order: answers, passes
 * and time per quarter hour (all history), and the last year's answers grouped for true retention
 * and the answer buttons. An answer is mature, as Anki counts it, when the interval the card had
 * before it (the interval the card's previous answer set) was 21 days or more; a card's first
 * logged answer has no previous one, and goes by the days that had passed instead. Every kind of
 * answer sets the interval the next one is judged by, counted or not. The pass is fed each row's
 * two 21-day tests (MATURE_DAYS) already made, so it runs as one scan with few values per row.
 */
import { REVIEW_KINDS } from '../../../shared/enums';
import { QUARTER_HOUR_MS, type QuarterHourActivity } from './activity';
import type { AnswerGroup } from './true-retention';

/** Starts (epoch ms) of the study days 0, 1, 6, 29, 89 and 364 days before today, and of tomorrow. */
export interface AnswerBounds {
  d0: number;
  d1: number;
  d6: number;
  d29: number;
  d89: number;
  d364: number;
  end: number;
}

/**
 * One review-log row, as the pass is fed them: card by card, oldest first. Times are quarter
 * hours (epoch ms / QUARTER_HOUR_MS: every study-day and local-hour boundary falls on one);
 * `elapsedMature` is 1 when 21 days or more had passed since the card's previous answer, and
 * `intervalMature` is 1 when the interval this answer set is 21 days or more.
 */
export type LogRowVisitor = (
  cardId: number,
  quarterHour: number,
  kind: number,
  rating: number,
  stateBefore: number,
  elapsedMature: number,
  intervalMature: number,
  durationMs: number,
) => void;

export interface LogPassResult {
  activity: QuarterHourActivity[];
  answers: AnswerGroup[];
}

/** The kinds of answer the statistics count: reviews and imported history, quiz answers when asked; manual changes never. */
export function countedKinds(includeQuiz: boolean): number[] {
  return includeQuiz ? [REVIEW_KINDS.review, REVIEW_KINDS.quiz, REVIEW_KINDS.imported] : [REVIEW_KINDS.review, REVIEW_KINDS.imported];
}

const DAYS_AGO_KEYS = ['d0', 'd1', 'd6', 'd29', 'd89', 'd364'] as const;
const DAYS_AGO = [0, 1, 6, 29, 89, 364] as const;

/**
 * `kinds`: the review_log kinds counted (the others only set intervals). `firstQuarter` and
 * `lastQuarter`: the span of the log, so the counts per quarter hour live in flat arrays.
 */
export function createLogPass(
  bounds: AnswerBounds,
  kinds: readonly number[],
  firstQuarter: number,
  lastQuarter: number,
): { visit: LogRowVisitor; result(): LogPassResult } {
  const counted = [false, false, false, false];
  for (const k of kinds) counted[k] = true;
  const starts = DAYS_AGO_KEYS.map((k) => bounds[k] / QUARTER_HOUR_MS);
  const yearStart = bounds.d364 / QUARTER_HOUR_MS;
  const end = bounds.end / QUARTER_HOUR_MS;
  const span = Math.max(0, lastQuarter - firstQuarter + 1);
  const reviews = new Int32Array(span);
  const passed = new Int32Array(span);
  const duration = new Float64Array(span);
  // Answer counts by days-ago class (6), state before (4), maturity (2) and rating (1..4).
  const groups = new Int32Array(6 * 4 * 2 * 5);
  let card = -1;
  let lastMature = -1;

  const visit: LogRowVisitor = (cardId, quarter, kind, rating, stateBefore, elapsedMature, intervalMature, durationMs) => {
    if (cardId !== card) {
      card = cardId;
      lastMature = -1;
    }
    const before = lastMature >= 0 ? lastMature : elapsedMature;
    lastMature = intervalMature;
    if (!counted[kind]) return;
    const i = quarter - firstQuarter;
    if (i < 0 || i >= span) throw new RangeError(`answer time outside the log's span (quarter hour ${quarter})`);
    reviews[i]! += 1;
    if (rating > 1) passed[i]! += 1;
    duration[i]! += durationMs;
    if (quarter < yearStart || quarter >= end || rating < 1 || rating > 4) return;
    let c = 0;
    while (c < 5 && quarter < starts[c]!) c++;
    const mature = stateBefore === 2 && before === 1 ? 1 : 0;
    groups[((c * 4 + (stateBefore & 3)) * 2 + mature) * 5 + rating]! += 1;
  };

  function result(): LogPassResult {
    const activity: QuarterHourActivity[] = [];
    for (let i = 0; i < span; i++) {
      if (reviews[i] !== 0) activity.push({ bucket: firstQuarter + i, reviews: reviews[i]!, passed: passed[i]!, durationMs: duration[i]! });
    }
    const answers: AnswerGroup[] = [];
    groups.forEach((n, key) => {
      if (n === 0) return;
      const rating = key % 5;
      const mature = Math.floor(key / 5) % 2 === 1;
      const stateBefore = Math.floor(key / 10) % 4;
      const c = Math.floor(key / 40);
      answers.push({ daysAgo: DAYS_AGO[c]!, stateBefore, mature, rating, answers: n });
    });
    return { activity, answers };
  }

  return { visit, result };
}
