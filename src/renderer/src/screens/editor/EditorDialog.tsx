import type { ReactNode } from 'react';
import { Modal } from '../../components/Modal';

/** A question with two answers; the safe one (`onCancel`) has the focus first, and Escape or a click outside takes it. */
export function EditorDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal role="alertdialog" title={title} onClose={onCancel} description={children}>
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel} data-autofocus>
          {cancelLabel}
        </button>
        <button type="button" className="btn danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
