import { useState } from 'react';
import type { LastRestore } from '../../../shared/api/app-contract';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';

const when = (name: string): string => {
  const m = /^retain-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)).toLocaleString() : name;
};

/** After a restore: which backup is in use, and a button that puts back what it replaced. */
export function RestoreBanner({ restore }: { restore: LastRestore }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  const undo = () => {
    if (!restore.undoBackup) return;
    setBusy(true);
    call('app.restoreBackup', { name: restore.undoBackup })
      .then(() => window.location.reload())
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="banner info restore-banner" role="status">
      <span>
        {restore.restored === null ? 'Started a new, empty collection.' : `Restored the backup from ${when(restore.restored)}.`}{' '}
        {restore.undoBackup ? 'The collection it replaced was backed up first.' : `The file it replaced is kept in ${restore.setAside ?? 'the backups folder'}.`}
      </span>
      {error && <span className="text-error"> {error}</span>}
      <span className="row gap">
        {restore.undoBackup && (
          <button className="btn small primary" disabled={busy} onClick={undo}>
            Undo restore
          </button>
        )}
        <button className="btn small ghost" onClick={() => setHidden(true)}>
          Dismiss
        </button>
      </span>
    </div>
  );
}
