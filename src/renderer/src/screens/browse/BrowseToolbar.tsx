/** The bulk actions on the selected cards, each with its Anki shortcut. */
import { FLAG_NAMES } from '../../../../shared/api/cards-contract';
import { keyLabel, SHORTCUTS } from './browse-commands';

interface Props {
  disabled: boolean;
  onSuspend(): void;
  onBury(): void;
  onFlag(flag: number): void;
  onDialog(kind: 'setDeck' | 'addTags' | 'removeTags' | 'forget' | 'setDue' | 'delete'): void;
  onEdit(): void;
}

function Action({ label, shortcut, onClick, disabled, danger }: { label: string; shortcut: string; onClick(): void; disabled: boolean; danger?: boolean }) {
  return (
    <button type="button" className={`btn small${danger ? ' danger-text' : ''}`} onClick={onClick} disabled={disabled} title={`${label} (${keyLabel(shortcut)})`} aria-keyshortcuts={shortcut}>
      {label}
    </button>
  );
}

export function BrowseToolbar({ disabled, onSuspend, onBury, onFlag, onDialog, onEdit }: Props) {
  return (
    <div className="browse-toolbar" role="toolbar" aria-label="Actions on the selected cards">
      <Action label="Edit" shortcut={SHORTCUTS.edit} onClick={onEdit} disabled={disabled} />
      <Action label="Suspend" shortcut={SHORTCUTS.suspend} onClick={onSuspend} disabled={disabled} />
      <Action label="Bury" shortcut={SHORTCUTS.bury} onClick={onBury} disabled={disabled} />
      <label className="flag-pick">
        <span className="sr-only">Flag</span>
        <select
          value=""
          disabled={disabled}
          onChange={(e) => {
            if (e.target.value !== '') onFlag(Number(e.target.value));
          }}
          title="Flag (Ctrl+1…7, Ctrl+K cycles)"
        >
          <option value="">Flag…</option>
          {FLAG_NAMES.map((name, i) => (
            <option key={i} value={i}>
              {i === 0 ? 'No flag' : `${name} (Ctrl+${i})`}
            </option>
          ))}
        </select>
      </label>
      <Action label="Change deck" shortcut={SHORTCUTS.setDeck} onClick={() => onDialog('setDeck')} disabled={disabled} />
      <Action label="Add tags" shortcut={SHORTCUTS.addTags} onClick={() => onDialog('addTags')} disabled={disabled} />
      <Action label="Remove tags" shortcut={SHORTCUTS.removeTags} onClick={() => onDialog('removeTags')} disabled={disabled} />
      <Action label="Set due date" shortcut={SHORTCUTS.setDue} onClick={() => onDialog('setDue')} disabled={disabled} />
      <Action label="Forget" shortcut={SHORTCUTS.forget} onClick={() => onDialog('forget')} disabled={disabled} />
      <Action label="Delete" shortcut={SHORTCUTS.delete} onClick={() => onDialog('delete')} disabled={disabled} danger />
    </div>
  );
}
