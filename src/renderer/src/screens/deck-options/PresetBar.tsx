/** Choose the preset shown (and, for a deck, the one it will use), and add, clone, rename or delete presets. */
import { useState } from 'react';
import type { PresetSummary } from '../../../../shared/api/presets-contract';
import { call } from '../../api/transport';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { NameDialog } from '../../components/NameDialog';
import { countOf } from '../../count-words';

type Dialog = 'add' | 'clone' | 'rename' | 'delete';

export function PresetBar({
  presets,
  selected,
  onSelect,
  onChanged,
  forDeck,
}: {
  presets: PresetSummary[];
  selected: PresetSummary;
  onSelect: (presetId: number) => void;
  /** After a preset was created, renamed or deleted: reload, and show `presetId` if given. */
  onChanged: (presetId?: number) => void;
  forDeck: boolean;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  return (
    <div className="panel preset-bar">
      <label className="field">
        <span className="field-label">{forDeck ? 'Preset used by this deck' : 'Preset'}</span>
        <select value={selected.id} onChange={(e) => onSelect(Number(e.target.value))} aria-describedby="preset-use">
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <span id="preset-use" className="field-help">
          {selected.name} is used by {countOf(selected.deckCount, 'deck')}; changing its options changes them for all of them.
        </span>
      </label>
      <div className="row gap preset-actions">
        <button type="button" className="btn small" onClick={() => setDialog('add')}>
          Add preset
        </button>
        <button type="button" className="btn small" onClick={() => setDialog('clone')}>
          Clone
        </button>
        <button type="button" className="btn small" onClick={() => setDialog('rename')}>
          Rename
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => setDialog('delete')}
          disabled={selected.isDefault}
          title={selected.isDefault ? 'The Default preset cannot be deleted' : undefined}
        >
          Delete
        </button>
      </div>

      {(dialog === 'add' || dialog === 'clone') && (
        <NameDialog
          title={dialog === 'add' ? 'Add preset' : `Clone "${selected.name}"`}
          label="Preset name"
          initial={dialog === 'clone' ? `${selected.name} copy` : ''}
          help={dialog === 'add' ? 'It starts with the default options.' : `It starts with the options of "${selected.name}".`}
          submitLabel={dialog === 'add' ? 'Add' : 'Clone'}
          onClose={close}
          onSubmit={async (name) => {
            const { presetId } = await call('presets.create', { name, ...(dialog === 'clone' ? { cloneFrom: selected.id } : {}) });
            onChanged(presetId);
          }}
        />
      )}
      {dialog === 'rename' && (
        <NameDialog
          title={`Rename "${selected.name}"`}
          label="Preset name"
          initial={selected.name}
          submitLabel="Rename"
          onClose={close}
          onSubmit={async (name) => {
            await call('presets.rename', { presetId: selected.id, name });
            onChanged(selected.id);
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete preset "${selected.name}"?`}
          confirmLabel="Delete preset"
          onClose={close}
          onConfirm={async () => {
            await call('presets.delete', { presetId: selected.id });
            onChanged(1);
          }}
          description={<p>{selected.deckCount > 0 ? `Its ${countOf(selected.deckCount, 'deck')} will use the Default preset.` : 'No deck uses it.'}</p>}
        />
      )}
    </div>
  );
}
