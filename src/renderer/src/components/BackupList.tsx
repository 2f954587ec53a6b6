import type { BackupInfo } from '../../../shared/api/app-contract';

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** What a backup was made for, from the end of its file name. */
function occasion(name: string): string {
  const m = /-(before-[a-z0-9-]+?|periodic|manual|daily)(?:-\d+)?\.db$/.exec(name);
  const kind = m?.[1] ?? '';
  if (kind.startsWith('before-v')) return 'before an upgrade';
  return (
    {
      'before-import': 'before an import',
      'before-check': 'before a database check',
      'before-restore': 'before a restore',
      periodic: 'automatic',
      daily: 'automatic',
      manual: 'made by you',
    } as Record<string, string>
  )[kind] ?? '';
}

/** Backups, newest first, each with a restore button; the recommended one is marked and primary. */
export function BackupList({
  backups,
  recommended,
  busy,
  limit,
  onRestore,
}: {
  backups: BackupInfo[];
  recommended?: string | null;
  busy: boolean;
  limit?: number;
  onRestore: (name: string) => void;
}) {
  const shown = limit ? backups.slice(0, limit) : backups;
  return (
    <ul className="backup-list">
      {shown.map((b) => (
        <li key={b.name} data-backup={b.name}>
          <span>
            {new Date(b.createdAt).toLocaleString()} · {size(b.bytes)}
            {occasion(b.name) && <span className="muted"> · {occasion(b.name)}</span>}
            {b.name === recommended && <strong> · newest good backup</strong>}
          </span>
          <button className={`btn small ${b.name === recommended ? 'primary' : ''}`} disabled={busy} onClick={() => onRestore(b.name)}>
            Restore this backup
          </button>
        </li>
      ))}
    </ul>
  );
}
