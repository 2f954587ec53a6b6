/**
 * The deck options form as text the user edits, turned into a preset config with a message per
 * field that breaks a rule (shown at that field), and a server error put back on its field.
 */
import { parseStep, presetConfigSchema, type PresetConfig } from '../../../../shared/settings';
import type { DeckLimitsInput } from '../../../../shared/api/presets-contract';

export type OptionsDraft = {
  [K in keyof PresetConfig]: PresetConfig[K] extends boolean ? boolean : PresetConfig[K] extends number[] ? number[] : string;
} & { ownNew: string; ownReviews: string; todayNew: string; todayReviews: string };

export type DraftField = keyof OptionsDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

const optional = (n: number | null): string => (n === null ? '' : String(n));

export function draftOf(c: PresetConfig, limits: DeckLimitsInput | null): OptionsDraft {
  return {
    ...c,
    desiredRetention: String(c.desiredRetention),
    maximumIntervalDays: String(c.maximumIntervalDays),
    newPerDay: String(c.newPerDay),
    reviewsPerDay: String(c.reviewsPerDay),
    learningSteps: c.learningSteps.join(' '),
    relearningSteps: c.relearningSteps.join(' '),
    ownNew: optional(limits?.newPerDay ?? null),
    ownReviews: optional(limits?.reviewsPerDay ?? null),
    todayNew: optional(limits?.newToday ?? null),
    todayReviews: optional(limits?.reviewsToday ?? null),
  };
}

const steps = (s: string): string[] => s.split(/[\s,]+/).filter(Boolean);

/** A whole number within bounds, or why not. */
function wholeNumber(text: string, min: number, max: number): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `enter a whole number from ${min} to ${max}`;
  const n = Number(t);
  return n < min || n > max ? `enter a whole number from ${min} to ${max}` : n;
}

function stepsProblem(text: string): string | undefined {
  const list = steps(text);
  if (list.length > 10) return 'at most 10 steps';
  for (const s of list) {
    const r = parseStep(s);
    if ('error' in r) return r.error;
  }
  return undefined;
}

/** The preset config and the deck's own limits the draft says, or the problems per field. */
export function readDraft(d: OptionsDraft): { config: PresetConfig; limits: DeckLimitsInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const num = (field: DraftField, text: string, min: number, max: number): number => {
    const r = wholeNumber(text, min, max);
    if (typeof r === 'string') errors[field] = r;
    return typeof r === 'number' ? r : 0;
  };
  const ownNum = (field: DraftField, text: string, max: number): number | null => (text.trim() === '' ? null : num(field, text, 0, max));
  const retention = Number(d.desiredRetention);
  if (!/^\s*0?\.\d+\s*$/.test(d.desiredRetention) || retention < 0.7 || retention > 0.99) errors.desiredRetention = 'enter a number from 0.70 to 0.99';
  const learning = stepsProblem(d.learningSteps);
  if (learning) errors.learningSteps = learning;
  const relearning = stepsProblem(d.relearningSteps);
  if (relearning) errors.relearningSteps = relearning;
  const config = {
    ...d,
    desiredRetention: retention,
    maximumIntervalDays: num('maximumIntervalDays', d.maximumIntervalDays, 1, 36500),
    newPerDay: num('newPerDay', d.newPerDay, 0, 9999),
    reviewsPerDay: num('reviewsPerDay', d.reviewsPerDay, 0, 99999),
    learningSteps: steps(d.learningSteps),
    relearningSteps: steps(d.relearningSteps),
  };
  const limits: DeckLimitsInput = {
    newPerDay: ownNum('ownNew', d.ownNew, 9999),
    reviewsPerDay: ownNum('ownReviews', d.ownReviews, 99999),
    newToday: ownNum('todayNew', d.todayNew, 9999),
    reviewsToday: ownNum('todayReviews', d.todayReviews, 99999),
  };
  if (Object.keys(errors).length > 0) return { errors };
  // The same schema the main process checks with; anything it still refuses goes to its field.
  const parsed = presetConfigSchema.safeParse(config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[(issue.path[0] as DraftField | undefined) ?? 'newPerDay'] ??= issue.message;
    return { errors };
  }
  return { config: parsed.data, limits };
}

const LIMIT_FIELDS: Record<string, DraftField> = { newPerDay: 'ownNew', reviewsPerDay: 'ownReviews', newToday: 'todayNew', reviewsToday: 'todayReviews' };

/**
 * A refusal from the main process ("config.learningSteps.0: …", "limits.newToday: …") put on the
 * field it names, without the internal path; null when it names no field of the form.
 */
export function fieldOfServerError(message: string): { field: DraftField; message: string } | null {
  const m = /^(config|limits)\.([A-Za-z]+)(?:\.\d+)?: (.*)$/.exec(message.split('; ')[0] ?? '');
  if (!m) return null;
  const field = m[1] === 'limits' ? LIMIT_FIELDS[m[2]!] : (m[2] as DraftField);
  return field ? { field, message: m[3]! } : null;
}
