/**
 * Deck options presets (Anki's deck options): named option sets shared by decks, and a deck's
 * own limits ("this deck", "today only"). The collection's own settings stay under settings.*.
 */
import { z } from 'zod';
import { presetConfigSchema } from '../settings';
import { deckLimitsSchema } from '../deck-limits';

export const presetSummarySchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  /** Decks using it. */
  deckCount: z.number().int(),
  /** Preset 1, which every deck falls back to and which cannot be deleted. */
  isDefault: z.boolean(),
});
export type PresetSummary = z.infer<typeof presetSummarySchema>;

const presetName = z.string().max(200);
const presetId = z.number().int().positive();

/** A deck's own limits as the options screen sets them: null leaves the preset's. */
export const deckLimitsInputSchema = z.object({
  newPerDay: deckLimitsSchema.shape.newPerDay,
  reviewsPerDay: deckLimitsSchema.shape.reviewsPerDay,
  /** Today only, for this deck. */
  newToday: z.number().int().min(0).max(9999).nullable(),
  reviewsToday: z.number().int().min(0).max(99999).nullable(),
});
export type DeckLimitsInput = z.infer<typeof deckLimitsInputSchema>;

export const deckOptionsSchema = z.object({
  deckId: z.number().int().positive(),
  path: z.string(),
  presetId,
  /** The deck's own limits in force (today-only limits set on an earlier day are null). */
  limits: deckLimitsInputSchema,
  /** Subdecks it has (a preset can be given to them too). */
  subdeckCount: z.number().int(),
  presets: z.array(presetSummarySchema),
});
export type DeckOptions = z.infer<typeof deckOptionsSchema>;

export const presetViewSchema = z.object({
  id: presetId,
  name: z.string(),
  isDefault: z.boolean(),
  config: presetConfigSchema,
  /** It carries FSRS parameters of its own (an imported Anki preset). */
  hasFsrsWeights: z.boolean(),
});
export type PresetView = z.infer<typeof presetViewSchema>;

export const presetsContract = {
  'presets.list': {
    input: z.object({}),
    output: z.object({ presets: z.array(presetSummarySchema) }),
  },
  'presets.get': {
    input: z.object({ presetId }),
    output: presetViewSchema,
  },
  /** A new preset with the default options, or a copy of `cloneFrom`'s. */
  'presets.create': {
    input: z.object({ name: presetName, cloneFrom: presetId.optional() }),
    output: z.object({ presetId }),
  },
  'presets.rename': {
    input: z.object({ presetId, name: presetName }),
    output: z.object({ presetId }),
  },
  /** Change options of a preset; every deck using it follows. */
  'presets.update': {
    input: z.object({ presetId, config: presetConfigSchema.partial().strict() }),
    output: presetViewSchema,
  },
  /** Delete a preset (not Default); its decks take the Default preset. */
  'presets.delete': {
    input: z.object({ presetId }),
    output: z.object({ movedDecks: z.number().int() }),
  },
  'deckOptions.get': {
    input: z.object({ deckId: z.number().int().positive() }),
    output: deckOptionsSchema,
  },
  /** Give a deck (and optionally its subdecks) a preset. */
  'deckOptions.setPreset': {
    input: z.object({ deckId: z.number().int().positive(), presetId, includeSubdecks: z.boolean().default(false) }),
    output: deckOptionsSchema,
  },
  /**
   * The deck options screen's Save, in one transaction: the preset's options, the preset given to
   * the deck (and its subdecks), and the deck's own limits.
   */
  'deckOptions.save': {
    input: z.object({
      deckId: z.number().int().positive(),
      presetId,
      config: presetConfigSchema.partial().strict(),
      includeSubdecks: z.boolean().default(false),
      limits: deckLimitsInputSchema,
    }),
    output: deckOptionsSchema,
  },
  /** Set a deck's own limits ("this deck" and "today only"). */
  'deckOptions.setLimits': {
    input: z.object({ deckId: z.number().int().positive(), limits: deckLimitsInputSchema }),
    output: deckOptionsSchema,
  },
} as const;
