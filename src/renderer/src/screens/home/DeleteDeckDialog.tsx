/** "Delete this deck?": says how many subdecks and cards go with it, and that it can be undone. */
import type { DeckSummary } from '../../../../shared/api/decks-contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { countOf } from '../../count-words';

export function DeleteDeckDialog({
  deck,
  subdecks,
  onDelete,
  onClose,
}: {
  deck: DeckSummary;
  subdecks: number;
  onDelete: () => Promise<void>;
  onClose: () => void;
}) {
  const what = subdecks > 0 ? `it, its ${countOf(subdecks, 'subdeck')}` : 'it';
  return (
    <ConfirmDialog
      title={`Delete "${deck.path}"?`}
      confirmLabel={`Delete ${countOf(deck.totalCards, 'card')}`}
      onConfirm={onDelete}
      onClose={onClose}
      description={
        <>
          <p>
            This deletes {what} and <strong>{countOf(deck.totalCards, 'card')}</strong>, with their review history.
          </p>
          <p className="muted">A backup is made first, and you can undo it right after.</p>
        </>
      }
    />
  );
}
