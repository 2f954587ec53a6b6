import { useState } from 'react';
import type { AppStatus, DatabaseCheck } from '../../../shared/api/app-contract';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';
import { BackupList } from '../components/BackupList';
import { CheckReport } from '../components/CheckReport';

type Unavailable = Extract<AppStatus, { state: 'unavailable' }>;

const TITLES: Record<Unavailable['reason'], string> = {
  empty: 'Your collection file is empty',
  not_retain: 'This file is not a Retain collection',
  damaged: 'Your collection file is damaged',
  newer_schema: 'This collection needs a newer Retain',
  read_only: 'The data folder is read-only',
  disk_full: 'The disk is full',
  unreadable: 'Your collection could not be opened',
};

/** Shown when the collection cannot be used: the reason, what to do, and the backups to restore. */
export function UnavailableScreen({ status, onRecovered }: { status: Unavailable; onRecovered: (s: AppStatus) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<DatabaseCheck | null>(null);
  const [current, setCurrent] = useState(status);

  const run = (work: Promise<AppStatus>) => {
    setBusy(true);
    setError(null);
    work
      .then((s) => (s.state === 'ok' ? onRecovered(s) : setCurrent(s)))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const repair = () => {
    setBusy(true);
    setError(null);
    call('app.checkDatabase', {})
      .then((r) => {
        setReport(r);
        if (r.status.state === 'unavailable') setCurrent(r.status);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const s = current;
  const canRetry = s.reason === 'read_only' || s.reason === 'disk_full' || s.reason === 'unreadable';
  const canStartFresh = s.reason === 'empty' || s.reason === 'not_retain' || (s.reason === 'damaged' && s.backups.length === 0);
  const repaired = report?.status.state === 'ok';
  const canRepair = s.reason === 'damaged' && !repaired;

  return (
    <main className="screen center">
      <section className="panel error-panel" role="alert">
        <h1>{TITLES[s.reason]}</h1>
        <p>
          Collection file: <code>{s.databasePath}</code>
        </p>
        <p>{s.message}</p>
        <p>
          <strong>What to do:</strong> {s.advice}
        </p>
        {error && <div className="banner error">{error}</div>}
        {(canRetry || canRepair) && (
          <div className="row gap">
            {canRetry && (
              <button className="btn primary" disabled={busy} onClick={() => run(call('app.retry', {}))}>
                Try again
              </button>
            )}
            {canRepair && (
              <button className="btn" disabled={busy} onClick={repair}>
                Check and repair
              </button>
            )}
          </div>
        )}
        {report && <CheckReport report={report} />}
        {repaired ? (
          <button className="btn primary" onClick={() => onRecovered(report.status)}>
            Open the repaired collection
          </button>
        ) : (
          <>
            {s.backups.length === 0 && (
              <p>
                <strong>No backups were found.</strong>
              </p>
            )}
            {canStartFresh && (
              <p>
                <button className="btn" disabled={busy} onClick={() => run(call('app.startFresh', {}))}>
                  Start a new, empty collection
                </button>{' '}
                <span className="muted">The current file is kept, moved into the backups folder.</span>
              </p>
            )}
            {s.backups.length > 0 && (
              <>
                <h2 className="section-title">Backups</h2>
                <BackupList backups={s.backups} recommended={s.recommended} busy={busy} limit={12} onRestore={(name) => run(call('app.restoreBackup', { name }))} />
                <p className="muted">Restoring moves the current file aside, whole, into the backups folder; nothing is deleted.</p>
              </>
            )}
          </>
        )}
      </section>
    </main>
  );
}
