/**
 * The key an answer's sync event names its FSRS settings by: the first 16 hex digits of the
 * SHA-256 of the settings as canonical JSON. The settings travel once, as a `params` event; a
 * device replaying an answer looks them up by this key and checks that they hash to it.
 */
import { createHash } from 'node:crypto';
import type { SyncScheduling } from './sync-events';

export function schedulingKey(s: SyncScheduling): string {
  const canonical = JSON.stringify([s.w, s.retention, s.maxInterval, s.learningSteps, s.relearningSteps]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
