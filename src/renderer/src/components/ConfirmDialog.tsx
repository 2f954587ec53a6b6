/** "Delete …?": what goes, Cancel (focused first) and the destructive button; a refusal shows in the dialog. */
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/error-message';
import { Modal } from './Modal';

export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Resolves when done (the dialog closes), rejects with the reason to show. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = () => {
    setBusy(true);
    onConfirm()
      .then(onClose)
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  return (
    <Modal role="alertdialog" title={title} onClose={onClose} description={description}>
      {error && (
        <p className="text-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button className="btn" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button className="btn danger" onClick={confirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
