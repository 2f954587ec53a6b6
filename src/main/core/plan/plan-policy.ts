/**
 * The interview plan's rules for one day, given its shape: new cards spread over the first days so
 * every card is learned in time, a desired retention that rises to the final one in the last
 * week (from the presets' value, or from a lower one when that saves time for the last days),
 * and review-ahead on the last days of the cards whose retrievability on the interview day would
 * fall below the final retention.
 */
import type { PlanInput, PlanShape } from './types';
import type { DayPolicy } from './day-engine';

/** Days before the interview from which the retention starts to rise, and by which it is final. */
const RAMP_START = 14;
const RAMP_END = 7;

/** The plan's first day (new cards are spread from it) and the interview day. */
export interface PlanDates {
  startDay: number;
  interviewDay: number;
}

/** Desired retention on `day`: the start value until two weeks out, then rising to the final one a week out. */
export function retentionOn(shape: Pick<PlanShape, 'startRetention' | 'finalRetention'>, dates: PlanDates, day: number): number {
  const { startRetention: start, finalRetention: final } = shape;
  const left = dates.interviewDay - day;
  if (left >= RAMP_START || final === start) return start;
  if (left <= RAMP_END) return final;
  const share = (RAMP_START - left) / (RAMP_START - RAMP_END);
  return Math.round((start + (final - start) * share) * 1000) / 1000;
}

/** The usual schedule over the same days: the presets' retention, new cards spread evenly, no review-ahead. */
export function usualShape(input: PlanInput, startDay: number): PlanShape {
  return {
    newSpanDays: Math.max(1, input.interviewDay - startDay),
    reviewAheadDays: 0,
    startRetention: input.baseRetention,
    finalRetention: input.baseRetention,
    reviewAheadBelow: input.baseRetention,
  };
}

/**
 * The day's rules. `unlearned` is the count of cards never studied at the start of the day, and
 * `introducedToday` the new cards already studied today (they count against today's share).
 */
export function dayPolicy(shape: PlanShape, dates: PlanDates, day: number, unlearned: number, introducedToday: number): DayPolicy {
  const spanEnd = dates.startDay + Math.max(1, shape.newSpanDays);
  const daysToSpread = Math.max(1, spanEnd - day);
  const share = Math.ceil((unlearned + introducedToday) / daysToSpread) - introducedToday;
  const left = dates.interviewDay - day;
  return {
    newLimit: Math.max(0, day >= spanEnd ? unlearned : share),
    desiredRetention: retentionOn(shape, dates, day),
    reviewAheadBelow: shape.reviewAheadDays > 0 && left <= shape.reviewAheadDays ? shape.reviewAheadBelow : null,
  };
}


