import { useState } from 'react';
import type { BackupSettings, BackupsView, DatabaseCheck } from '../../../shared/api/app-contract';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';
import { useCall } from '../api/use-call';
import { BackupList } from '../components/BackupList';
import { CheckReport } from '../components/CheckReport';

const RETENTION: Array<{ key: keyof BackupSettings; label: string; help: string }> = [
  { key: 'intervalMinutes', label: 'Back up every (minutes)', help: 'While Retain is in use and something changed.' },
  { key: 'keepAllDays', label: 'Keep every backup of the last (days)', help: '' },
  { key: 'daily', label: 'Then keep daily backups', help: 'One per day, for this many days.' },
  { key: 'weekly', label: 'Then keep weekly backups', help: '' },
  { key: 'monthly', label: 'Then keep monthly backups', help: '' },
];

/** Settings: "Check database", the backups (make one, restore one) and how many are kept. */
export function CollectionPanel() {
  const { data: view, error: loadError, setData: setView } = useCall('backups.list', {});
  /** Retention fields the user has edited; the others show the saved values. */
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [report, setReport] = useState<DatabaseCheck | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const shownNote = note ?? (loadError ? { kind: 'error' as const, text: loadError } : null);

  const show = (v: BackupsView) => {
    setView(v);
    setDraft({});
  };
  const value = (key: keyof BackupSettings): string => draft[key] ?? (view ? String(view.settings[key]) : '');

  const act = <T,>(what: string, work: () => Promise<T>, done: (v: T) => void) => {
    setBusy(what);
    setNote(null);
    work()
      .then(done)
      .catch((e: unknown) => setNote({ kind: 'error', text: errorMessage(e) }))
      .finally(() => setBusy(null));
  };
  const check = () =>
    act('check', () => call('app.checkDatabase', {}), (r) => {
      setReport(r);
      void call('backups.list', {}).then(show);
    });
  const backupNow = () => act('backup', () => call('backups.create', {}), (v) => (show(v), setNote({ kind: 'ok', text: 'Backup made.' })));
  const saveRetention = (e: React.FormEvent) => {
    e.preventDefault();
    const patch = Object.fromEntries(RETENTION.map((r) => [r.key, Number(value(r.key))]));
    act('save', () => call('backups.updateSettings', patch), (v) => (show(v), setNote({ kind: 'ok', text: 'Backup settings saved.' })));
  };
  // A restore replaces the whole collection: reload so every screen shows it, with the undo banner.
  const restore = (name: string) => act('restore', () => call('app.restoreBackup', { name }), () => window.location.reload());

  return (
    <section className="panel collection-panel" aria-label="Collection and backups">
      <h2 className="section-title">Collection and backups</h2>
      <div className="row gap">
        <button className="btn" disabled={busy !== null} onClick={check}>
          {busy === 'check' ? 'Checking…' : 'Check database'}
        </button>
        <button className="btn" disabled={busy !== null} onClick={backupNow}>
          {busy === 'backup' ? 'Backing up…' : 'Back up now'}
        </button>
        {shownNote && (
          <span role="status" className={shownNote.kind === 'error' ? 'text-error' : 'text-ok'}>
            {shownNote.text}
          </span>
        )}
      </div>
      <p className="field-help">Check database runs an integrity check, rebuilds the indexes and repairs what it can; a backup is made first.</p>
      {report && <CheckReport report={report} />}
      {view?.lastError && <div className="banner error">The last backup failed: {view.lastError}</div>}
      {view && (
        <>
          <p className="muted">
            {view.backups.length} {view.backups.length === 1 ? 'backup' : 'backups'} in <code>{view.folder}</code>. Restoring one first backs up the collection as it is, so it can be undone.
          </p>
          <BackupList backups={view.backups} busy={busy !== null} limit={8} onRestore={restore} />
          <form className="form-grid" onSubmit={saveRetention}>
            {RETENTION.map((r) => (
              <label className="field" key={r.key}>
                <span className="field-label">{r.label}</span>
                <input type="number" min="0" value={value(r.key)} onChange={(e) => setDraft((d) => ({ ...d, [r.key]: e.target.value }))} />
                {r.help && <span className="field-help">{r.help}</span>}
              </label>
            ))}
            <div className="row gap">
              <button className="btn" type="submit" disabled={busy !== null}>
                Save backup settings
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
