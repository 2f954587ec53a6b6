/** Backup schedule and retention as pure functions of the backup times and a test clock. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_SETTINGS } from '../../src/shared/api/app-contract';
import { backupsToRemove, periodicBackupDue } from '../../src/main/core/backup-schedule';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 15, 12, 0);

describe('periodic backups', () => {
  it('are due after 30 minutes of use, only when something changed', () => {
    const s = DEFAULT_BACKUP_SETTINGS;
    expect(periodicBackupDue(null, NOW, true, s)).toBe(true);
    expect(periodicBackupDue(NOW - 29 * MIN, NOW, true, s)).toBe(false);
    expect(periodicBackupDue(NOW - 30 * MIN, NOW, true, s)).toBe(true);
    expect(periodicBackupDue(NOW - 3 * DAY, NOW, false, s)).toBe(false);
    expect(periodicBackupDue(NOW - 10 * MIN, NOW, true, { ...s, intervalMinutes: 10 })).toBe(true);
  });
});

describe('retention', () => {
  /** One backup every 30 minutes for `days` days before NOW. */
  const everyHalfHour = (days: number) =>
    Array.from({ length: days * 48 }, (_, i) => {
      const t = NOW - i * 30 * MIN;
      return { name: `b-${t}`, createdAt: t };
    });

  it('keeps all of the last 2 days, then 12 daily, 10 weekly and 9 monthly', () => {
    const all = everyHalfHour(500);
    const removed = new Set(backupsToRemove(all, NOW, DEFAULT_BACKUP_SETTINGS).map((b) => b.name));
    const kept = all.filter((b) => !removed.has(b.name));
    const recent = kept.filter((b) => NOW - b.createdAt < 2 * DAY);
    expect(recent).toHaveLength(2 * 48);
    const older = kept.filter((b) => NOW - b.createdAt >= 2 * DAY);
    expect(older).toHaveLength(12 + 10 + 9);
    // The daily ones are on 12 consecutive days before the recent window (whose oldest day already has one).
    const days = older.slice(0, 12).map((b) => Math.floor(b.createdAt / DAY));
    const firstDaily = Math.floor((NOW - 2 * DAY) / DAY) - 1;
    expect(days).toEqual(Array.from({ length: 12 }, (_, i) => firstDaily - i));
    // Weekly ones are in 10 consecutive weeks (Monday to Sunday) before the last daily one's week; monthly ones in different months.
    const week = (t: number) => Math.floor((Math.floor(t / DAY) + 3) / 7);
    const weeks = older.slice(12, 22).map((b) => week(b.createdAt));
    const lastDailyWeek = week(older[11]!.createdAt);
    expect(weeks).toEqual(Array.from({ length: 10 }, (_, i) => lastDailyWeek - 1 - i));
    const months = older.slice(22).map((b) => new Date(b.createdAt).toISOString().slice(0, 7));
    expect(new Set(months).size).toBe(9);
    expect(NOW - older[older.length - 1]!.createdAt).toBeGreaterThan(200 * DAY);
  });

  it('follows the settings, and always keeps the newest backup', () => {
    const all = everyHalfHour(60);
    const removed = backupsToRemove(all, NOW, { ...DEFAULT_BACKUP_SETTINGS, keepAllDays: 0, daily: 3, weekly: 0, monthly: 0 });
    expect(all.length - removed.length).toBe(1 + 3);
    const old = [{ name: 'only', createdAt: NOW - 400 * DAY }];
    expect(backupsToRemove(old, NOW, { ...DEFAULT_BACKUP_SETTINGS, daily: 0, weekly: 0, monthly: 0 })).toEqual([]);
  });

  it('is stable: thinning what it kept removes nothing more', () => {
    const all = everyHalfHour(300);
    const removed = new Set(backupsToRemove(all, NOW, DEFAULT_BACKUP_SETTINGS).map((b) => b.name));
    const kept = all.filter((b) => !removed.has(b.name));
    expect(backupsToRemove(kept, NOW, DEFAULT_BACKUP_SETTINGS)).toEqual([]);
  });
});
