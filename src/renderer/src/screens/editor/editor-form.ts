/**
 * The editor's form: what each note kind asks for, a note's content as form values (lists one per
 * line, numbers as typed) and back, and the service's field errors placed at the form's fields.
 * Fields a kind has that the form does not show (a deck note's dated caveat, a quiz's distractors)
 * are carried through unchanged.
 */
import type { EditableKind, FieldError, NoteDraft } from '../../../../shared/api/notes-contract';
import { UNITS } from '../../../../shared/deck-format';

export interface FieldSpec {
  key: string;
  label: string;
  help?: string;
  /** Several lines; `list` ones hold one item a line. */
  lines: number;
  list?: boolean;
}

export const KIND_LABELS: Record<EditableKind, string> = {
  basic: 'Basic',
  cloze: 'Cloze',
  choice: 'Multiple choice',
  truefalse: 'True or false',
  typed: 'Typed answer',
  prompt: 'Interview prompt',
  rendered: 'Imported',
};

export const KIND_FIELDS: Record<Exclude<EditableKind, 'rendered'>, FieldSpec[]> = {
  basic: [
    { key: 'front', label: 'Front', lines: 3 },
    { key: 'back', label: 'Back', lines: 4 },
  ],
  cloze: [
    { key: 'text', label: 'Text', lines: 5, help: 'Hide parts as {{c1::answer}} or {{c1::answer::hint}}; each number makes a card. Ctrl+Shift+C hides the selection.' },
    { key: 'extra', label: 'Extra', lines: 2, help: 'Shown with the answer.' },
  ],
  choice: [
    { key: 'question', label: 'Question', lines: 3 },
    { key: 'answer', label: 'Right answer', lines: 1 },
    { key: 'distractors', label: 'Wrong answers', lines: 4, list: true, help: 'One a line.' },
    { key: 'explanation', label: 'Explanation', lines: 2 },
  ],
  truefalse: [
    { key: 'statement', label: 'Statement', lines: 3 },
    { key: 'explanation', label: 'Explanation', lines: 2 },
  ],
  typed: [
    { key: 'question', label: 'Question', lines: 3 },
    { key: 'answers', label: 'Accepted answers', lines: 3, list: true, help: 'One a line; the first is the one shown. Case, spacing and punctuation are ignored.' },
    { key: 'explanation', label: 'Explanation', lines: 2 },
  ],
  prompt: [
    { key: 'question', label: 'Prompt', lines: 3 },
    { key: 'modelAnswer', label: 'Model answer', lines: 6 },
    { key: 'rubric', label: 'Key points', lines: 4, list: true, help: 'One a line; you tick the ones your answer covered.' },
  ],
};

export const NUMERIC_UNITS = UNITS;

export interface EditorForm {
  kind: EditableKind;
  /** Text fields by key (lists as one item a line); for imported notes `field:<i>`. */
  text: Record<string, string>;
  reversed: boolean;
  /** A true/false note's answer. */
  truth: boolean;
  numericValue: string;
  numericUnit: string;
  numericTolerance: string;
  /** Imported notes' field names, in order. */
  fieldNames: string[];
  /** Content the form does not show, sent back as it came. */
  extras: Record<string, unknown>;
}

const SHOWN = new Set(['kind', 'reversed', 'answer', 'numeric', 'fields', 'cards']);

export function emptyForm(kind: EditableKind): EditorForm {
  return { kind, text: {}, reversed: false, truth: true, numericValue: '', numericUnit: 's', numericTolerance: '', fieldNames: [], extras: {} };
}

/** A note's content as form values. */
export function formFromContent(content: Record<string, unknown> & { kind: EditableKind }): EditorForm {
  const form = emptyForm(content.kind);
  if (content.kind === 'rendered') {
    const fields = (content['fields'] as Array<{ name: string; value: string }> | undefined) ?? [];
    fields.forEach((f, i) => (form.text[`field:${i}`] = f.value));
    form.fieldNames = fields.map((f) => f.name);
    return form;
  }
  const specs = KIND_FIELDS[content.kind];
  for (const [key, value] of Object.entries(content)) {
    const spec = specs.find((s) => s.key === key);
    if (spec) form.text[key] = Array.isArray(value) ? value.join('\n') : String(value ?? '');
    else if (!SHOWN.has(key)) form.extras[key] = value;
  }
  if (content.kind === 'basic') form.reversed = content['reversed'] === true;
  if (content.kind === 'truefalse') form.truth = content['answer'] !== false;
  const numeric = content['numeric'] as { value: number; unit: string; tolerance?: number } | undefined;
  if (content.kind === 'typed' && numeric) {
    form.numericValue = String(numeric.value);
    form.numericUnit = numeric.unit;
    form.numericTolerance = numeric.tolerance ? String(numeric.tolerance) : '';
  }
  return form;
}

const listOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The form as a draft's content. */
export function contentFromForm(form: EditorForm): NoteDraft['content'] {
  if (form.kind === 'rendered') {
    return { kind: 'rendered', fields: form.fieldNames.map((name, i) => ({ name, value: form.text[`field:${i}`] ?? '' })) };
  }
  const content: Record<string, unknown> = { ...form.extras, kind: form.kind };
  for (const spec of KIND_FIELDS[form.kind]) {
    const value = form.text[spec.key] ?? '';
    if (spec.list) content[spec.key] = listOf(value);
    else if (value.trim() !== '' || !['extra', 'explanation'].includes(spec.key)) content[spec.key] = value;
  }
  if (form.kind === 'basic' && form.reversed) content['reversed'] = true;
  if (form.kind === 'truefalse') content['answer'] = form.truth;
  if (form.kind === 'typed' && form.numericValue.trim() !== '') {
    const tolerance = form.numericTolerance.trim() === '' ? 0 : Number(form.numericTolerance);
    content['numeric'] = { value: Number(form.numericValue), unit: form.numericUnit, tolerance };
  }
  return content as NoteDraft['content'];
}

/** The line number (1-based) of the `index`-th non-empty line of a list field. */
function lineOf(text: string, index: number): number {
  let seen = -1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] ?? '').trim() !== '') seen++;
    if (seen === index) return i + 1;
  }
  return index + 1;
}

/** Field errors by form field ("front", "answers", "numericValue", "field:2", "deck", "tags", "form"). */
export function errorsByField(errors: readonly FieldError[], form: EditorForm): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (key: string, message: string) => (out[key] ??= []).push(message);
  for (const e of errors) {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(e.field);
    const head = m?.[1] ?? 'form';
    const index = m?.[2] !== undefined ? Number(m[2]) : null;
    if (head === 'deckId') add('deck', e.message);
    else if (head === 'tags') add('tags', e.message);
    else if (head === 'numeric') add(m?.[3] === 'unit' ? 'numericUnit' : m?.[3] === 'tolerance' ? 'numericTolerance' : 'numericValue', e.message);
    else if (head === 'fields') add(index !== null ? `field:${index}` : 'form', e.message);
    else if (head === 'answer' && form.kind === 'truefalse') add('truth', e.message);
    else if (index !== null) add(head, `Line ${lineOf(form.text[head] ?? '', index)}: ${e.message}`);
    else if (head === 'kind' || !(head in form.text || KIND_FIELDS[form.kind as Exclude<EditableKind, 'rendered'>]?.some((s) => s.key === head))) add('form', e.message);
    else add(head, e.message);
  }
  return out;
}

/** The number a new cloze deletion in `text` takes: one above the highest there (Anki's Ctrl+Shift+C). */
export function nextClozeNumber(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/\{\{c(\d+)::/g)) max = Math.max(max, Number(m[1]));
  return max + 1;
}
