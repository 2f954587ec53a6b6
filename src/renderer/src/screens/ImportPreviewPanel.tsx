/** The preview of an import: format, counts, target deck, CSV columns, the first notes, skipped rows. */
import type { Dispatch } from 'react';
import type { CsvMapping } from '../../../shared/api/import-contract';
import { MediaCardContent } from '../components/MediaCardContent';
import { canImport, DELIMITERS, FORMAT_LABELS, formatBytes, placeLabel, type ImportAction, type ImportState } from './import-state';

const ROLES: Array<{ role: keyof CsvMapping; label: string; required: boolean }> = [
  { role: 'front', label: 'Front', required: true },
  { role: 'back', label: 'Back', required: true },
  { role: 'tags', label: 'Tags', required: false },
  { role: 'deck', label: 'Deck', required: false },
];

const STATUS_LABEL = { new: 'New', updated: 'Update', unchanged: 'Same' } as const;

export function ImportPreviewPanel({
  state,
  dispatch,
  busy,
  onImport,
}: {
  state: ImportState;
  dispatch: Dispatch<ImportAction>;
  busy: boolean;
  onImport: () => void;
}) {
  const p = state.preview;
  if (!p) return null;
  const csv = p.csv;
  const mapping: CsvMapping | undefined = csv ? { ...csv.mapping } : undefined;
  const locked = busy || state.phase !== 'preview';
  const columnLabel = (i: number): string => {
    const name = csv?.columns[i];
    return name && name !== `Column ${i + 1}` ? `${i + 1}: ${name}` : `Column ${i + 1}`;
  };
  const writes = p.counts.new + p.counts.updated;
  const tiles = [
    { key: 'new', label: 'New', value: p.counts.new, hint: 'notes added' },
    { key: 'updated', label: 'Updated', value: p.counts.updated, hint: 'history kept' },
    { key: 'unchanged', label: 'Unchanged', value: p.counts.unchanged, hint: 'already here' },
    { key: 'skipped', label: 'Skipped', value: p.counts.skipped, hint: p.counts.skipped ? 'see below' : 'none' },
  ] as const;

  return (
    <section className={`panel import-preview ${state.phase === 'previewing' ? 'stale' : ''}`} aria-label="Import preview" aria-busy={state.phase === 'previewing'}>
      <header className="preview-head">
        <span className={`format-badge format-${p.format}`}>{FORMAT_LABELS[p.format]}</span>
        <h2 className="preview-title" title={p.fileName}>
          {p.fileName}
        </h2>
        <span className="muted">{formatBytes(p.bytes)}</span>
      </header>

      <div className="stat-tiles" role="list">
        {tiles.map((t) => (
          <div key={t.key} className={`stat-tile ${t.key} ${t.value === 0 ? 'zero' : ''}`} role="listitem" data-testid={`count-${t.key}`}>
            <span className="stat-value">{t.value.toLocaleString()}</span>
            <span className="stat-label">{t.label}</span>
            <span className="stat-hint">{t.hint}</span>
          </div>
        ))}
      </div>
      <p className="adds muted">
        Adds {p.adds.cards.toLocaleString()} {p.adds.cards === 1 ? 'card' : 'cards'}
        {p.adds.reviews > 0 && (
          <>
            , {p.adds.reviews.toLocaleString()} {p.adds.reviews === 1 ? 'review' : 'reviews'} of history
          </>
        )}
        {p.adds.media > 0 && (
          <>
            , {p.adds.media.toLocaleString()} media {p.adds.media === 1 ? 'file' : 'files'}
          </>
        )}
        {p.adds.decks > 0 && (
          <>
            , {p.adds.decks} new {p.adds.decks === 1 ? 'deck' : 'decks'}
          </>
        )}
        . Into: {p.decks.slice(0, 5).join(', ') || '—'}
        {p.decks.length > 5 && ` and ${p.decks.length - 5} more`}.
      </p>

      <div className="import-options">
        <label className="field">
          <span className="field-label">Deck</span>
          <input
            value={state.deckDraft}
            placeholder={p.decks.length > 1 ? `Keep the file's ${p.decks.length} decks` : p.defaultDeck}
            disabled={locked}
            onChange={(e) => dispatch({ type: 'deckDraft', text: e.target.value })}
            onBlur={() => dispatch({ type: 'applyDeck' })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') dispatch({ type: 'applyDeck' });
            }}
            aria-describedby="deck-help"
          />
          <span className="field-help" id="deck-help">
            Every card goes into this deck; use “Parent::Child” for a subdeck.{p.decks.length > 1 ? ' Leave empty to keep the file’s decks.' : ''}
          </span>
        </label>

        {csv && mapping && (
          <fieldset className="mapping" disabled={locked}>
            <legend>Columns</legend>
            <div className="mapping-top">
              <label className="field">
                <span className="field-label">Separator</span>
                <select
                  value={csv.delimiter}
                  onChange={(e) => dispatch({ type: 'csv', patch: { delimiter: e.target.value } })}
                >
                  {DELIMITERS.map((d) => (
                    <option key={d.label} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                  {!DELIMITERS.some((d) => d.value === csv.delimiter) && <option value={csv.delimiter}>“{csv.delimiter}”</option>}
                </select>
              </label>
              <label className="field check header-check">
                <input
                  type="checkbox"
                  checked={csv.hasHeader}
                  onChange={(e) => dispatch({ type: 'csv', patch: { hasHeader: e.target.checked } })}
                />
                <span>First row names the columns</span>
              </label>
            </div>
            <div className="mapping-grid">
              {ROLES.map((r) => (
                <label key={r.role} className="field">
                  <span className="field-label">{r.label}</span>
                  <select
                    aria-label={`${r.label} column`}
                    value={mapping[r.role] === undefined ? '' : String(mapping[r.role])}
                    onChange={(e) => dispatch({ type: 'mapping', role: r.role, column: e.target.value === '' ? null : Number(e.target.value) })}
                  >
                    {!r.required && <option value="">— none —</option>}
                    {Array.from({ length: Math.max(csv.columnCount, 2) }, (_, i) => (
                      <option key={i} value={String(i)}>
                        {columnLabel(i)}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
        )}
      </div>

      {p.sample.length > 0 ? (
        <div className="sample-wrap">
          <table className="sample-table">
            <caption className="muted">
              First {p.sample.length} of {(p.counts.new + p.counts.updated + p.counts.unchanged).toLocaleString()} notes, as they will look
            </caption>
            <thead>
              <tr>
                <th scope="col">Front</th>
                <th scope="col">Back</th>
                <th scope="col" className="narrow">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {p.sample.map((n, i) => (
                <tr key={`${n.location}-${i}`}>
                  <td>
                    <MediaCardContent text={n.front} format={n.format} known={p.sampleMedia} className="sample-card" />
                  </td>
                  <td>
                    <MediaCardContent text={n.back} format={n.format} known={p.sampleMedia} className="sample-card" />
                  </td>
                  <td className="narrow">
                    <span className={`status-chip ${n.status}`}>{STATUS_LABEL[n.status]}</span>
                    {placeLabel(n.location, 'sample') && <div className="sample-meta muted">{placeLabel(n.location, 'sample')}</div>}
                    {n.tags.length > 0 && <div className="sample-meta muted">{n.tags.slice(0, 3).join(' ')}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-note muted">The file holds no notes that can be imported.</p>
      )}

      {p.skipped.length > 0 && (
        <details className="issues skipped" open={p.skipped.length <= 8}>
          <summary>
            Skipped {p.counts.skipped.toLocaleString()} {p.counts.skipped === 1 ? 'row' : 'rows'}
          </summary>
          <ul>
            {p.skipped.map((s, i) => (
              <li key={i}>
                <span className="issue-where">{placeLabel(s.location, 'issue')}</span> {s.reason}
              </li>
            ))}
            {p.counts.skipped > p.skipped.length && <li className="muted">… and {p.counts.skipped - p.skipped.length} more</li>}
          </ul>
        </details>
      )}
      {p.warnings.length > 0 && (
        <details className="issues warnings">
          <summary>
            {p.warningCount.toLocaleString()} {p.warningCount === 1 ? 'warning' : 'warnings'} (imported anyway)
          </summary>
          <ul>
            {p.warnings.map((s, i) => (
              <li key={i}>
                <span className="issue-where">{placeLabel(s.location, 'issue')}</span> {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}

      <div className="import-actions">
        <button className="btn primary wide" disabled={!canImport(state)} onClick={onImport}>
          {state.phase === 'importing'
            ? 'Importing…'
            : writes > 0
              ? `Import ${writes.toLocaleString()} ${writes === 1 ? 'note' : 'notes'}`
              : 'Nothing to import'}
        </button>
        {state.phase === 'previewing' && <span className="muted">Updating the preview…</span>}
      </div>
    </section>
  );
}
