/**
 * Card and note actions shared by the browser and the review screen (Anki's Browse and review
 * actions): suspend, bury, flag, change deck, tags, forget, set due date, delete. Every action is
 * one transaction and can be undone.
 */
import { z } from 'zod';

const id = z.number().int().positive();
/** A selection: at most a million ids (a whole large collection selected in the browser). */
const cardIds = z.array(id).min(1).max(1_000_000);
const noteIds = z.array(id).min(1).max(1_000_000);

/** Anki's flags: 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple; 0 removes it. */
export const FLAG_NAMES = ['', 'Red', 'Orange', 'Green', 'Blue', 'Pink', 'Turquoise', 'Purple'] as const;
export const flagSchema = z.number().int().min(0).max(7);

/** A tag as the user types it: no spaces (Anki's rule); "::" nests. */
const tag = z.string().min(1).max(200).regex(/^[^\s]+$/, 'a tag has no spaces');

/** What an action did, and how to take it back. */
export const actionResultSchema = z.object({
  /** Cards (or notes, for note actions) the action changed. */
  changed: z.number().int(),
  /** A sentence for the status line: "Suspended 3 cards". */
  message: z.string(),
  /** Undo for this action; null when it changed nothing. */
  undo: z.object({ id, label: z.string() }).nullable(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

export const cardsContract = {
  /** Suspend or unsuspend cards. */
  'cards.suspend': { input: z.object({ cardIds, suspended: z.boolean() }), output: actionResultSchema },
  /** Suspend or unsuspend every card of these notes (Anki's `!` in review). */
  'notes.suspend': { input: z.object({ noteIds, suspended: z.boolean() }), output: actionResultSchema },
  /** Bury cards until the next study day, or bring buried cards back now. */
  'cards.bury': { input: z.object({ cardIds, buried: z.boolean() }), output: actionResultSchema },
  /** Bury every card of these notes until the next study day (Anki's `=` in review). */
  'notes.bury': { input: z.object({ noteIds }), output: actionResultSchema },
  'cards.flag': { input: z.object({ cardIds, flag: flagSchema }), output: actionResultSchema },
  'cards.setDeck': { input: z.object({ cardIds, deckId: id }), output: actionResultSchema },
  /** Reset cards to new (Anki's Forget); `resetCounts` also zeroes reviews and lapses. History is kept. */
  'cards.forget': { input: z.object({ cardIds, resetCounts: z.boolean() }), output: actionResultSchema },
  /**
   * Anki's "Set due date": "0" today, "1" tomorrow, "3-7" a random day in that range; a trailing
   * "!" also sets the interval to the new due date.
   */
  'cards.setDue': {
    input: z.object({ cardIds, days: z.string().min(1).max(20).regex(/^\d{1,5}(-\d{1,5})?!?$/, 'days as "0", "1", "3-7" or "3-7!"') }),
    output: actionResultSchema,
  },
  'notes.addTags': { input: z.object({ noteIds, tags: z.array(tag).min(1).max(100) }), output: actionResultSchema },
  'notes.removeTags': { input: z.object({ noteIds, tags: z.array(tag).min(1).max(100) }), output: actionResultSchema },
  /** Delete notes with their cards and history; a backup is made first, and it can be undone. */
  'notes.delete': { input: z.object({ noteIds }), output: actionResultSchema },
  /** Take back an action; without `id`, the most recent one not yet undone. */
  'actions.undo': {
    input: z.object({ id: id.optional() }),
    output: actionResultSchema.extend({ undone: z.object({ id, label: z.string() }) }),
  },
} as const;
