/**
 * Sync (#/sync): choose a folder or a WebDAV server, sync now, see what the last sync exchanged and
 * which computers share this collection. Problems show here and as a mark on the nav's Sync entry,
 * never in the way of studying.
 */
import { useEffect, useState } from 'react';
import { ScreenError } from '../../components/ScreenError';
import { SyncDevices } from './SyncDevices';
import { SyncOverview } from './SyncOverview';
import { refreshSync, useSyncProgress, useSyncView } from './sync-store';
import { SyncTargetForm } from './SyncTargetForm';
import './sync.css';

export function SyncScreen() {
  const { status, progress, callError } = useSyncView();
  const [editing, setEditing] = useState(false);
  useEffect(() => void refreshSync(), []);
  useSyncProgress();

  if (!status && callError) return <ScreenError what="Sync" error={callError} />;
  if (!status) return <main className="screen muted">Loading sync…</main>;
  const showForm = editing || status.target === null;
  return (
    <main className="screen sync-screen">
      <header className="page-head">
        <div>
          <h1>Sync</h1>
          <p className="muted">Study on several computers: each one keeps its own copy and exchanges changes through a folder or a WebDAV server you choose.</p>
        </div>
      </header>
      {callError && (
        <p className="banner error" role="alert">
          Retain could not reach its sync service: {callError}
        </p>
      )}
      <div className="sync-layout">
        <div className="sync-main">
          {showForm ? (
            <SyncTargetForm status={status} onDone={() => setEditing(false)} {...(status.target ? { onCancel: () => setEditing(false) } : {})} />
          ) : (
            <SyncOverview status={status} progress={progress} onChange={() => setEditing(true)} />
          )}
          <SyncDevices status={status} />
        </div>
        <aside className="panel sync-help" aria-labelledby="sync-help-title">
          <h2 id="sync-help-title">How it works</h2>
          <ul>
            <li>Each computer writes only its own files, in a “retain-sync” folder at the target. Nothing there is ever overwritten.</li>
            <li>Study offline on any computer: every answer is kept, and the cards’ schedules are worked out from all of them.</li>
            <li>Edits on two computers keep the later one, field by field. There is never a “which copy wins?” question.</li>
            <li>Retain syncs when it starts, shortly after you study, and every few minutes; press “Sync now” any time.</li>
          </ul>
        </aside>
      </div>
    </main>
  );
}
