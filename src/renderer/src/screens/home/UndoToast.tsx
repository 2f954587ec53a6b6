/** What an action did, with an Undo button (actions.undo), until dismissed or replaced. */
export interface Toast {
  message: string;
  undo: { id: number; label: string } | null;
}

export function UndoToast({ toast, onUndo, onDismiss }: { toast: Toast; onUndo: () => void; onDismiss: () => void }) {
  return (
    <div className="undo-toast" role="status">
      <span>{toast.message}</span>
      {toast.undo && (
        <button className="btn small" onClick={onUndo}>
          Undo
        </button>
      )}
      <button className="btn ghost small" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
