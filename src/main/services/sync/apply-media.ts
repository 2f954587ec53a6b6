/**
 * Applies merged media events: a `media.add` lists a file (its name, under its content hash) in the
 * media table. The bytes are not in the event: the sync service fetches every listed file that is
 * missing from the media folder (sync-media.ts). A name already used here by other bytes keeps the
 * file it has (the event is counted as skipped).
 */
import { mediaEventBodies, type SyncEvent } from '../../core/sync/sync-events';
import { parseEventId } from '../../core/sync/event-id';
import { isSafeMediaName } from '../media-store';
import type { ApplierDeps } from './applier-deps';
import type { EntityApplier } from './merge-events';

const SHA = /^[0-9a-f]{64}$/;

export function createMediaApplier(deps: ApplierDeps): EntityApplier {
  return {
    apply(fresh: Map<string, SyncEvent[]>) {
      let skipped = 0;
      for (const [entity, events] of fresh) {
        const sha = entity.slice('media:'.length);
        for (const e of events) {
          const body = e.type === 'media.add' ? mediaEventBodies['media.add'].safeParse(e.body) : null;
          if (!SHA.test(sha) || !body?.success || !isSafeMediaName(body.data.name)) {
            skipped += 1;
            continue;
          }
          const row = deps.repos.media.get(body.data.name);
          if (row) {
            if (row.sha256 !== sha) skipped += 1;
            continue;
          }
          deps.repos.media.insert({ name: body.data.name, sha256: sha, bytes: body.data.bytes }, parseEventId(e.id)?.ms ?? deps.clock.now());
        }
      }
      return { skipped };
    },
  };
}
