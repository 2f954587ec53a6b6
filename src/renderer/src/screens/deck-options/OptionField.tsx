/** One option of the deck options form: its label, input and help, or the rule it breaks shown at it. */
import type { ReactNode } from 'react';
import { FieldNote } from '../../components/FieldNote';

export function OptionField({
  id,
  label,
  help,
  error,
  children,
}: {
  id: string;
  label: string;
  help: ReactNode;
  error: string | undefined;
  /** The control; it gets `id`, and aria attributes from `controlProps(id, error)`. */
  children: ReactNode;
}) {
  return (
    <div className="field option-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      <FieldNote id={`${id}-note`} error={error} help={help} />
    </div>
  );
}

/** The attributes tying a control to its field's note and marking it invalid. */
export function controlProps(id: string, error: string | undefined) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': `${id}-note` } as const;
}

export function Toggle({ checked, onChange, label, help }: { checked: boolean; onChange: (v: boolean) => void; label: string; help: string }) {
  return (
    <label className="field check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <span className="field-label">{label}</span>
        <span className="field-help block">{help}</span>
      </span>
    </label>
  );
}
