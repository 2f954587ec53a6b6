/**
 * The nav's Sync entry, with a small mark when something is worth a look: a turning ring while a
 * sync runs, a red dot when the last one failed, an amber one when the WebDAV password must be
 * entered again. The status is asked once the first screen is up, then each minute (the main
 * process also syncs by itself).
 */
import { useEffect } from 'react';
import { refreshSync, useSyncView } from './sync-store';
import './sync-nav.css';

const FIRST_LOOK_MS = 2_500;
const LOOK_EVERY_MS = 60_000;

export function SyncNavTab({ active }: { active: boolean }) {
  const { status } = useSyncView();
  useEffect(() => {
    const look = () => void refreshSync();
    const first = window.setTimeout(look, FIRST_LOOK_MS);
    const every = window.setInterval(look, LOOK_EVERY_MS);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(every);
    };
  }, []);
  const target = status?.target ?? null;
  const mark = !status || !target
    ? null
    : status.running
      ? { kind: 'running', text: 'syncing' }
      : status.lastError
        ? { kind: 'failed', text: 'the last sync failed' }
        : target.kind === 'webdav' && !target.hasPassword
          ? { kind: 'waiting', text: 'password needed' }
          : null;
  return (
    <a href="#/sync" className={active ? 'tab active sync-tab' : 'tab sync-tab'} data-testid="nav-sync">
      Sync
      {mark && (
        <>
          <span className={`sync-mark ${mark.kind}`} aria-hidden="true" />
          <span className="sr-only"> ({mark.text})</span>
        </>
      )}
    </a>
  );
}
