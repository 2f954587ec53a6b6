/** A dialog with one form: Cancel and a submit button; a refusal of the submit is shown at the form's field. */
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/error-message';
import { Modal } from './Modal';

/** A refusal's message without its field prefix ("name: …"), to show at the field. */
export function atField(message: string, ...fields: string[]): string {
  for (const f of fields) if (message.startsWith(`${f}: `)) return message.slice(f.length + 2);
  return message;
}

export function FormDialog({
  title,
  submitLabel,
  fields,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  submitLabel: string;
  /** The input fields the main process may name in a refusal ("name", "parentId"). */
  fields: string[];
  /** Resolves when done (the dialog closes), rejects with the reason to show at the field. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  /** The form's field, given the refusal to show and a way to clear it when the value changes. */
  children: (error: string | null, clearError: () => void) => ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // A dialog opened from inside another form must not submit that one too.
    e.stopPropagation();
    setBusy(true);
    onSubmit()
      .then(onClose)
      .catch((err: unknown) => setError(atField(errorMessage(err), ...fields)))
      .finally(() => setBusy(false));
  };
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={submit}>
        {children(error, () => setError(null))}
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
