/**
 * FSRS settings by the key answers name them by: the `params` event in the journal whose settings
 * pass their schema and hash to the key (another device cannot make a key mean something else).
 */
import { schedulingKey } from '../../core/sync/scheduling-key';
import { entityOf, paramsEventBodies, type SyncScheduling } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';

export function paramsLookup({ repos }: Pick<ApplierDeps, 'repos'>): (key: string) => SyncScheduling | null {
  const found = new Map<string, SyncScheduling | null>();
  return (key) => {
    let s = found.get(key);
    if (s === undefined) {
      s = null;
      for (const e of repos.sync.eventsOf(entityOf.params(key))) {
        const parsed = e.type === 'params' ? paramsEventBodies.params.safeParse(e.body) : null;
        if (parsed?.success && schedulingKey(parsed.data) === key) {
          s = parsed.data;
          break;
        }
      }
      found.set(key, s);
    }
    return s;
  };
}
