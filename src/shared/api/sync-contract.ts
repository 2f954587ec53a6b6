/**
 * Sync between computers (docs/sync.md): where this collection syncs (a folder kept in sync by the
 * user's own sync service, or a WebDAV server), "Sync now", and what the last sync did.
 *
 * `sync.setFolder` and `sync.setWebdav` test the target first (it answers, it can be written to,
 * the password is right) and keep it only when the test passes; a failed test answers
 * `{ connected: false, problem }` and changes nothing. The WebDAV password never comes back out:
 * `sync.status` says only whether one is kept. `sync.now` answers when the sync has finished (or
 * joins the one already running); its progress is pushed as `sync.progress` events (app-events.ts).
 * `sync.disconnect` forgets the target and its password; changes keep being recorded, so a later
 * connection sends them.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const time = z.number().int().nonnegative();

/** Why a sync or a connection test failed, so the page can say what to do. */
export const SYNC_PROBLEM_CODES = ['unreachable', 'auth', 'out_of_space', 'damaged_files', 'other'] as const;
export const syncProblemSchema = z.object({
  code: z.enum(SYNC_PROBLEM_CODES),
  message: z.string(),
});
export type SyncProblem = z.infer<typeof syncProblemSchema>;

export const syncTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string() }),
  z.object({
    kind: z.literal('webdav'),
    url: z.string(),
    username: z.string(),
    /** A password is kept for this target (false after a restart when it could be kept in memory only). */
    hasPassword: z.boolean(),
  }),
]);
export type SyncTarget = z.infer<typeof syncTargetSchema>;

export const SYNC_PHASES = ['preparing', 'sending', 'receiving', 'merging', 'tidying', 'done', 'failed'] as const;
export const syncProgressSchema = z.object({
  phase: z.enum(SYNC_PHASES),
  /** Steps of this phase done and to do (total 0: not known yet). */
  done: count,
  total: count,
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/** What one sync exchanged. Answers are counted apart from other changes (edits, deck changes…). */
export const syncReportSchema = z.object({
  at: time,
  durationMs: count,
  sent: z.object({ events: count, answers: count, media: count }),
  received: z.object({
    events: count,
    answers: count,
    media: count,
    /** Per other computer whose changes arrived in this sync. */
    devices: z.array(z.object({ id: z.string(), name: z.string().nullable(), events: count, answers: count })),
  }),
  /** Files found unreadable this time (still being written by the sync service, or damaged); read again next time. */
  skippedFiles: count,
});
export type SyncReport = z.infer<typeof syncReportSchema>;

export const syncStatusSchema = z.object({
  target: syncTargetSchema.nullable(),
  running: z.boolean(),
  progress: syncProgressSchema.nullable(),
  /** The last sync that finished without an error. */
  lastSyncAt: time.nullable(),
  lastReport: syncReportSchema.nullable(),
  /** The last sync's problem; null once a sync succeeds again. */
  lastError: syncProblemSchema.extend({ at: time }).nullable(),
  /** This computer (id null until sync is first set up). */
  device: z.object({ id: z.string().nullable(), name: z.string() }),
  /** Other computers seen, with when their changes were last merged here. */
  peers: z.array(z.object({ id: z.string(), name: z.string().nullable(), mergedAt: time })),
  /** Where a WebDAV password is kept: the system's keychain, or this run's memory only. */
  passwordStorage: z.enum(['keychain', 'memory']),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncConnectResultSchema = z.discriminatedUnion('connected', [
  z.object({ connected: z.literal(true), status: syncStatusSchema }),
  z.object({ connected: z.literal(false), problem: syncProblemSchema }),
]);
export type SyncConnectResult = z.infer<typeof syncConnectResultSchema>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for an http:// URL to another computer: the password would cross the network readable. */
export function isInsecureWebdavUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:') return false;
    const host = u.hostname.toLowerCase();
    return !(LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host));
  } catch {
    return false;
  }
}

const webdavUrl = z
  .string()
  .trim()
  .min(1, 'give the WebDAV address')
  .max(2048)
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'must be an http:// or https:// address')
  .refine((s) => !URL.canParse(s) || (new URL(s).username === '' && new URL(s).password === ''), 'put the user name and password in their own fields, not in the address');

export const syncContract = {
  'sync.status': {
    input: z.object({}),
    output: syncStatusSchema,
  },
  /** Sync through this folder (a full path; Retain keeps its files in a `retain-sync` folder inside it). */
  'sync.setFolder': {
    input: z.object({ path: z.string().trim().min(1, 'choose a folder').max(4096) }),
    output: syncConnectResultSchema,
  },
  /** Sync through a WebDAV server. An http:// address to another computer needs `insecure: true` (the user agreed). */
  'sync.setWebdav': {
    input: z
      .object({
        url: webdavUrl,
        username: z.string().trim().min(1, 'give the user name').max(256),
        password: z.string().max(4096),
        insecure: z.boolean().default(false),
      })
      .refine((v) => v.insecure || !isInsecureWebdavUrl(v.url), {
        path: ['insecure'],
        message: 'this http:// address sends the password unencrypted over the network: use https://, or confirm with insecure: true',
      }),
    output: syncConnectResultSchema,
  },
  'sync.now': {
    input: z.object({}),
    output: syncStatusSchema,
  },
  'sync.disconnect': {
    input: z.object({}),
    output: syncStatusSchema,
  },
} as const;
