/**
 * Merged `params` events (FSRS settings answers name by key) need no rows: the journal keeps them,
 * and a replay looks them up there (params-lookup.ts). Only bodies that fail the schema count.
 * Cards folded before their answers' settings came are folded again (params-waiting.ts).
 */
import { paramsEventBodies, type SyncEvent } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';
import { refoldCard } from './apply-cards';
import type { EntityApplier } from './merge-events';
import { paramsLookup } from './params-lookup';
import { takeWaitingForParams } from './params-waiting';

export function createParamsApplier(deps: ApplierDeps): EntityApplier {
  return {
    apply(fresh: Map<string, SyncEvent[]>) {
      let skipped = 0;
      for (const [entity, events] of fresh) {
        for (const e of events) if (e.type !== 'params' || !paramsEventBodies.params.safeParse(e.body).success) skipped += 1;
        // Cards whose answers were taken as recorded for want of these settings are folded again.
        const key = entity.slice(entity.indexOf(':') + 1);
        if (paramsLookup(deps)(key)) for (const card of takeWaitingForParams(deps, key)) refoldCard(deps, card);
      }
      return { skipped };
    },
  };
}
