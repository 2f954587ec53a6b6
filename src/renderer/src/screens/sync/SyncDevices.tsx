/** This computer and the other computers whose changes have been merged here, with when. */
import type { SyncStatus } from '../../../../shared/api/sync-contract';
import { agoText, deviceLabel } from './sync-words';

export function SyncDevices({ status }: { status: SyncStatus }) {
  const now = Date.now();
  return (
    <section className="panel sync-devices" aria-labelledby="sync-devices-title">
      <h2 id="sync-devices-title">Computers</h2>
      <ul className="sync-device-list">
        <li>
          <span className="sync-device-name">{status.device.name}</span>
          <span className="chip subtle">This computer</span>
          {status.device.id && <span className="muted sync-device-id">{status.device.id}</span>}
        </li>
        {status.peers.map((p) => (
          <li key={p.id}>
            <span className="sync-device-name">{deviceLabel(p.id, p.name)}</span>
            <span className="muted">changes merged {agoText(p.mergedAt, now)}</span>
            {/* Two computers can have the same name: the id tells them apart. */}
            {p.name && <span className="muted sync-device-id">{p.id}</span>}
          </li>
        ))}
      </ul>
      {status.peers.length === 0 && (
        <p className="muted">
          {status.target
            ? 'No other computer has synced through this target yet. On your other computer, open Sync and choose the same folder or server.'
            : 'Once you connect, the computers that share the target show here.'}
        </p>
      )}
    </section>
  );
}
