/**
 * Writing an Anki collection's schedule into Retain, inside the import's transaction: each card's
 * state (Anki's type and due date, FSRS memory state; see interchange/anki/anki-card-state.ts), the
 * answers that count as imported review-log rows, and the deck options presets that carry FSRS
 * parameters or a desired retention, attached to the decks the import creates.
 *
 * Days are study days in the user's time zone with the "day starts at" hour, by the one
 * definition in core/day.ts; Anki's due day numbers count from the collection's creation date.
 */
import { REVIEW_KINDS } from '../../../shared/enums';
import type { SchedulerConfig } from '../../../shared/settings';
import { elapsedDays, studyDayNumber, studyDayStart } from '../../core/day';
import { ankiCardState, type AnkiAnswer, type AnkiCardSchedule, type AnkiDays } from '../anki/anki-card-state';
import type { AnkiPreset, ImportReview } from '../formats/bundle';
import type { Repos } from '../../db/repos';

export interface AnkiCardToWrite {
  cardId: number;
  deckId: number;
  schedule: AnkiCardSchedule;
  reviews: readonly ImportReview[];
  /** The card was here before this import (a new card whose schedule the package sets). */
  existed?: boolean;
}

export interface AnkiScheduleContext {
  createdAt: number;
  presets: readonly AnkiPreset[];
  config: SchedulerConfig;
  timeZone: string;
  /** Decks the import created (only these take an Anki preset). */
  newDeckIds: ReadonlySet<number>;
  /** Sync: record the new state of cards that were here before (new cards are recorded at the next sync). */
  recordStates?: (cardIds: readonly number[]) => void;
}

/** The day arithmetic for a collection created at `createdAt`, in `timeZone` with the day starting at `rolloverHour`. */
export function ankiDays(createdAt: number, rolloverHour: number, timeZone: string): AnkiDays {
  const firstDay = studyDayNumber(createdAt, 0, timeZone);
  return {
    elapsed: (from, to) => elapsedDays(from, to, rolloverHour, timeZone),
    dayStart: (day) => studyDayStart(firstDay + day, rolloverHour, timeZone),
  };
}

function answersOf(reviews: readonly ImportReview[]): AnkiAnswer[] {
  return [...reviews]
    .sort((a, b) => a.reviewedAt - b.reviewedAt)
    .map((r) => ({
      reviewedAt: r.reviewedAt,
      rating: r.rating,
      durationMs: r.durationMs,
      kind: r.anki?.kind ?? 1,
      ivl: r.anki?.ivl ?? 0,
      factor: r.anki?.factor ?? 0,
    }));
}

/** A Retain preset for an Anki preset that carries FSRS settings: the current settings with Anki's retention and parameters. */
function presetConfig(p: AnkiPreset, config: SchedulerConfig): Record<string, unknown> | undefined {
  if (!p.weights && p.desiredRetention === undefined) return undefined;
  const out: Record<string, unknown> = { ...config };
  if (p.desiredRetention !== undefined) out.desiredRetention = Math.min(0.99, Math.max(0.7, p.desiredRetention));
  if (p.weights) out.fsrsWeights = p.weights;
  return out;
}

/** Write the cards' states, their review-log rows and the presets; returns the number of rows written. */
export function writeAnkiSchedules(repos: Repos, cards: readonly AnkiCardToWrite[], ctx: AnkiScheduleContext): number {
  const days = ankiDays(ctx.createdAt, ctx.config.dayStartHour, ctx.timeZone);
  const presets = new Map(ctx.presets.map((p) => [p.key, p]));
  const createdPresets = new Map<string, number>();
  const assigned = new Set<number>();
  const replaced: number[] = [];
  let rows = 0;
  for (const c of cards) {
    const preset = c.schedule.presetKey !== undefined ? presets.get(c.schedule.presetKey) : undefined;
    const { state, log } = ankiCardState(c.schedule, answersOf(c.reviews), days, {
      ...(preset?.weights ? { weights: preset.weights } : {}),
      ...(preset?.historicalRetention !== undefined ? { historicalRetention: preset.historicalRetention } : {}),
      learningSteps: ctx.config.learningSteps.length,
      relearningSteps: ctx.config.relearningSteps.length,
    });
    for (const r of log) {
      repos.reviewLog.insert({ ...r, cardId: c.cardId, kind: REVIEW_KINDS.imported, cardBefore: null });
      rows++;
    }
    if (state) {
      repos.cards.saveState(c.cardId, state);
      if (c.existed) replaced.push(c.cardId);
    }
    if (preset && ctx.newDeckIds.has(c.deckId) && !assigned.has(c.deckId)) {
      assigned.add(c.deckId);
      let presetId = createdPresets.get(preset.key);
      const config = presetConfig(preset, ctx.config);
      if (presetId === undefined && config) {
        presetId = repos.settings.createPreset(`${preset.name} (Anki)`, config);
        createdPresets.set(preset.key, presetId);
      }
      if (presetId !== undefined) repos.decks.setPreset(c.deckId, presetId);
    }
  }
  ctx.recordStates?.(replaced);
  return rows;
}
