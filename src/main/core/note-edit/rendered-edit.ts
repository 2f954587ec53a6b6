/**
 * Editing an imported note field by field. Retain keeps an imported note's fields and the sides
 * its note type's templates rendered, not the templates, so a field's new text is carried into the
 * sides wherever they show the field's old text as it was typed (the usual {{Field}}). A field the
 * sides do not show verbatim (a cloze or a filter renders it, or it was empty) cannot be carried
 * over, and is refused at the field rather than saved out of step with the cards.
 */
import type { FieldError } from '../../../shared/api/notes-contract';
import type { RenderedNote } from '../../../shared/note-content';

export type RenderedEdit = { ok: true; content: RenderedNote } | { ok: false; errors: FieldError[] };

/** Where `needle` occurs in `text`, as [start, end) ranges. */
function occurrences(text: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf(needle); i >= 0 && needle !== ''; i = text.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

/**
 * `text` with each occurrence of `from` that shows this field replaced by `to`. Occurrences inside
 * a tag (unless `from` holds markup itself) or inside another field's text that contains `from`
 * ("Africa" within the example "Lions live in Africa.") belong to something else and stay.
 */
function replaceShown(text: string, from: string, to: string, others: readonly string[]): { text: string; replaced: number } {
  const kept = others.filter((o) => o.length > from.length && o.includes(from)).flatMap((o) => occurrences(text, o));
  if (!/[<>]/.test(from)) for (const m of text.matchAll(/<[^>]*>/g)) kept.push([m.index, m.index + m[0].length]);
  let out = '';
  let pos = 0;
  let replaced = 0;
  for (const [start, end] of occurrences(text, from)) {
    if (start < pos || kept.some(([a, b]) => start >= a && end <= b)) continue;
    out += text.slice(pos, start) + to;
    pos = end;
    replaced++;
  }
  return { text: out + text.slice(pos), replaced };
}

export function editRenderedNote(before: RenderedNote, draft: Record<string, unknown>): RenderedEdit {
  const raw = Array.isArray(draft['fields']) ? (draft['fields'] as unknown[]) : [];
  const values = raw.map((f) => (typeof f === 'object' && f !== null && typeof (f as { value?: unknown }).value === 'string' ? (f as { value: string }).value : null));
  if (values.length !== before.fields.length || values.some((v) => v === null)) {
    return { ok: false, errors: [{ field: 'fields', message: `an imported note keeps its ${before.fields.length} fields; each needs a text value` }] };
  }
  const errors: FieldError[] = [];
  let cards = before.cards.map((c) => ({ ...c }));
  before.fields.forEach((field, i) => {
    const next = values[i] as string;
    if (next === field.value) return;
    const others = before.fields.filter((_f, j) => j !== i).map((f) => f.value);
    let replaced = 0;
    const edited = cards.map((c) => {
      const front = replaceShown(c.front, field.value, next, others);
      const back = replaceShown(c.back, field.value, next, others);
      replaced += front.replaced + back.replaced;
      return { ...c, front: front.text, back: back.text };
    });
    if (field.value === '' || replaced === 0) {
      errors.push({
        field: `fields[${i}].value`,
        message: `${field.name}: the cards do not show this field as typed (a cloze, a filter or an empty field), and Retain keeps no note type templates to render it again`,
      });
      return;
    }
    cards = edited;
  });
  if (errors.length > 0) return { ok: false, errors };
  const firstEmpty = cards.findIndex((c) => c.front.trim() === '');
  if (firstEmpty >= 0) return { ok: false, errors: [{ field: 'fields', message: `card ${firstEmpty + 1} would have an empty front` }] };
  return {
    ok: true,
    content: { ...before, fields: before.fields.map((f, i) => ({ name: f.name, value: values[i] as string })), cards },
  };
}
