import { useState } from 'react';
import type { AppStatus } from '../../../shared/api/app-contract';
import { call, ApiCallError } from '../api/transport';

type Unavailable = Extract<AppStatus, { state: 'unavailable' }>;

/** Shown when the collection cannot be opened: the path, the reason, and the backups to restore. */
export function UnavailableScreen({ status, onRecovered }: { status: Unavailable; onRecovered: (s: AppStatus) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restore = (name: string) => {
    setBusy(true);
    call('app.restoreBackup', { name })
      .then(onRecovered)
      .catch((e: unknown) => setError(e instanceof ApiCallError ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  return (
    <main className="screen center">
      <section className="panel error-panel" role="alert">
        <h1>Your collection could not be opened</h1>
        <p>
          Retain could not read <code>{status.databasePath}</code>.
        </p>
        <p className="muted">{status.message}</p>
        <p>The file has not been changed. You can restore a backup; the unreadable file is kept beside it.</p>
        {error && <div className="banner error">{error}</div>}
        {status.backups.length === 0 ? (
          <p>
            <strong>No backups were found.</strong> Close Retain and move or repair the file above to start again.
          </p>
        ) : (
          <ul className="backup-list">
            {status.backups.map((b, i) => (
              <li key={b.name}>
                <span>
                  {new Date(b.createdAt).toLocaleString()} · {(b.bytes / 1024).toFixed(0)} KB{i === 0 ? ' · latest' : ''}
                </span>
                <button className={`btn ${i === 0 ? 'primary' : ''}`} disabled={busy} onClick={() => restore(b.name)}>
                  Restore this backup
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
