/**
 * Adding and editing notes (Anki's Add and Edit windows): read a note, preview the cards a draft
 * makes (rendered as review renders them), add, update, and complete tags. A draft breaking a rule
 * of its kind is answered with field errors and nothing is written; an update that would delete
 * cards (a removed cloze number or reverse side) is answered with those cards until the caller
 * confirms them by id.
 */
import { z } from 'zod';
import { NOTE_KINDS } from '../deck-format';

const id = z.number().int().positive();

/** Every kind the editor handles: the deck-file kinds, and imported notes with their own fields. */
export const EDITABLE_KINDS = [...NOTE_KINDS, 'rendered'] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

/**
 * A note's content as the editor sends it: the kind and that kind's fields (see deck-format.ts and
 * note-content.ts). Only the shape is checked here; the kind's rules are checked by the service,
 * which answers with field errors.
 */
export const draftContentSchema = z.looseObject({ kind: z.enum(EDITABLE_KINDS) });

export const noteDraftSchema = z.object({
  deckId: id,
  content: draftContentSchema,
  /** Tags as typed; whitespace inside one becomes "_" and repeats are dropped. */
  tags: z.array(z.string().max(200)).max(100),
});
export type NoteDraft = z.input<typeof noteDraftSchema>;

/** A rule a draft breaks, at its field: `field` is a path into the content ("text", "answers[1]") or "deckId"/"tags". */
export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** One card a draft makes, with its sides as the review screen shows them. */
export const previewCardSchema = z.object({
  ord: z.number().int(),
  /** "Card 1", "Reverse", "Cloze 2". */
  label: z.string(),
  format: z.enum(['markdown', 'html', 'text']),
  /** The front as review shows it (a choice card's options come apart, in `choices`). */
  front: z.string(),
  back: z.string(),
  /** The back is the whole answer side, shown alone (an Anki answer template brings the front back itself). */
  backIsAnswerSide: z.boolean(),
  /** Review asks for a typed answer. */
  typed: z.boolean(),
  /** A choice card's options in review's order, and the right one. */
  choices: z.object({ options: z.array(z.string()), correct: z.number().int() }).nullable(),
  /** The existing card this one keeps (its history and schedule), or null for a new card. */
  cardId: id.nullable(),
  reviews: z.number().int(),
});
export type PreviewCard = z.infer<typeof previewCardSchema>;

/** An existing card the draft no longer makes, and how many times it was reviewed. */
export const cardRemovalSchema = z.object({ cardId: id, ord: z.number().int(), label: z.string(), reviews: z.number().int() });
export type CardRemoval = z.infer<typeof cardRemovalSchema>;

export const editableNoteSchema = z.object({
  noteId: id,
  deckId: id,
  content: draftContentSchema,
  tags: z.array(z.string()),
  /** Where it came from: "builtin:<deck>", "import:<format>", "user". */
  source: z.string(),
  editedAt: z.number().nullable(),
  cards: z.array(z.object({ cardId: id, ord: z.number().int(), label: z.string(), reviews: z.number().int() })),
});
export type EditableNote = z.infer<typeof editableNoteSchema>;

const saveResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('saved'),
    noteId: id,
    /** The note's cards after the save, by ordinal. */
    cardIds: z.array(id),
    added: z.number().int(),
    removed: z.number().int(),
    /** False when the draft equalled the note: nothing was written. */
    changed: z.boolean(),
  }),
  z.object({ status: z.literal('invalid'), errors: z.array(fieldErrorSchema).min(1) }),
  /** Save again with `confirmDelete` holding these card ids to delete them. */
  z.object({ status: z.literal('needsConfirmation'), removals: z.array(cardRemovalSchema).min(1) }),
]);
export type SaveResult = z.infer<typeof saveResultSchema>;

export const notesContract = {
  /** A note as the editor shows it, with its cards and their review counts. */
  'notes.get': { input: z.object({ noteId: id }), output: editableNoteSchema },
  /**
   * The cards a draft makes (for the note being edited when `noteId` is given), the cards it would
   * delete, and its field errors. With `tryAnswer`, a typed note also says whether that answer is
   * accepted, as the quiz's matcher would judge it.
   */
  'notes.preview': {
    input: z.object({ draft: noteDraftSchema, noteId: id.optional(), tryAnswer: z.string().max(1000).optional() }),
    output: z.object({
      cards: z.array(previewCardSchema),
      removals: z.array(cardRemovalSchema),
      errors: z.array(fieldErrorSchema),
      tried: z.object({ correct: z.boolean(), matched: z.string().nullable() }).nullable(),
    }),
  },
  'notes.add': { input: z.object({ draft: noteDraftSchema }), output: saveResultSchema },
  /** Save an edit; cards keep their ids and history. Cards the draft no longer makes are deleted only when listed in `confirmDelete`. */
  'notes.update': {
    input: z.object({ noteId: id, draft: noteDraftSchema, confirmDelete: z.array(id).max(1000).optional() }),
    output: saveResultSchema,
  },
  /** Tags starting with `prefix`, most used first (completion in the editor). */
  'tags.list': {
    input: z.object({ prefix: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
    output: z.object({ tags: z.array(z.object({ tag: z.string(), notes: z.number().int() })) }),
  },
} as const;
