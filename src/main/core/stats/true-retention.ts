/**
 * Anki 24.11's true retention and answer-button counts from answers grouped by how long ago they
 * were given. True retention counts answers given in the review state only; an answer is mature
 * when the card's interval before it was 21 days or more, and passes on Hard, Good or Easy.
 * Button counts group learning (new, learning and relearning cards) apart from young and mature
 * review cards.
 */
import type { ButtonCounts, RetentionPeriod, RetentionRow } from '../../../shared/api/stats-contract';

export const MATURE_DAYS = 21;
const REVIEW_STATE = 2;

/** Answers sharing a class: given at most `daysAgo` study days before today (and after the next smaller class). */
export interface AnswerGroup {
  daysAgo: number;
  stateBefore: number;
  /** The interval before the answer was 21 days or more (only meaningful in the review state). */
  mature: boolean;
  rating: number;
  answers: number;
}

/** Each period: the oldest and newest study day it covers, counted back from today (0). */
export const RETENTION_WINDOWS: ReadonlyArray<{ period: RetentionPeriod; from: number; to: number }> = [
  { period: 'today', from: 0, to: 0 },
  { period: 'yesterday', from: 1, to: 1 },
  { period: 'week', from: 0, to: 6 },
  { period: 'month', from: 0, to: 29 },
  { period: 'year', from: 0, to: 364 },
];

/** The answer classes the grouping query must keep apart: every window edge and history range. */
export const DAYS_AGO_CLASSES = [0, 1, 6, 29, 89, 364] as const;

export function trueRetention(groups: readonly AnswerGroup[]): RetentionRow[] {
  return RETENTION_WINDOWS.map(({ period, from, to }) => {
    const row: RetentionRow = { period, young: { passed: 0, failed: 0 }, mature: { passed: 0, failed: 0 } };
    for (const g of groups) {
      if (g.stateBefore !== REVIEW_STATE || g.daysAgo < from || g.daysAgo > to) continue;
      const side = g.mature ? row.mature : row.young;
      if (g.rating > 1) side.passed += g.answers;
      else side.failed += g.answers;
    }
    return row;
  });
}

/** Share passed, or null when nothing was answered. */
export function retentionRate(passed: number, failed: number): number | null {
  return passed + failed === 0 ? null : passed / (passed + failed);
}

/** Again/Hard/Good/Easy per card group, for answers within the last `rangeDays` study days. */
export function buttonCounts(groups: readonly AnswerGroup[], rangeDays: number): ButtonCounts[] {
  const out: ButtonCounts[] = [
    { group: 'learning', counts: [0, 0, 0, 0] },
    { group: 'young', counts: [0, 0, 0, 0] },
    { group: 'mature', counts: [0, 0, 0, 0] },
  ];
  for (const g of groups) {
    if (g.daysAgo >= rangeDays || g.rating < 1 || g.rating > 4) continue;
    const { counts } = out[g.stateBefore !== REVIEW_STATE ? 0 : g.mature ? 2 : 1]!;
    const i = (g.rating - 1) as 0 | 1 | 2 | 3;
    counts[i] += g.answers;
  }
  return out;
}
