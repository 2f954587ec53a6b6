/** Decks: the list on the home screen with today's counts, and built-in deck update notices. */
import { z } from 'zod';
import { actionResultSchema } from './cards-contract';
import { countsSchema } from './review-contract';

export const deckSummarySchema = countsSchema.extend({
  id: z.number().int().positive(),
  name: z.string(),
  /** Full path "Parent::Child". */
  path: z.string(),
  parentId: z.number().int().nullable(),
  depth: z.number().int(),
  totalCards: z.number().int(),
  description: z.string(),
  /** The deck options preset the deck uses. */
  presetId: z.number().int().positive(),
});
export type DeckSummary = z.infer<typeof deckSummarySchema>;

export const deckUpdateNoticeSchema = z.object({
  id: z.number().int().positive(),
  deckName: z.string(),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  /** Notes the user had edited: the update kept them as the user wrote them. */
  kept: z.number().int(),
  at: z.number(),
});
export type DeckUpdateNotice = z.infer<typeof deckUpdateNoticeSchema>;

export const deckLoadErrorSchema = z.object({ file: z.string(), message: z.string() });

export const decksContract = {
  'decks.list': {
    input: z.object({}),
    output: z.object({
      decks: z.array(deckSummarySchema),
      /** What can be studied today over all decks, each opened on its own within its limits. */
      today: countsSchema,
      notices: z.array(deckUpdateNoticeSchema),
      /** Built-in deck files that could not be loaded (the others still are). */
      loadErrors: z.array(deckLoadErrorSchema),
    }),
  },
  /** Create a deck; "Parent::Child" creates missing parents. */
  'decks.create': {
    input: z.object({ name: z.string().max(1000) }),
    output: z.object({ deckId: z.number().int().positive() }),
  },
  /** Rename a deck in place (its subdecks follow). */
  'decks.rename': {
    input: z.object({ deckId: z.number().int().positive(), name: z.string().max(1000) }),
    output: z.object({ deckId: z.number().int().positive() }),
  },
  /** Move a deck under another deck, or to the top level (`parentId` null). */
  'decks.move': {
    input: z.object({ deckId: z.number().int().positive(), parentId: z.number().int().positive().nullable() }),
    output: z.object({ deckId: z.number().int().positive() }),
  },
  /** Delete a deck, its subdecks and their cards; a backup is made first, and it can be undone. */
  'decks.delete': {
    input: z.object({ deckId: z.number().int().positive() }),
    output: actionResultSchema,
  },
  'decks.dismissNotice': {
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ dismissed: z.boolean() }),
  },
} as const;
