/**
 * A card from its events (merge rules: docs/sync.md). Pure: the events of one card entity, oldest
 * first, give its FSRS state, the event that set it (`head`), its last-writer-wins fields and its
 * review log. Answers are a set union: an undone answer is dropped; an answer made on the state
 * just before it (its `parent` is the current head) is taken as recorded; an answer made elsewhere
 * on an older state is scheduled again from the replayed state with the settings it carries, with
 * no fuzz or load balancing, so every device computes the same card whatever order it merged in.
 */
import { createScheduler, newCardState, type CardState, type CardStateCode, type RatingCode, type Scheduler } from '../scheduler';
import { byEventId } from './event-id';
import { checkReviewBody, type ReviewBody } from './review-body-check';
import { cardEventBodies, type SyncCardState, type SyncEvent, type SyncScheduling } from './sync-events';

export interface FoldedLogRow {
  uid: string;
  reviewedAt: number;
  rating: number;
  stateBefore: number;
  elapsedDays: number;
  scheduledDays: number;
  durationMs: number;
  kind: number;
}

export interface FoldedCard {
  /** The FSRS state (null: no event set one; the card is as it was made). */
  state: CardState | null;
  /** The event that set the state (null with it). */
  head: string | null;
  /** Last-writer-wins fields; undefined where no event set them. */
  suspended: number | undefined;
  flag: number | undefined;
  /** The deck's guid (undefined: never set; the note's deck). */
  deck: string | undefined;
  /** Review log rows, in event (time) order. */
  log: FoldedLogRow[];
  /** Answers taken back (their rows go). */
  undone: ReadonlySet<string>;
  /** Events whose body failed its schema. */
  skipped: number;
  /** `params` keys of replayed answers this device has no settings for yet (taken as recorded meanwhile). */
  missingParams: Set<string>;
}

export interface FoldOptions {
  dayStartHour: number;
  timeZone: string;
  /** The FSRS settings of a `params` key (null when this device has no valid `params` event for it). */
  params(key: string): SyncScheduling | null;
}


export const toCardState = (s: SyncCardState): CardState => ({ ...s, state: s.state as CardStateCode });

/** Schedulers of replayed answers, by their settings (the same few over and over). */
const schedulers = new Map<string, Scheduler>();

function schedulerFor(s: SyncScheduling, options: FoldOptions): Scheduler {
  const key = `${options.dayStartHour}|${options.timeZone}|${JSON.stringify(s)}`;
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = createScheduler(
      {
        desiredRetention: s.retention,
        maximumIntervalDays: s.maxInterval,
        fuzz: false,
        loadBalancing: false,
        learningSteps: s.learningSteps.map((x) => `${x}s`),
        relearningSteps: s.relearningSteps.map((x) => `${x}s`),
        dayStartHour: options.dayStartHour,
      },
      { weights: s.w, timeZone: options.timeZone },
    );
    if (schedulers.size >= 256) schedulers.clear();
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/** Parse a card event's body; null when it does not fit its type's schema. */
export function parseCardBody(e: SyncEvent): { type: 'review'; body: ReviewBody } | { type: 'other'; body: unknown } | null {
  // Answers are most of what a merge reads: their check is written out (review-body-check.ts).
  if (e.type === 'review') {
    const body = checkReviewBody(e.body);
    return body ? { type: 'review', body } : null;
  }
  const schema = (cardEventBodies as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>)[e.type];
  if (!schema) return null;
  const r = schema.safeParse(e.body);
  if (!r.success) return null;
  return { type: 'other', body: r.data };
}

/** The card after one answer that does not apply on top of the current head: FSRS again, from `state`. */
export function replayAnswer(state: CardState | null, b: ReviewBody, options: FoldOptions): CardState | null {
  const settings = b.scheduling === null ? null : options.params(b.scheduling);
  if (!settings) return b.after ? toCardState(b.after) : null;
  return schedulerFor(settings, options).schedule(state ?? newCardState(0), b.at, b.rating as RatingCode);
}

export function foldCard(events: readonly SyncEvent[], options: FoldOptions): FoldedCard {
  const undone = new Set<string>();
  const out: FoldedCard = { state: null, head: null, suspended: undefined, flag: undefined, deck: undefined, log: [], undone, skipped: 0, missingParams: new Set() };
  const parsed: Array<{ e: SyncEvent; body: unknown; review: ReviewBody | null }> = [];
  // Oldest first, whatever order they came in.
  const ordered = events.every((e, i) => i === 0 || events[i - 1]!.id < e.id) ? events : [...events].sort(byEventId);
  for (const e of ordered) {
    const p = parseCardBody(e);
    if (!p) {
      out.skipped += 1;
      continue;
    }
    if (e.type === 'undo') undone.add((p.body as { target: string }).target);
    parsed.push({ e, body: p.body, review: p.type === 'review' ? p.body : null });
  }
  for (const { e, body, review } of parsed) {
    if (review) {
      if (undone.has(e.id)) continue;
      const row: FoldedLogRow = {
        uid: e.id,
        reviewedAt: review.at,
        rating: review.rating,
        stateBefore: review.stateBefore,
        elapsedDays: review.elapsedDays,
        scheduledDays: review.scheduledDays,
        durationMs: review.durationMs,
        kind: review.kind,
      };
      out.log.push(row);
      if (review.history) continue;
      if (review.parent === out.head && review.after) {
        out.state = toCardState(review.after);
        out.head = e.id;
        continue;
      }
      if (review.scheduling !== null && options.params(review.scheduling) === null) out.missingParams.add(review.scheduling);
      const next = replayAnswer(out.state, review, options);
      if (!next) continue;
      row.stateBefore = out.state?.state ?? 0;
      row.elapsedDays = next.elapsedDays;
      row.scheduledDays = next.scheduledDays;
      out.state = next;
      out.head = e.id;
    } else if (e.type === 'card.state') {
      out.state = toCardState((body as { state: SyncCardState }).state);
      out.head = e.id;
    } else if (e.type === 'card.set') {
      const set = body as { suspended?: number; flag?: number; deck?: string };
      if (set.suspended !== undefined) out.suspended = set.suspended;
      if (set.flag !== undefined) out.flag = set.flag;
      if (set.deck !== undefined) out.deck = set.deck;
    }
  }
  return out;
}
