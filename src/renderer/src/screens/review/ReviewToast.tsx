import { useEffect } from 'react';
import type { ReviewToast as Toast } from '../review-state';

/** The status line after an action or an undo: its message, and Undo while it is the latest thing done. */
export function ReviewToast({ toast, onUndo, onDismiss }: { toast: Toast; onUndo: () => void; onDismiss: () => void }) {
  useEffect(() => {
    const timer = window.setTimeout(onDismiss, 8000);
    return () => window.clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <div className="review-toast" role="status">
      <span>{toast.message}</span>
      {toast.undoId !== null && (
        <button className="btn ghost" onClick={onUndo}>
          Undo <kbd>Ctrl+Z</kbd>
        </button>
      )}
    </div>
  );
}
