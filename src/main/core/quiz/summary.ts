/**
 * The result of a quiz attempt: overall score and a per-topic breakdown, so the user sees which
 * topics to review.
 *
 * One definition of points everywhere (ring, counters, topic bars, history, trend): every question
 * is worth 1 point; a right choice, true/false or typed answer scores 1, a wrong or missing one 0;
 * an interview prompt scores the share of its rubric the user ticked (0 until graded). A score is
 * points / questions. A question is "correct" when it scored its full point, and "wrong" when it
 * was answered and scored below half a point.
 */

export interface AttemptRow {
  /** null: a prompt answer the user has not graded; counts as 0 points. */
  correct: boolean | null;
  /** 0..1 */
  points: number;
  tags: string[];
  durationMs: number;
}

export interface TopicScore {
  tag: string;
  /** Questions that scored their full point. */
  correct: number;
  points: number;
  total: number;
  /** points / total, 0..1. */
  score: number;
}

export interface AttemptSummary {
  /** points / total, 0..1 (0 for an empty attempt). */
  score: number;
  /** Questions that scored their full point. */
  correct: number;
  points: number;
  total: number;
  /** One entry per tag, in tag order; a question with several tags counts under each. */
  byTopic: TopicScore[];
  /** Time spent answering, summed over the questions. */
  durationMs: number;
}

/** The points a question scored, 0..1 (an ungraded prompt scores 0). */
export function pointsOf(row: Pick<AttemptRow, 'correct' | 'points'>): number {
  if (row.correct === null || !Number.isFinite(row.points)) return 0;
  return Math.min(1, Math.max(0, row.points));
}

/** Whether an answered question counts as answered wrongly: graded, and below half a point. */
export function isWrong(row: Pick<AttemptRow, 'correct' | 'points'>): boolean {
  return row.correct !== null && pointsOf(row) < 0.5;
}

/** Whether a question scored its full point. */
const isFull = (p: number): boolean => p >= 1 - 1e-9;

export function summarizeAttempt(rows: readonly AttemptRow[]): AttemptSummary {
  let points = 0;
  let correct = 0;
  let durationMs = 0;
  const topics = new Map<string, { correct: number; total: number; points: number }>();
  for (const row of rows) {
    const p = pointsOf(row);
    points += p;
    if (isFull(p)) correct++;
    if (Number.isFinite(row.durationMs) && row.durationMs > 0) durationMs += row.durationMs;
    for (const tag of new Set(row.tags)) {
      const t = topics.get(tag) ?? { correct: 0, total: 0, points: 0 };
      t.total++;
      t.points += p;
      if (isFull(p)) t.correct++;
      topics.set(tag, t);
    }
  }
  const byTopic = [...topics]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, t]) => ({ tag, correct: t.correct, points: t.points, total: t.total, score: t.points / t.total }));
  return { score: rows.length === 0 ? 0 : points / rows.length, correct, points, total: rows.length, byTopic, durationMs };
}
