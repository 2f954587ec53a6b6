/**
 * The planner form as the user types it, checked field by field with the same rules the main
 * process applies (date in range, whole minutes within the budget bounds, a non-empty scope), and
 * a refusal from the main process put back on the field it names.
 */
import { PLAN_LIMITS, type PlanSettings, type PlanSettingsInput } from '../../../../shared/api/plan-contract';

export interface PlanDraft {
  interviewDate: string;
  minutesPerDay: string;
  deckIds: number[];
  tags: string[];
}

export type PlanField = 'interviewDate' | 'minutesPerDay' | 'scope';
export type PlanErrors = Partial<Record<PlanField, string>>;

const DAY_MS = 86_400_000;

/** The local calendar date of `ms` as YYYY-MM-DD. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A month from today, 20 minutes a day, nothing chosen yet. */
export function defaultDraft(today: string): PlanDraft {
  return { interviewDate: addDays(today, 30), minutesPerDay: '20', deckIds: [], tags: [] };
}

export function draftOf(s: PlanSettings): PlanDraft {
  return { interviewDate: s.interviewDate, minutesPerDay: String(s.minutesPerDay), deckIds: [...s.scope.deckIds], tags: [...s.scope.tags] };
}

export function sameSettings(a: PlanDraft, b: PlanDraft): boolean {
  const sorted = <T>(x: readonly T[]) => JSON.stringify([...x].sort());
  return (
    a.interviewDate === b.interviewDate &&
    a.minutesPerDay.trim() === b.minutesPerDay.trim() &&
    sorted(a.deckIds) === sorted(b.deckIds) &&
    sorted(a.tags) === sorted(b.tags)
  );
}

function dateProblem(text: string, today: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return 'Enter the interview date.';
  const ahead = daysBetween(today, text);
  if (ahead < 0) return 'The interview date is in the past: choose today or a later day.';
  if (ahead > PLAN_LIMITS.maxDaysAhead) return `The interview date is more than two years away: choose a day up to ${addDays(today, PLAN_LIMITS.maxDaysAhead)}.`;
  return undefined;
}

function minutesProblem(text: string): string | undefined {
  const t = text.trim();
  const { minMinutesPerDay: min, maxMinutesPerDay: max } = PLAN_LIMITS;
  if (!/^\d+$/.test(t)) return `Enter a whole number of minutes from ${min} to ${max}.`;
  const n = Number(t);
  if (n < min) return 'The daily budget must be at least 1 minute.';
  if (n > max) return `The daily budget cannot be more than 24 hours (${max} minutes).`;
  return undefined;
}

/** The settings the draft says, or the problem at each field. */
export function readPlanDraft(d: PlanDraft, today: string): { settings: PlanSettingsInput } | { errors: PlanErrors } {
  const errors: PlanErrors = {};
  const date = dateProblem(d.interviewDate, today);
  if (date) errors.interviewDate = date;
  const minutes = minutesProblem(d.minutesPerDay);
  if (minutes) errors.minutesPerDay = minutes;
  if (d.deckIds.length === 0 && d.tags.length === 0) errors.scope = 'Choose at least one deck or topic to prepare.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    settings: { interviewDate: d.interviewDate, minutesPerDay: Number(d.minutesPerDay.trim()), scope: { deckIds: d.deckIds, tags: d.tags } },
  };
}

/**
 * A refusal from the main process ("interviewDate: …", "scope.tags.0: …", or a sentence naming
 * the interview date) put on the field it is about; null when it names none.
 */
export function fieldOfPlanError(message: string): { field: PlanField; message: string } | null {
  // Several refusals come joined by "; " each with its path; a message may itself hold "; ".
  const first = message.split(/; (?=[\w.[\]]+: )/)[0] ?? '';
  const m = /^(interviewDate|minutesPerDay|scope)(?:\.[\w.]+)?: (.*)$/.exec(first);
  if (m) return { field: m[1] as PlanField, message: capitalise(m[2]!) };
  if (/interviewDate|interview date/i.test(first)) return { field: 'interviewDate', message: capitalise(first.replace(/^interviewDate:\s*/, '')) };
  return null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
