/**
 * The `review` body check written out by hand: a merge checks every answer it receives, and the
 * schema in sync-events.ts, walked by zod, costs more per answer than writing its row does. This
 * accepts exactly what `cardEventBodies.review` accepts (test/unit/review-body-check.test.ts holds
 * the two to the same verdict and result over generated bodies). A valid body is returned as it
 * is; only a card state with keys the schema does not know is copied without them, as zod does.
 */
import { EVENT_ID_PATTERN } from './event-id';
import { PARAMS_KEY_PATTERN, type SyncCardState } from './sync-events';

export interface ReviewBody {
  at: number;
  rating: number;
  durationMs: number;
  kind: number;
  stateBefore: number;
  elapsedDays: number;
  scheduledDays: number;
  parent: string | null;
  after: SyncCardState | null;
  scheduling: string | null;
  history: boolean;
}

const MAX_MS = 8.64e15;
const REVIEW_KEYS = ['at', 'rating', 'durationMs', 'kind', 'stateBefore', 'elapsedDays', 'scheduledDays', 'parent', 'after', 'scheduling', 'history'] as const;
const STATE_KEYS = ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'lastReview'] as const;

/** A safe integer in [min, max] (zod's `.int().min().max()`). */
const int = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
/** A finite number of at least 0 (zod's `.number().finite().min(0)`). */
const nonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (v: object, k: string): boolean => Object.prototype.hasOwnProperty.call(v, k);

const REVIEW_KEY_SET: ReadonlySet<string> = new Set(REVIEW_KEYS);

/** How many own enumerable keys `v` has, or -1 when one is not in `allowed` (zod's `.strict()`). */
function ownKeys(v: object, allowed?: ReadonlySet<string>): number {
  let n = 0;
  for (const k in v) {
    if (!hasOwn(v, k)) continue;
    n += 1;
    if (allowed && !allowed.has(k)) return -1;
  }
  return n;
}

/** The card state as zod gives it: valid with every key, other keys dropped (the schema is not strict). */
function cardState(v: unknown): SyncCardState | null {
  if (!isObject(v)) return null;
  const ok =
    int(v.due, 0, MAX_MS) &&
    int(v.due, 0, MAX_MS) &&
    nonNegative(v.stability) &&
    nonNegative(v.difficulty) &&
    int(v.elapsedDays, 0) &&
    int(v.scheduledDays, 0) &&
    int(v.learningSteps, 0) &&
    int(v.reps, 0) &&
    int(v.lapses, 0) &&
    int(v.state, 0, 3) &&
    (v.lastReview === null || int(v.lastReview, 0, MAX_MS));
  if (!ok) return null;
  if (ownKeys(v) === STATE_KEYS.length && STATE_KEYS.every((k) => hasOwn(v, k))) return v as unknown as SyncCardState;
  const copy: Record<string, unknown> = {};
  for (const k of STATE_KEYS) copy[k] = v[k];
  return copy as unknown as SyncCardState;
}

/** The body when it is a valid `review` body, else null. */
export function checkReviewBody(v: unknown): ReviewBody | null {
  // Every key is required, so a valid body has exactly these keys.
  if (!isObject(v) || ownKeys(v, REVIEW_KEY_SET) !== REVIEW_KEYS.length) return null;
  const after = v.after === null ? null : cardState(v.after);
  const ok =
    int(v.at, 0, MAX_MS) &&
    int(v.rating, 1, 4) &&
    int(v.durationMs, 0, 86_400_000) &&
    int(v.kind, 0, 3) &&
    int(v.stateBefore, 0, 3) &&
    int(v.elapsedDays, 0) &&
    int(v.scheduledDays, 0) &&
    (v.parent === null || (typeof v.parent === 'string' && EVENT_ID_PATTERN.test(v.parent))) &&
    (v.after === null || after !== null) &&
    (v.scheduling === null || (typeof v.scheduling === 'string' && PARAMS_KEY_PATTERN.test(v.scheduling))) &&
    typeof v.history === 'boolean';
  if (!ok) return null;
  return (after === v.after ? v : { ...v, after }) as unknown as ReviewBody;
}
