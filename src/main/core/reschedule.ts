/**
 * Anki's "Set due date": "0" is today, "1" tomorrow, "3-7" a random day in that range (both
 * ends included); a trailing "!" also sets the card's interval to the days until the new due
 * date. Days are study days (core/day.ts). A card that is not yet a review card becomes one.
 */
import { CardStates, type CardState } from './scheduler';

export interface DueSpec {
  from: number;
  to: number;
  setInterval: boolean;
}

/** Parse "0", "3", "3-7", "3-7!"; a reversed range is read low to high. Returns an error sentence when it is none of these. */
export function parseDueSpec(text: string): DueSpec | { error: string } {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?(!?)$/.exec(text.trim());
  if (!m) return { error: `"${text}" is not a due date: write days from today, e.g. "0" (today), "1" (tomorrow), "3-7" or "3-7!"` };
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return { from: Math.min(a, b), to: Math.max(a, b), setInterval: m[3] === '!' };
}

/** Days from today for one card: a whole number in [from, to], drawn with `random` (0 ≤ random() < 1). */
export function pickDays(spec: DueSpec, random: () => number): number {
  return spec.from + Math.min(spec.to - spec.from, Math.floor(random() * (spec.to - spec.from + 1)));
}

/**
 * The card due `days` study days from today, `dueAt` being the start of that study day. As in
 * Anki, a review card keeps its interval unless "!" is given; any other card (and "!") gets the
 * days until due, at least 1. Memory (stability, difficulty), reviews and lapses are kept.
 */
export function setDueState(card: CardState, days: number, dueAt: number, setInterval: boolean): CardState {
  const keepInterval = card.state === CardStates.Review && !setInterval;
  return {
    ...card,
    due: dueAt,
    state: CardStates.Review,
    learningSteps: 0,
    scheduledDays: keepInterval ? card.scheduledDays : Math.max(1, days),
  };
}

/** Anki's Forget: the card is new again, at its original place among new cards (`createdAt`); `resetCounts` also zeroes reviews and lapses. */
export function forgottenState(card: CardState, createdAt: number, resetCounts: boolean): CardState {
  return {
    due: createdAt,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: resetCounts ? 0 : card.reps,
    lapses: resetCounts ? 0 : card.lapses,
    state: CardStates.New,
    lastReview: null,
  };
}
