/** The history's score trend: which topics to draw and one row per finished attempt. */
import type { QuizHistoryEntry } from '../../../shared/api/quiz-contract';

export const OVERALL = 'Overall';

/** Topics by how many finished attempts asked them (most first, then by name). */
export function trendTopics(attempts: readonly QuizHistoryEntry[]): string[] {
  const seen = new Map<string, number>();
  for (const a of attempts) if (a.score !== null) for (const t of a.byTopic) seen.set(t.tag, (seen.get(t.tag) ?? 0) + 1);
  return [...seen].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([t]) => t);
}

export type TrendRow = { id: number; label: string } & Record<string, number | string | null>;

/**
 * One row per finished attempt, oldest first: the overall score and the score of each topic in
 * `topics`, in percent (null where the attempt did not ask the topic).
 */
export function trendRows(attempts: readonly QuizHistoryEntry[], topics: readonly string[]): TrendRow[] {
  return attempts
    .filter((a) => a.score !== null)
    .slice()
    .sort((x, y) => x.startedAt - y.startedAt || x.id - y.id)
    .map((a) => {
      const row: TrendRow = { id: a.id, label: `#${a.id}`, [OVERALL]: Math.round((a.score ?? 0) * 100) };
      for (const t of topics) {
        const s = a.byTopic.find((b) => b.tag === t);
        row[t] = s ? Math.round(s.score * 100) : null;
      }
      return row;
    });
}
