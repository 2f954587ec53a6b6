/** How quiz values read on screen: status, mode and kind names, scores and points. */
import type { QuizKind } from '../../../shared/api/quiz-contract';

export const STATUS_LABELS = { running: 'Running', submitted: 'Submitted', timedOut: 'Time ran out' } as const;
export const MODE_LABELS = { practice: 'Practice', mock: 'Mock interview' } as const;
export const KIND_LABELS: Record<QuizKind, string> = {
  choice: 'Multiple choice',
  truefalse: 'True / false',
  typed: 'Typed answer',
  prompt: 'Interview prompt',
};

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** Points as shown everywhere: "3", "2.5", "1.33". */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}
