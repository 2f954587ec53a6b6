/**
 * The target this collection syncs with, "Sync now" with its progress, what the last sync
 * exchanged, the last problem with what to do about it, and Disconnect.
 */
import { useEffect, useState } from 'react';
import type { SyncProgress, SyncStatus } from '../../../../shared/api/sync-contract';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { acceptStatus, syncNow } from './sync-store';
import { agoText, KEEP_STUDYING, lastSyncText, problemAdvice, progressText, skippedText, targetText } from './sync-words';

/** The time now, ticking each 30 s so "3 minutes ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(t);
  }, []);
  return now;
}

function ProgressLine({ progress }: { progress: SyncProgress | null }) {
  const p = progress ?? { phase: 'preparing', done: 0, total: 0 };
  const percent = p.total > 0 ? Math.round((100 * Math.min(p.done, p.total)) / p.total) : null;
  return (
    <div className="sync-progress">
      <div
        className={`progress${percent === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== null ? { 'aria-valuenow': percent } : {})}
      >
        <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="muted">{progressText(p)}</p>
    </div>
  );
}

export function SyncOverview({ status, progress, onChange }: { status: SyncStatus; progress: SyncProgress | null; onChange: () => void }) {
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const target = status.target;
  if (!target) return null;
  const needsPassword = target.kind === 'webdav' && !target.hasPassword;
  const error = status.lastError;

  const start = () => {
    setFailure(null);
    syncNow().catch((err: unknown) => setFailure(errorMessage(err)));
  };

  return (
    <section className="panel sync-overview" aria-labelledby="sync-target-title">
      <div className="sync-target">
        <div>
          <h2 id="sync-target-title">{target.kind === 'folder' ? 'Syncing through a folder' : 'Syncing through WebDAV'}</h2>
          <p className="sync-where" data-testid="sync-where">
            {targetText(target)}
          </p>
        </div>
        <div className="row sync-actions">
          <button className="btn primary" type="button" onClick={start} disabled={status.running || needsPassword}>
            {status.running ? 'Syncing…' : 'Sync now'}
          </button>
          <button className="btn" type="button" onClick={onChange} disabled={status.running}>
            {needsPassword ? 'Enter the password' : 'Change…'}
          </button>
          <button className="btn ghost" type="button" onClick={() => setConfirming(true)} disabled={status.running}>
            Disconnect
          </button>
        </div>
      </div>

      {needsPassword && (
        <p className="banner info">
          This Retain keeps the WebDAV password only while it runs, and it has restarted since: enter the password again to sync. Your changes wait meanwhile.
        </p>
      )}

      <div aria-live="polite" className="sync-live">
        {status.running ? (
          <ProgressLine progress={progress} />
        ) : (
          <p className="sync-last" data-testid="sync-last">
            {status.lastReport ? (
              <>
                <strong>Last sync:</strong> {lastSyncText(status.lastReport, now)}
                {skippedText(status.lastReport.skippedFiles)}
              </>
            ) : status.lastSyncAt !== null ? (
              <>
                <strong>Last sync:</strong> {agoText(status.lastSyncAt, now)}.
              </>
            ) : (
              'Not synced yet.'
            )}
          </p>
        )}
      </div>

      {error && !status.running && (
        <div className="banner error sync-problem" role="alert" data-testid="sync-error">
          <div>
            <p>
              <strong>The last sync failed {agoText(error.at, now)}:</strong> {error.message}
            </p>
            <p>
              {problemAdvice(error, target.kind)} {KEEP_STUDYING}
            </p>
          </div>
        </div>
      )}
      {failure && (
        <p className="banner error" role="alert">
          Sync could not start: {failure}
        </p>
      )}

      {confirming && (
        <ConfirmDialog
          title="Disconnect sync?"
          description={
            <>
              This computer stops syncing with {targetText(target)}
              {target.kind === 'webdav' ? ' and forgets the password' : ''}. Nothing is deleted, here or there; your changes are still recorded and are sent if you connect again.
            </>
          }
          confirmLabel="Disconnect"
          onConfirm={async () => {
            acceptStatus(await call('sync.disconnect', {}));
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
