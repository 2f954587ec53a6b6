/**
 * Retain deck file format, version 1.
 *
 * One JSON file describes one deck: its metadata and its notes. Each note has a stable id,
 * a kind, the section of the source it comes from, and at least one topic tag. A note
 * produces one or more cards (see `cardOrdinals`). Documented with a full example in
 * decks/README.md; a JSON Schema generated from this file lives in decks/deck.schema.json.
 */
import { z } from 'zod';

export const DECK_FORMAT = 'retain-deck' as const;
export const DECK_FORMAT_VERSION = 1 as const;

const id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"');
const text = z.string().trim().min(1, 'must not be empty');
const tag = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[^\s]+$/, 'must not contain spaces');

/** Units a typed numeric answer can be written in; values convert within a dimension. */
export const UNITS = ['ms', 's', 'min', 'h', 'day', 'KB', 'MB', 'GB', 'TB', 'count', 'percent'] as const;
export const unitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof unitSchema>;

/**
 * A note shown with the answer where the source is dated: the fact stays as the source states
 * it, and the caveat says what has changed since, citing the vendor's documentation.
 */
export const caveatSchema = z
  .object({
    text,
    sources: z
      .array(z.object({ title: text, url: z.string().regex(/^https:\/\/\S+$/, 'must be an https:// URL') }))
      .min(1, 'needs at least one source'),
  })
  .meta({ id: 'caveat' });
export type Caveat = z.infer<typeof caveatSchema>;

const common = {
  id,
  /** Provenance: the section(s) of the source document, e.g. "§3.2" or "§4.4, §4.5". */
  section: text.max(60),
  tags: z.array(tag).min(1, 'needs at least one tag'),
  /** Optional "dated" caveat shown with the answer (see `caveatSchema`). */
  caveat: caveatSchema.optional(),
  /**
   * Optional key shared by the notes of one deck that test the same fact (say a cloze, a typed and
   * a multiple-choice note): they count as siblings, buried when one is answered and never shown
   * back to back. A key names at least two notes.
   */
  fact: id.optional(),
};

export const basicNoteSchema = z.object({
  ...common,
  kind: z.literal('basic'),
  front: text,
  back: text,
  /** Also make a back → front card. */
  reversed: z.boolean().optional(),
  /** Wrong answers a quiz may offer when it asks this note as multiple choice. */
  distractors: z.array(text).max(8).optional(),
});

export const clozeNoteSchema = z.object({
  ...common,
  kind: z.literal('cloze'),
  /** Text with deletions written as {{c1::answer}} or {{c1::answer::hint}}. */
  text: text.refine((t) => /\{\{c\d+::[^}]+\}\}/.test(t), 'must contain at least one {{cN::…}} deletion'),
  extra: z.string().optional(),
});

export const choiceNoteSchema = z
  .object({
    ...common,
    kind: z.literal('choice'),
    question: text,
    answer: text,
    distractors: z.array(text).min(1).max(8),
    explanation: z.string().optional(),
  })
  .superRefine(checkDistractors);

/** A choice's wrong answers differ from its answer and from each other (ignoring case and outer spaces). */
export function checkDistractors(n: { answer: string; distractors: string[] }, ctx: z.RefinementCtx): void {
  const norm = (s: string): string => s.trim().toLowerCase();
  const seen = new Set<string>();
  n.distractors.forEach((d, i) => {
    if (norm(d) === norm(n.answer)) {
      ctx.addIssue({ code: 'custom', path: ['distractors', i], message: 'a distractor must differ from the answer' });
    }
    if (seen.has(norm(d))) {
      ctx.addIssue({ code: 'custom', path: ['distractors', i], message: 'distractors must not repeat' });
    }
    seen.add(norm(d));
  });
}

export const trueFalseNoteSchema = z.object({
  ...common,
  kind: z.literal('truefalse'),
  statement: text,
  answer: z.boolean(),
  explanation: z.string().optional(),
});

export const numericAnswerSchema = z.object({
  value: z.number().finite(),
  unit: unitSchema,
  /** Absolute tolerance in `unit`; 0 means exact. */
  tolerance: z.number().nonnegative().default(0),
});

export const typedNoteSchema = z.object({
  ...common,
  kind: z.literal('typed'),
  question: text,
  /** Accepted answers; the first is the one shown. Matching ignores case, spacing and punctuation. */
  answers: z.array(text).min(1),
  /** When set, any answer equal to this quantity in a compatible unit is accepted ("900 s" = "15 min"). */
  numeric: numericAnswerSchema.optional(),
  explanation: z.string().optional(),
  /** Wrong answers a quiz may offer when it asks this note as multiple choice. */
  distractors: z.array(text).max(8).optional(),
});

export const promptNoteSchema = z.object({
  ...common,
  kind: z.literal('prompt'),
  question: text,
  modelAnswer: text,
  /** Key points a good answer covers; the user ticks them when grading. */
  rubric: z.array(text).min(1),
});

export const deckNoteSchema = z.discriminatedUnion('kind', [
  basicNoteSchema,
  clozeNoteSchema,
  choiceNoteSchema,
  trueFalseNoteSchema,
  typedNoteSchema,
  promptNoteSchema,
]);
export type DeckNote = z.infer<typeof deckNoteSchema>;
export type NoteKind = DeckNote['kind'];
export const NOTE_KINDS = ['basic', 'cloze', 'choice', 'truefalse', 'typed', 'prompt'] as const satisfies readonly NoteKind[];

export const deckMetaSchema = z.object({
  id,
  title: text.max(200),
  description: z.string().default(''),
  /** Bump when the content changes; the app updates installed copies from a newer version. */
  version: z.number().int().positive(),
  source: z
    .object({
      title: text,
      file: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  /** Deck path under which the notes are installed, "Parent::Child". Defaults to title. */
  path: z.string().optional(),
});
/** Topic tags used by the built-in decks; quizzes and statistics group by them. */
export const TOPICS = [
  'cold-starts',
  'concurrency',
  'event-sources',
  'integrations',
  'cost',
  'comparisons',
  'limits',
  'execution-model',
  'decisions',
] as const;
export type Topic = (typeof TOPICS)[number];

export type DeckMeta = z.infer<typeof deckMetaSchema>;

export const deckFileSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(DECK_FORMAT),
    formatVersion: z.literal(DECK_FORMAT_VERSION),
    deck: deckMetaSchema,
    notes: z.array(deckNoteSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.notes.forEach((n, i) => {
      const prev = seen.get(n.id);
      if (prev !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['notes', i, 'id'], message: `duplicate note id "${n.id}" (first at notes[${prev}])` });
      } else seen.set(n.id, i);
    });
  });
export type DeckFile = z.infer<typeof deckFileSchema>;

/** The section references of a note's `section` ("§4.4, §4.5" → ["§4.4", "§4.5"]). */
export function sectionRefs(section: string): string[] {
  return section
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Cloze numbers present in a cloze text ({{c1::…}} → 1), ascending and unique. */
export function clozeNumbers(clozeText: string): number[] {
  const out = new Set<number>();
  for (const m of clozeText.matchAll(/\{\{c(\d+)::/g)) out.add(Number(m[1]));
  return [...out].sort((a, b) => a - b);
}

/** The card ordinals a note produces: basic 0 (and 1 if reversed), cloze N-1 for each {{cN::…}} (as Anki does), others 0. */
export function cardOrdinals(note: DeckNote): number[] {
  switch (note.kind) {
    case 'basic':
      return note.reversed ? [0, 1] : [0];
    case 'cloze':
      return clozeNumbers(note.text).map((n) => n - 1);
    default:
      return [0];
  }
}

/** Format a zod issue path as a JSON path, e.g. `$.notes[3].distractors[1]`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}
