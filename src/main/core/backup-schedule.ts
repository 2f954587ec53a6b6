/**
 * When to make a backup and which backups to keep, as pure functions of the backup times and
 * the clock. Retention keeps everything from the last few days, then one backup per day, per
 * week and per month, oldest tier last, until each tier's count is used up.
 */
import type { BackupSettings } from '../../shared/api/app-contract';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface DatedBackup {
  name: string;
  createdAt: number;
}

/** A periodic backup is due when something changed and the newest backup is old enough. */
export function periodicBackupDue(lastBackupAt: number | null, now: number, changed: boolean, settings: BackupSettings): boolean {
  if (!changed) return false;
  return lastBackupAt === null || now - lastBackupAt >= settings.intervalMinutes * MINUTE_MS;
}

const dayOf = (t: number): number => Math.floor(t / DAY_MS);
/** Weeks start on Monday (1970-01-01, day 0, was a Thursday). */
const weekOf = (t: number): number => Math.floor((dayOf(t) + 3) / 7);
const monthOf = (t: number): number => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/**
 * The backups to delete. Newest first: every backup younger than `keepAllDays` days stays; then
 * the newest backup of each earlier day stays until `daily` are kept, then the newest of each
 * earlier week (Monday to Sunday) until `weekly` are kept, then of each month until `monthly`.
 * The newest backup always stays.
 */
export function backupsToRemove<T extends DatedBackup>(backups: readonly T[], now: number, settings: BackupSettings): T[] {
  const sorted = [...backups].sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
  const tiers: Array<{ left: number; period: (t: number) => number }> = [
    { left: settings.daily, period: dayOf },
    { left: settings.weekly, period: weekOf },
    { left: settings.monthly, period: monthOf },
  ];
  let lastKept: number | null = null;
  const remove: T[] = [];
  sorted.forEach((b, i) => {
    if (i === 0 || now - b.createdAt < settings.keepAllDays * DAY_MS) {
      lastKept = b.createdAt;
      return;
    }
    while (tiers[0] && tiers[0].left <= 0) tiers.shift();
    const tier = tiers[0];
    if (tier && (lastKept === null || tier.period(b.createdAt) !== tier.period(lastKept))) {
      tier.left--;
      lastKept = b.createdAt;
    } else remove.push(b);
  });
  return remove;
}
