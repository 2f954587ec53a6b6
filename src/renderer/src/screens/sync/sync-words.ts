/** What the Sync page says, in plain words: what a sync exchanged, how long ago, and what to do about a problem. */
import type { SyncProblem, SyncProgress, SyncReport, SyncTarget } from '../../../../shared/api/sync-contract';

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "just now", "3 minutes ago", "2 hours ago", "yesterday", "5 days ago". */
export function agoText(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${plural(m, 'minute', 'minutes')} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${plural(h, 'hour', 'hours')} ago`;
  const d = Math.round(h / 24);
  return d === 1 ? 'yesterday' : `${plural(d, 'day', 'days')} ago`;
}

/** Another computer as the user knows it: its name, or the end of its id. */
export function deviceLabel(id: string, name: string | null): string {
  return name?.trim() ? name.trim() : `the computer …${id.slice(-4)}`;
}

/** "42 answers and 3 other changes", "2 changes", "1 answer". */
function changesText(events: number, answers: number): string {
  const other = events - answers;
  if (answers === 0) return plural(other, 'change', 'changes');
  return other > 0 ? `${plural(answers, 'answer', 'answers')} and ${plural(other, 'other change', 'other changes')}` : plural(answers, 'answer', 'answers');
}

/** "Sent 42 answers, received 17 answers from Desktop" — what one sync exchanged, without the time. */
export function exchangeText(report: SyncReport): string {
  const parts: string[] = [];
  const { sent, received } = report;
  if (sent.events > 0) parts.push(`sent ${changesText(sent.events, sent.answers)}`);
  if (sent.media > 0) parts.push(`sent ${plural(sent.media, 'media file', 'media files')}`);
  const from = received.devices.filter((d) => d.events > 0);
  if (from.length > 0) {
    parts.push(`received ${from.map((d) => `${changesText(d.events, d.answers)} from ${deviceLabel(d.id, d.name)}`).join(', ')}`);
  } else if (received.events > 0) {
    parts.push(`received ${changesText(received.events, received.answers)}`);
  }
  if (received.media > 0) parts.push(`received ${plural(received.media, 'media file', 'media files')}`);
  if (parts.length === 0) return 'Everything was already up to date';
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The whole line for the last sync: "Sent 42 answers, received 17 answers from Desktop, 3 minutes ago." */
export function lastSyncText(report: SyncReport, now: number): string {
  return `${exchangeText(report)}, ${agoText(report.at, now)}.`;
}

/** " 2 files were not ready…" after the last sync's line, or nothing. */
export function skippedText(files: number): string {
  if (files === 0) return '';
  return files === 1 ? ' One file was not ready yet; it is read at the next sync.' : ` ${files.toLocaleString()} files were not ready yet; they are read at the next sync.`;
}

/** Said under a failed sync: it costs nothing but time. */
export const KEEP_STUDYING = 'You can keep studying meanwhile: nothing is lost, and your changes are sent at the next sync.';

/** What the user can do about a problem, for the kind of target it happened with. */
export function problemAdvice(problem: Pick<SyncProblem, 'code'>, kind: SyncTarget['kind'] | null): string {
  switch (problem.code) {
    case 'unreachable':
      return kind === 'webdav'
        ? 'Check that this computer is online and that the address is right, then try again.'
        : 'Check that the folder still exists and that its drive is connected, then try again.';
    case 'auth':
      return kind === 'webdav'
        ? 'The server refused the user name or password. Enter them again (an app password if your server uses two-step sign-in).'
        : 'Retain may not write in this folder. Choose a folder you own, or change its permissions.';
    case 'out_of_space':
      return 'The target is full. Free some space there (or choose another target), then try again.';
    case 'damaged_files':
      return 'Some sync files could not be read; they are skipped and read again at the next sync (your sync service may still be copying them). If this stays, let the sync service finish, then sync again.';
    case 'other':
      return 'Try again in a moment. If it keeps failing, disconnect and connect the target again.';
  }
}

const PHASE_TEXT: Record<SyncProgress['phase'], string> = {
  preparing: 'Getting ready',
  sending: 'Sending your changes',
  receiving: 'Reading the other computers’ changes',
  merging: 'Merging changes',
  tidying: 'Tidying old sync files',
  done: 'Finished',
  failed: 'Stopped',
};

/** "Sending your changes (3 of 10)…". */
export function progressText(p: SyncProgress): string {
  const steps = p.total > 0 ? ` (${Math.min(p.done, p.total).toLocaleString()} of ${p.total.toLocaleString()})` : '';
  return p.phase === 'done' || p.phase === 'failed' ? PHASE_TEXT[p.phase] : `${PHASE_TEXT[p.phase]}${steps}…`;
}

/** Where the target is, as the page shows it. */
export function targetText(target: SyncTarget): string {
  return target.kind === 'folder' ? target.path : `${target.username} at ${target.url}`;
}
