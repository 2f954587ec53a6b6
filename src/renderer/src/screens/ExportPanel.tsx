/** Export a deck (or all decks) as Retain JSON, CSV or an Anki package, offered as a download. */
import { useEffect, useState } from 'react';
import type { DeckSummary } from '../../../shared/api/decks-contract';
import type { ExportFormat } from '../../../shared/api/import-contract';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';

const FORMATS: Array<{ value: ExportFormat; label: string; help: string }> = [
  { value: 'apkg', label: 'Anki package (.apkg)', help: 'Opens in Anki, with scheduling and, if chosen, review history.' },
  { value: 'json', label: 'Retain deck (.json)', help: 'Retain’s own deck format; subdecks are merged, no history.' },
  { value: 'csv', label: 'CSV (.csv)', help: 'Front, back, tags, deck and GUID per note, as Anki’s text export.' },
];

function download(fileName: string, mime: string, dataBase64: string): void {
  const bin = atob(dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function ExportPanel({ refreshKey }: { refreshKey: number }) {
  const [decks, setDecks] = useState<DeckSummary[]>([]);
  const [deckId, setDeckId] = useState<string>('all');
  const [format, setFormat] = useState<ExportFormat>('apkg');
  const [history, setHistory] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    call('decks.list', {}).then(
      (d) => setDecks(d.decks),
      () => setDecks([]),
    );
  }, [refreshKey]);

  const run = (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    call('export.deck', { deckId: deckId === 'all' ? null : Number(deckId), format, includeHistory: format === 'apkg' && history })
      .then((file) => {
        download(file.fileName, file.mime, file.dataBase64);
        const reviews = format === 'apkg' && history ? `, ${file.reviews.toLocaleString()} reviews` : '';
        setMessage({ kind: 'ok', text: `Exported ${file.notes.toLocaleString()} notes (${file.cards.toLocaleString()} cards${reviews}) to ${file.fileName}.` });
      })
      .catch((err: unknown) => setMessage({ kind: 'error', text: errorMessage(err) }))
      .finally(() => setBusy(false));
  };

  const help = FORMATS.find((f) => f.value === format)?.help ?? '';

  return (
    <section className="panel export-panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <form className="export-grid" onSubmit={run}>
        <label className="field">
          <span className="field-label">Deck</span>
          <select value={deckId} onChange={(e) => setDeckId(e.target.value)}>
            <option value="all">All decks</option>
            {decks.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {'\u2003'.repeat(d.depth)}
                {d.name} ({d.totalCards})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Format</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className={`field check ${format === 'apkg' ? '' : 'disabled'}`}>
          <input type="checkbox" checked={format === 'apkg' && history} disabled={format !== 'apkg'} onChange={(e) => setHistory(e.target.checked)} />
          <span>Include review history</span>
        </label>
        <button className="btn primary" type="submit" disabled={busy}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </form>
      <p className="field-help">{help}</p>
      {message && (
        <p role="status" className={message.kind === 'error' ? 'text-error' : 'text-ok'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
