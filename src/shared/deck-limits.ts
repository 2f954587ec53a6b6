/**
 * A deck's own daily limits, over its preset's (Anki's deck options "This deck" and "Today only"
 * tabs): a limit for this deck only, and a raise or cut for one study day.
 */
import { z } from 'zod';

const newLimit = z.number().int().min(0).max(9999);
const reviewLimit = z.number().int().min(0).max(99999);

export const deckLimitsSchema = z.object({
  /** New cards a day for this deck only; null: the preset's. */
  newPerDay: newLimit.nullable(),
  reviewsPerDay: reviewLimit.nullable(),
  /** Today's new-card limit for this deck; applies on study day `day` only. */
  newToday: z.object({ day: z.number().int(), limit: newLimit }).nullable(),
  reviewsToday: z.object({ day: z.number().int(), limit: reviewLimit }).nullable(),
});
export type DeckLimits = z.infer<typeof deckLimitsSchema>;

export const NO_DECK_LIMITS: DeckLimits = { newPerDay: null, reviewsPerDay: null, newToday: null, reviewsToday: null };

/** The limits a deck has on study day `day`: today-only, else this-deck, else the preset's. */
export function effectiveLimits(
  preset: { newPerDay: number; reviewsPerDay: number },
  own: DeckLimits | null,
  day: number,
): { newPerDay: number; reviewsPerDay: number } {
  const o = own ?? NO_DECK_LIMITS;
  return {
    newPerDay: o.newToday && o.newToday.day === day ? o.newToday.limit : (o.newPerDay ?? preset.newPerDay),
    reviewsPerDay: o.reviewsToday && o.reviewsToday.day === day ? o.reviewsToday.limit : (o.reviewsPerDay ?? preset.reviewsPerDay),
  };
}
