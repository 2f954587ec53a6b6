/** The app itself: version, where data lives, settings, database recovery. */
import { z } from 'zod';
import { schedulerConfigSchema } from '../settings';

export const appStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok'), version: z.string(), dataDir: z.string(), databasePath: z.string(), now: z.number() }),
  z.object({
    state: z.literal('unavailable'),
    version: z.string(),
    databasePath: z.string(),
    message: z.string(),
    /** Backups the user can restore, newest first (file names inside the backups folder). */
    backups: z.array(z.object({ name: z.string(), createdAt: z.number(), bytes: z.number() })),
    now: z.number(),
  }),
]);
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appContract = {
  'app.status': {
    input: z.object({}),
    output: appStatusSchema,
  },
  'app.restoreBackup': {
    input: z.object({ name: z.string().min(1).max(200).regex(/^[\w.-]+$/, 'a backup file name') }),
    output: appStatusSchema,
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
