/**
 * Deck options (#/decks/:id/options) or a preset's options (#/presets/:id): the preset chooser and
 * every option, grouped as in Anki; for a deck also its own limits ("this deck", "today only").
 * Save writes it all in one transaction; a refused value is shown at its field.
 */
import { SaveStatus, type SaveStatusValue } from '../../components/SaveStatus';
import { useEffect, useState } from 'react';
import type { DeckOptions, PresetSummary, PresetView } from '../../../../shared/api/presets-contract';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';
import { ScreenError } from '../../components/ScreenError';
import { countOf } from '../../count-words';
import { HelpMeDecide } from './HelpMeDecide';
import { OptimizePanel } from './OptimizePanel';
import { OptionsSections } from './OptionsSections';
import { PresetBar } from './PresetBar';
import { draftOf, fieldOfServerError, readDraft, type DraftField, type FieldErrors, type OptionsDraft } from './options-form';
import './deck-options.css';

interface Loaded {
  deck: DeckOptions | null;
  presets: PresetSummary[];
  preset: PresetView;
}

async function load(deckId: number | undefined, presetId: number | undefined): Promise<Loaded> {
  const deck = deckId !== undefined ? await call('deckOptions.get', { deckId }) : null;
  const presets = deck ? deck.presets : (await call('presets.list', {})).presets;
  const preset = await call('presets.get', { presetId: presetId ?? deck?.presetId ?? 1 });
  return { deck, presets, preset };
}

export function DeckOptionsScreen({ deckId, presetId }: { deckId?: number; presetId?: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<OptionsDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<SaveStatusValue | null>(null);
  const [includeSubdecks, setIncludeSubdecks] = useState(false);
  const [busy, setBusy] = useState(false);

  const show = (wantPreset?: number) => {
    load(deckId, wantPreset ?? presetId)
      .then((l) => {
        setLoaded(l);
        setDraft(draftOf(l.preset.config, l.deck?.limits ?? null));
        setErrors({});
      })
      .catch((err: unknown) => setLoadError(errorMessage(err)));
  };
  useEffect(() => show(), [deckId, presetId]); // eslint-disable-line react-hooks/exhaustive-deps

  if (loadError) return <ScreenError what="Options" error={loadError} />;
  if (!loaded || !draft) return <main className="screen muted">Loading options…</main>;
  const { deck, presets, preset } = loaded;
  const selected = presets.find((p) => p.id === preset.id) ?? { id: preset.id, name: preset.name, deckCount: 0, isDefault: preset.isDefault };

  /** Change a field, checking it as it is typed: its rule shows at it at once. */
  const set = <K extends DraftField>(field: K, value: OptionsDraft[K]) => {
    const next = { ...draft, [field]: value };
    const read = readDraft(next);
    setDraft(next);
    setErrors((e) => ({ ...e, [field]: 'errors' in read ? read.errors[field] : undefined }));
    setStatus(null);
  };

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const read = readDraft(draft);
    if ('errors' in read) {
      setErrors(read.errors);
      const n = Object.keys(read.errors).length;
      setStatus({ kind: 'error', text: `Fix the ${n === 1 ? 'highlighted field' : `${n} highlighted fields`}; nothing was saved.` });
      // The first field to fix comes into view with its message.
      document.getElementById(`opt-${Object.keys(read.errors)[0] ?? ''}`)?.focus();
      return;
    }
    setBusy(true);
    const request = deck
      ? call('deckOptions.save', { deckId: deck.deckId, presetId: preset.id, config: read.config, includeSubdecks, limits: read.limits })
      : call('presets.update', { presetId: preset.id, config: read.config });
    request
      .then(() => {
        setStatus({ kind: 'ok', text: deck ? `Saved. "${deck.path}" uses ${preset.name}.` : 'Saved.' });
        show(preset.id);
      })
      .catch((err: unknown) => {
        const message = errorMessage(err);
        const at = fieldOfServerError(message);
        if (at) setErrors((x) => ({ ...x, [at.field]: at.message }));
        setStatus({ kind: 'error', text: at ? 'Fix the highlighted field; nothing was saved.' : `Nothing was saved: ${message}` });
      })
      .finally(() => setBusy(false));
  };

  return (
    <main className="screen deck-options">
      <header className="page-head">
        <div>
          <p className="muted breadcrumb">
            <a href={deck ? '#/' : '#/settings'}>{deck ? 'Decks' : 'Settings'}</a> ›
          </p>
          <h1>{deck ? `Options for ${deck.path}` : `Preset: ${preset.name}`}</h1>
        </div>
      </header>
      <PresetBar
        presets={presets}
        selected={selected}
        forDeck={deck !== null}
        onSelect={(id) => {
          setStatus(deck && id !== deck.presetId ? { kind: 'ok', text: 'Save to give this preset to the deck.' } : null);
          show(id);
        }}
        onChanged={(id) => show(id)}
      />
      <form onSubmit={save} noValidate>
        {deck && deck.subdeckCount > 0 && (
          <label className="field check subdecks-check">
            <input type="checkbox" checked={includeSubdecks} onChange={(e) => setIncludeSubdecks(e.target.checked)} />
            <span>Also give this preset to its {countOf(deck.subdeckCount, 'subdeck')}</span>
          </label>
        )}
        <OptionsSections draft={draft} errors={errors} set={set} deckName={deck ? deck.path : null} hasFsrsWeights={preset.hasFsrsWeights} />
        <HelpMeDecide deckId={deck?.deckId ?? null} current={draft.desiredRetention} onApply={(r) => set('desiredRetention', r.toFixed(2))} />
        <div className="options-save">
          <button className="btn primary" type="submit" disabled={busy}>
            Save options
          </button>
          <SaveStatus status={status} />
        </div>
      </form>
      <OptimizePanel presetId={preset.id} presetName={preset.name} onApplied={() => setLoaded((l) => l && { ...l, preset: { ...l.preset, hasFsrsWeights: true } })} />
    </main>
  );
}
