/** A plan's problem, suggestions and status line, in plain words. */
import { PLAN_LIMITS } from '../../shared/api/plan-contract';
import type { PlanResult } from '../core/plan/types';
import { studyDayDate } from '../core/stats/day-date';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export interface PlanAdviceInput {
  result: Pick<PlanResult, 'fits' | 'minutesNeeded' | 'earliestFittingDay' | 'cardsThatFit'>;
  unlearned: number;
  interviewDay: number;
  minutesPerDay: number;
}

/** Why a plan does not fit the budget and what would make it fit; nothing when it fits. */
export function planAdvice({ result, unlearned, interviewDay, minutesPerDay }: PlanAdviceInput): { problem: string | null; suggestions: string[] } {
  if (result.fits) return { problem: null, suggestions: [] };
  const needed = Math.ceil(result.minutesNeeded);
  const date = studyDayDate(interviewDay);
  const problem =
    `Learning ${plural(unlearned, 'new card', 'new cards')} and keeping up with their reviews by ${date} needs about ` +
    `${plural(needed, 'minute', 'minutes')} a day, more than your budget of ${plural(minutesPerDay, 'minute', 'minutes')}.`;
  const suggestions: string[] = [];
  if (needed <= PLAN_LIMITS.maxMinutesPerDay) suggestions.push(`Study about ${plural(needed, 'minute', 'minutes')} a day.`);
  if (result.earliestFittingDay !== null && result.earliestFittingDay > interviewDay) {
    suggestions.push(`Move the interview to ${studyDayDate(result.earliestFittingDay)} or later.`);
  }
  if (result.cardsThatFit < unlearned) {
    suggestions.push(
      `Prepare fewer cards: about ${plural(Math.max(0, Math.floor(result.cardsThatFit)), 'new card fits', 'new cards fit')} in ` +
        `${plural(minutesPerDay, 'minute', 'minutes')} a day by ${date}; choose fewer decks or topics.`,
    );
  }
  return { problem, suggestions };
}

/** "Interview in 12 days: 74% ready, on track". */
export function planStatusLabel(daysLeft: number, readiness: number, onTrack: boolean): string {
  const when = daysLeft === 0 ? 'Interview today' : daysLeft === 1 ? 'Interview tomorrow' : `Interview in ${daysLeft} days`;
  return `${when}: ${Math.round(readiness * 100)}% ready, ${onTrack ? 'on track' : 'behind plan'}`;
}
