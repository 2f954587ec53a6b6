/** The fields of one note kind, each with its errors underneath. */
import type { KeyboardEvent } from 'react';
import type { EditableKind } from '../../../../shared/api/notes-contract';
import { KIND_FIELDS, NUMERIC_UNITS, nextClozeNumber, type EditorForm, type FieldSpec } from './editor-form';

type Errors = Record<string, string[]>;

function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {errors.join(' ')}
    </span>
  );
}

/** Anki's Ctrl+Shift+C: hide the selection as the next cloze number. */
function clozeKey(e: KeyboardEvent<HTMLTextAreaElement>, set: (v: string) => void): void {
  if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.key.toLowerCase() !== 'c') return;
  e.preventDefault();
  const el = e.currentTarget;
  const { selectionStart: a, selectionEnd: b, value } = el;
  const n = nextClozeNumber(value);
  const inner = value.slice(a, b) || '…';
  set(`${value.slice(0, a)}{{c${n}::${inner}}}${value.slice(b)}`);
}

function TextField({ spec, id, form, errors, kind, set }: { spec: FieldSpec; id: string; form: EditorForm; errors: Errors; kind: EditableKind; set: (key: string, v: string) => void }) {
  const err = errors[spec.key];
  const describedBy = [spec.help ? `${id}-help` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: form.text[spec.key] ?? '',
    'aria-invalid': err ? true : undefined,
    'aria-describedby': describedBy,
    'data-field': spec.key,
  } as const;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {spec.label}
      </label>
      {spec.lines > 1 ? (
        <textarea
          {...common}
          rows={spec.lines}
          onChange={(e) => set(spec.key, e.target.value)}
          onKeyDown={kind === 'cloze' && spec.key === 'text' ? (e) => clozeKey(e, (v) => set(spec.key, v)) : undefined}
        />
      ) : (
        <input {...common} onChange={(e) => set(spec.key, e.target.value)} />
      )}
      {spec.help && (
        <span id={`${id}-help`} className="field-help">
          {spec.help}
        </span>
      )}
      <FieldErrors id={`${id}-error`} errors={err} />
    </div>
  );
}

function numericErrors(errors: Errors): string[] | undefined {
  const all = [...(errors['numericValue'] ?? []), ...(errors['numericUnit'] ?? []), ...(errors['numericTolerance'] ?? [])];
  return all.length > 0 ? all : undefined;
}

export function NoteFields({ form, errors, onChange }: { form: EditorForm; errors: Errors; onChange: (f: EditorForm) => void }) {
  const set = (key: string, v: string) => onChange({ ...form, text: { ...form.text, [key]: v } });
  if (form.kind === 'rendered') {
    return (
      <>
        {form.fieldNames.map((name, i) => (
          <TextField key={name} spec={{ key: `field:${i}`, label: name, lines: 3 }} id={`editor-field-${i}`} form={form} errors={errors} kind="rendered" set={set} />
        ))}
      </>
    );
  }
  return (
    <>
      {KIND_FIELDS[form.kind].map((spec) => (
        <TextField key={spec.key} spec={spec} id={`editor-${spec.key}`} form={form} errors={errors} kind={form.kind} set={set} />
      ))}
      {form.kind === 'basic' && (
        <label className="field check">
          <input type="checkbox" checked={form.reversed} onChange={(e) => onChange({ ...form, reversed: e.target.checked })} />
          <span>
            Also make a reverse card <span className="field-help">(back → front)</span>
          </span>
        </label>
      )}
      {form.kind === 'truefalse' && (
        <fieldset className="field editor-truth">
          <legend className="field-label">The statement is</legend>
          <label>
            <input type="radio" name="truth" checked={form.truth} onChange={() => onChange({ ...form, truth: true })} /> True
          </label>
          <label>
            <input type="radio" name="truth" checked={!form.truth} onChange={() => onChange({ ...form, truth: false })} /> False
          </label>
          <FieldErrors id="editor-truth-error" errors={errors['truth']} />
        </fieldset>
      )}
      {form.kind === 'typed' && (
        <fieldset className="field editor-numeric">
          <legend className="field-label">Numeric answer (optional)</legend>
          <span className="field-help">Any amount equal to this one in another unit is accepted too (900 s = 15 min).</span>
          <div className="row gap">
            <label className="field">
              <span className="field-help">Value</span>
              <input inputMode="decimal" value={form.numericValue} aria-invalid={errors['numericValue'] ? true : undefined} onChange={(e) => onChange({ ...form, numericValue: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-help">Unit</span>
              <select value={form.numericUnit} onChange={(e) => onChange({ ...form, numericUnit: e.target.value })}>
                {NUMERIC_UNITS.map((u) => (
                  <option key={u}>{u}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-help">± tolerance</span>
              <input inputMode="decimal" value={form.numericTolerance} placeholder="0" onChange={(e) => onChange({ ...form, numericTolerance: e.target.value })} />
            </label>
          </div>
          <FieldErrors id="editor-numeric-error" errors={numericErrors(errors)} />
        </fieldset>
      )}
    </>
  );
}
