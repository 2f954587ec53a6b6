/** Ask for a name (a new deck, a renamed deck or preset); the main process's refusal shows at the field. */
import { useState } from 'react';
import { FieldNote } from './FieldNote';
import { FormDialog } from './FormDialog';

export function NameDialog({
  title,
  label,
  initial = '',
  help,
  submitLabel,
  onSubmit,
  onClose,
}: {
  title: string;
  label: string;
  initial?: string;
  help?: string;
  submitLabel: string;
  /** Resolves when done (the dialog closes), rejects with the reason to show at the field. */
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial);
  return (
    <FormDialog title={title} submitLabel={submitLabel} fields={['name']} onSubmit={() => onSubmit(name)} onClose={onClose}>
      {(error, clearError) => (
        <label className="field">
          <span className="field-label">{label}</span>
          <input
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              clearError();
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby="name-dialog-note"
          />
          <FieldNote id="name-dialog-note" error={error} help={help} />
        </label>
      )}
    </FormDialog>
  );
}
