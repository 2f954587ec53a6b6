/**
 * The result of a finished quiz attempt: overall score and a per-topic breakdown, so the user
 * sees which topics to review.
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
  correct: number;
  total: number;
  /** Mean points of the questions with this tag, 0..1. */
  score: number;
}

export interface AttemptSummary {
  /** Mean points over all questions, 0..1 (0 for an empty attempt). */
  score: number;
  correct: number;
  total: number;
  /** One entry per tag, in tag order; a question with several tags counts under each. */
  byTopic: TopicScore[];
  /** Time spent answering, summed over the questions. */
  durationMs: number;
}

function pointsOf(row: AttemptRow): number {
  if (row.correct === null || !Number.isFinite(row.points)) return 0;
  return Math.min(1, Math.max(0, row.points));
}

export function summarizeAttempt(rows: readonly AttemptRow[]): AttemptSummary {
  let points = 0;
  let correct = 0;
  let durationMs = 0;
  const topics = new Map<string, { correct: number; total: number; points: number }>();
  for (const row of rows) {
    const p = pointsOf(row);
    points += p;
    if (row.correct === true) correct++;
    if (Number.isFinite(row.durationMs) && row.durationMs > 0) durationMs += row.durationMs;
    for (const tag of new Set(row.tags)) {
      const t = topics.get(tag) ?? { correct: 0, total: 0, points: 0 };
      t.total++;
      t.points += p;
      if (row.correct === true) t.correct++;
      topics.set(tag, t);
    }
  }
  const byTopic = [...topics]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, t]) => ({ tag, correct: t.correct, total: t.total, score: t.points / t.total }));
  return { score: rows.length === 0 ? 0 : points / rows.length, correct, total: rows.length, byTopic, durationMs };
}
