/**
 * The rules a note's content must keep, checked with the same schemas as deck files plus the
 * editor's own: a cloze has at least one well-formed {{cN::answer}} or {{cN::answer::hint}}
 * deletion numbered 1 to 500; a typed answer's accepted answers that state an amount agree with
 * its numeric answer, as the quiz's matcher reads them. Every broken rule is named at its field.
 */
import { z } from 'zod';
import {
  basicNoteSchema,
  checkDistractors,
  choiceNoteSchema,
  clozeNoteSchema,
  jsonPath,
  promptNoteSchema,
  trueFalseNoteSchema,
  typedNoteSchema,
  type NoteKind,
} from '../../../shared/deck-format';
import type { FieldError } from '../../../shared/api/notes-contract';
import type { NoteContent } from '../../../shared/note-content';
import { matchTyped } from '../quiz/match-typed';
import { parseMeasure } from '../quiz/measure';

/** Anki numbers cloze deletions up to 500 in practice; a higher number is almost surely a typo. */
export const MAX_CLOZE_NUMBER = 500;

export type DraftCheck = { ok: true; content: NoteContent } | { ok: false; errors: FieldError[] };

/** A deck-file kind's schema without the deck file's own metadata (id, section, tags: columns of their own). */
function contentSchema<S extends z.ZodRawShape>(shape: S) {
  const { id: _id, section: _section, tags: _tags, ...rest } = shape;
  return z.object(rest);
}

const CONTENT_SCHEMAS: Record<NoteKind, z.ZodType> = {
  basic: contentSchema(basicNoteSchema.shape),
  cloze: contentSchema(clozeNoteSchema.shape),
  choice: contentSchema(choiceNoteSchema.shape).superRefine((n, ctx) => checkDistractors(n as { answer: string; distractors: string[] }, ctx)),
  truefalse: contentSchema(trueFalseNoteSchema.shape),
  typed: contentSchema(typedNoteSchema.shape),
  prompt: contentSchema(promptNoteSchema.shape),
};

/** The content without null values (an absent optional field may arrive as null). */
function withoutNulls(content: Record<string, unknown>): Record<string, unknown> {
  for (const key in content) {
    if (content[key] === null) return Object.fromEntries(Object.entries(content).filter(([, v]) => v !== null));
  }
  return content;
}

function clozeErrors(text: string): FieldError[] {
  const errors: FieldError[] = [];
  const openers = [...text.matchAll(/\{\{c(\d*)::/g)];
  const whole = [...text.matchAll(/\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/gs)];
  if (openers.length > whole.length) {
    errors.push({ field: 'text', message: 'a deletion is not closed: write it as {{c1::answer}} or {{c1::answer::hint}}' });
  }
  for (const m of whole) {
    const n = Number(m[1]);
    if (n < 1 || n > MAX_CLOZE_NUMBER) errors.push({ field: 'text', message: `${m[0]}: cloze numbers run from 1 to ${MAX_CLOZE_NUMBER}` });
    else if ((m[2] ?? '').trim() === '') errors.push({ field: 'text', message: `${m[0]}: the deletion is empty` });
  }
  return errors;
}

function typedErrors(note: Extract<NoteContent, { kind: 'typed' }>): FieldError[] {
  const numeric = note.numeric;
  if (!numeric) return [];
  const errors: FieldError[] = [];
  note.answers.forEach((answer, i) => {
    if (parseMeasure(answer) === null) return;
    if (!matchTyped(answer, { answers: [], numeric }).correct) {
      errors.push({ field: `answers[${i}]`, message: `"${answer}" is not ${numeric.value} ${numeric.unit}, the numeric answer` });
    }
  });
  return errors;
}

/** Check a deck-kind draft's content; on success the content as stored (trimmed, unknown fields dropped). */
export function checkDraftContent(raw: Record<string, unknown>): DraftCheck {
  const schema = CONTENT_SCHEMAS[raw['kind'] as NoteKind] as z.ZodType<Exclude<NoteContent, { kind: 'rendered' }>> | undefined;
  if (!schema) return { ok: false, errors: [{ field: 'kind', message: `unknown kind "${String(raw['kind'])}"` }] };
  const parsed = schema.safeParse(withoutNulls(raw));
  const errors: FieldError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = jsonPath(issue.path).replace(/^\$\.?/, '') || 'kind';
      const noCard = raw['kind'] === 'cloze' && field === 'text' && issue.message.startsWith('must contain');
      errors.push({ field, message: noCard ? `${issue.message}: without one the note makes no card` : issue.message });
    }
  } else {
    const note = parsed.data;
    if (note.kind === 'cloze') errors.push(...clozeErrors(note.text));
    if (note.kind === 'typed') errors.push(...typedErrors(note));
  }
  if (!parsed.success || errors.length > 0) {
    return { ok: false, errors: dedupe(errors) };
  }
  return { ok: true, content: parsed.data as NoteContent };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
