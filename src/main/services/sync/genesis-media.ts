/** Records media files the journal has not seen (the first sync; files imported since). */
import { entityOf } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';

export function recordUnjournaledMedia(deps: ApplierDeps): { events: number } {
  const recorded = new Set<string>();
  for (const e of deps.repos.sync.eventsWithPrefix('media:')) {
    if (e.type === 'media.add' && typeof e.body.name === 'string') recorded.add(`${e.entity}\n${e.body.name}`);
  }
  let events = 0;
  for (const row of deps.repos.media.all()) {
    const entity = entityOf.media(row.sha256);
    if (recorded.has(`${entity}\n${row.name}`)) continue;
    deps.journal.recordAt(row.createdAt, entity, 'media.add', { name: row.name, bytes: row.bytes });
    events += 1;
  }
  return { events };
}
