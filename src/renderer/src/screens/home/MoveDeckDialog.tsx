/** "Move to…": a deck (with its subdecks) goes under another deck or to the top level. */
import { useState } from 'react';
import type { DeckSummary } from '../../../../shared/api/decks-contract';
import { FieldNote } from '../../components/FieldNote';
import { FormDialog } from '../../components/FormDialog';

const TOP = 'top';

export function MoveDeckDialog({
  deck,
  decks,
  onMove,
  onClose,
}: {
  deck: DeckSummary;
  decks: DeckSummary[];
  onMove: (parentId: number | null) => Promise<void>;
  onClose: () => void;
}) {
  // A deck cannot go under itself or one of its subdecks.
  const targets = decks.filter((d) => d.id !== deck.id && !d.path.startsWith(`${deck.path}::`));
  const [target, setTarget] = useState(deck.parentId === null ? TOP : String(deck.parentId));
  return (
    <FormDialog
      title={`Move "${deck.name}"`}
      submitLabel="Move"
      fields={['parentId', 'name']}
      onSubmit={() => onMove(target === TOP ? null : Number(target))}
      onClose={onClose}
    >
      {(error, clearError) => (
        <label className="field">
          <span className="field-label">Put it under</span>
          <select
            data-autofocus
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              clearError();
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby="move-note"
          >
            <option value={TOP}>(top level)</option>
            {targets.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.path.replaceAll('::', ' › ')}
              </option>
            ))}
          </select>
          <FieldNote id="move-note" error={error} help="Its subdecks move with it. You can also drag a deck onto another." />
        </label>
      )}
    </FormDialog>
  );
}
