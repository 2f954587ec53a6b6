/** The app itself: version, where data lives, settings, backups and database recovery. */
import { z } from 'zod';
import { schedulerConfigSchema } from '../settings';

export const backupInfoSchema = z.object({ name: z.string(), createdAt: z.number(), bytes: z.number() });
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** When backups are made and how many are kept (Anki's defaults). */
export const backupSettingsSchema = z.object({
  /** A backup every this many minutes of use, when something changed. */
  intervalMinutes: z.number().int().min(5).max(24 * 60),
  /** Every backup of the last this many days is kept. */
  keepAllDays: z.number().int().min(0).max(30),
  daily: z.number().int().min(0).max(365),
  weekly: z.number().int().min(0).max(520),
  monthly: z.number().int().min(0).max(1200),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { intervalMinutes: 30, keepAllDays: 2, daily: 12, weekly: 10, monthly: 9 };

/**
 * The last restore of this run, so it can be undone: restoring `undoBackup` brings back what was
 * replaced (null when that could not be opened to back it up). `restored` is the backup put in
 * place, null when an empty collection was started instead. `setAside` is the folder holding the
 * replaced files, whole.
 */
export const lastRestoreSchema = z.object({
  restored: z.string().nullable(),
  undoBackup: z.string().nullable(),
  setAside: z.string().nullable(),
  at: z.number(),
});
export type LastRestore = z.infer<typeof lastRestoreSchema>;

/** Why the collection cannot be used. */
export const UNAVAILABLE_REASONS = ['empty', 'not_retain', 'damaged', 'newer_schema', 'read_only', 'disk_full', 'unreadable'] as const;

export const appStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ok'),
    version: z.string(),
    dataDir: z.string(),
    databasePath: z.string(),
    now: z.number(),
    lastRestore: lastRestoreSchema.nullable(),
  }),
  z.object({
    state: z.literal('unavailable'),
    version: z.string(),
    databasePath: z.string(),
    reason: z.enum(UNAVAILABLE_REASONS),
    message: z.string(),
    /** What the user can do about it, in one sentence. */
    advice: z.string(),
    /** Backups the user can restore, newest first (file names inside the backups folder). */
    backups: z.array(backupInfoSchema),
    /** The newest backup that passed a check, offered first; null when none did. */
    recommended: z.string().nullable(),
    lastRestore: lastRestoreSchema.nullable(),
    now: z.number(),
  }),
]);
export type AppStatus = z.infer<typeof appStatusSchema>;

export const databaseCheckSchema = z.object({
  /** True when the collection is healthy after the check. */
  ok: z.boolean(),
  /** What was wrong before the check, one line each; empty when nothing was. */
  problems: z.array(z.string()),
  /** What the check did, one line each. */
  actions: z.array(z.string()),
  /** The backup made before the check (null when none could be made). */
  backup: z.string().nullable(),
  durationMs: z.number(),
  status: appStatusSchema,
});
export type DatabaseCheck = z.infer<typeof databaseCheckSchema>;

export const backupsViewSchema = z.object({
  backups: z.array(backupInfoSchema),
  settings: backupSettingsSchema,
  folder: z.string(),
  /** The last backup that failed in this run, with its reason; null after a success. */
  lastError: z.string().nullable(),
});
export type BackupsView = z.infer<typeof backupsViewSchema>;

const backupName = z.string().min(1).max(200).regex(/^[\w.-]+$/, 'a backup file name');

export const appContract = {
  'app.status': {
    input: z.object({}),
    output: appStatusSchema,
  },
  /** Try to open the collection again (after space was freed or the folder made writable). */
  'app.retry': {
    input: z.object({}),
    output: appStatusSchema,
  },
  /** Put a backup in place of the collection; the current one is backed up first, so it can be undone. */
  'app.restoreBackup': {
    input: z.object({ name: backupName }),
    output: appStatusSchema,
  },
  /** When the collection cannot be used: move its files aside, whole, and start an empty collection. */
  'app.startFresh': {
    input: z.object({}),
    output: appStatusSchema,
  },
  /** Integrity check, index rebuild and repair of what can be repaired, with a report. */
  'app.checkDatabase': {
    input: z.object({}),
    output: databaseCheckSchema,
  },
  'backups.list': {
    input: z.object({}),
    output: backupsViewSchema,
  },
  'backups.create': {
    input: z.object({}),
    output: backupsViewSchema,
  },
  'backups.updateSettings': {
    input: backupSettingsSchema.partial(),
    output: backupsViewSchema,
  },
  'settings.get': {
    input: z.object({}),
    output: schedulerConfigSchema,
  },
  'settings.update': {
    input: schedulerConfigSchema.partial(),
    output: schedulerConfigSchema,
  },
} as const;
