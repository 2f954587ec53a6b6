/**
 * Events the main process pushes to the renderer (Server-Sent Events from `GET /api/events` in the
 * browser host, the `retain:event` IPC message in Electron). Only JSON-safe values; the renderer
 * parses each with `appEventSchema` and ignores what does not match.
 */
import { z } from 'zod';
import { fsrsProgressSchema } from './fsrs-contract';
import { importProgressSchema } from './import-contract';
import { syncProgressSchema } from './sync-contract';

export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('import.progress'), progress: importProgressSchema }),
  z.object({ type: z.literal('fsrs.progress'), progress: fsrsProgressSchema }),
  // A sync's progress; `done` or `failed` when it has finished (ask sync.status for the result).
  z.object({ type: z.literal('sync.progress'), progress: syncProgressSchema }),
  // The collection became unavailable while the app runs (its start check found it damaged): ask app.status again.
  z.object({ type: z.literal('collection.unavailable') }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;

/** The IPC channel Electron pushes events on. */
export const EVENT_CHANNEL = 'retain:event';
/** The browser host's event stream (the token goes in `?token=`, since EventSource sends no headers). */
export const EVENT_STREAM_PATH = '/api/events';
