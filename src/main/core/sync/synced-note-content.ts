/**
 * A note's content as another device sent it is untrusted: before it is stored it must be note
 * content Retain can show, checked with the deck-file schemas of its kind (without the deck file's
 * own metadata) or, for imported notes, the rendered shape. Card text is sanitised when shown,
 * as for imported notes.
 */
import { z } from 'zod';
import {
  basicNoteSchema,
  choiceNoteSchema,
  clozeNoteSchema,
  promptNoteSchema,
  trueFalseNoteSchema,
  typedNoteSchema,
} from '../../../shared/deck-format';
import type { NoteContent } from '../../../shared/note-content';

const MAX_TEXT = 1_000_000;

function withoutMeta<S extends z.ZodRawShape>(shape: S) {
  const { id: _id, section: _section, tags: _tags, fact: _fact, ...rest } = shape;
  return z.looseObject(rest);
}

const renderedSchema = z.object({
  kind: z.literal('rendered'),
  noteType: z.string().max(400),
  fields: z.array(z.object({ name: z.string().max(400), value: z.string().max(MAX_TEXT) })).max(200),
  cards: z
    .array(z.object({ ord: z.number().int().min(0).max(10_000), front: z.string().max(MAX_TEXT), back: z.string().max(MAX_TEXT) }))
    .min(1)
    .max(1000),
  format: z.enum(['html', 'text']),
});

const SCHEMAS: Record<string, z.ZodType> = {
  basic: withoutMeta(basicNoteSchema.shape),
  cloze: withoutMeta(clozeNoteSchema.shape),
  choice: withoutMeta(choiceNoteSchema.shape),
  truefalse: withoutMeta(trueFalseNoteSchema.shape),
  typed: withoutMeta(typedNoteSchema.shape),
  prompt: withoutMeta(promptNoteSchema.shape),
  rendered: renderedSchema,
};

/** The content as it may be stored, or null when it is not note content. */
export function syncedNoteContent(value: unknown): NoteContent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const kind = (value as { kind?: unknown }).kind;
  const schema = typeof kind === 'string' ? SCHEMAS[kind] : undefined;
  if (!schema?.safeParse(value).success) return null;
  // Stored as sent (the check may trim or strip; the fold must write what the sender wrote).
  return value as NoteContent;
}
