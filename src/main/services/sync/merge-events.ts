/**
 * Merging other devices' events: keep the new ones in the journal, then bring each entity they
 * touch in line with all of its events (each kind's applier folds them: merge rules in
 * docs/sync.md). One transaction per batch: a crash mid-merge leaves the collection as it was and
 * the batch is merged again on the next sync; an event merged twice changes nothing.
 */
import { ENTITY_KINDS, entityKind, type EntityKind, type SyncEvent } from '../../core/sync/sync-events';
import type { Repos } from '../../db/repos';
import type { SyncJournal } from './sync-journal';

export interface EntityApplier {
  /**
   * Make these entities' rows what their events say. `fresh`: entity → the events this merge
   * added (oldest first); every earlier event of the entity is in the journal (repos.sync.eventsOf).
   * Events whose body fails the kind's schema are skipped and counted.
   */
  apply(fresh: Map<string, SyncEvent[]>): { skipped: number };
}

export type EntityAppliers = Record<EntityKind, EntityApplier>;

export interface MergeResult {
  /** Events new to this device. */
  received: number;
  /** Events it already had. */
  duplicates: number;
  /** Entities brought up to date. */
  entities: number;
  /** Events that were not understood (unknown kind or a body that fails its schema). */
  skipped: number;
}

export function mergeEvents(repos: Repos, journal: SyncJournal, appliers: EntityAppliers, events: readonly SyncEvent[]): MergeResult {
  return repos.db.transaction((): MergeResult => {
    const byKind = new Map<EntityKind, Map<string, SyncEvent[]>>();
    let received = 0;
    let skipped = 0;
    let known = 0;
    let last = '';
    for (const e of events) {
      const kind = entityKind(e.entity);
      if (!kind) {
        skipped += 1;
        continue;
      }
      known += 1;
      if (!repos.sync.receive(e)) continue;
      received += 1;
      if (e.id > last) last = e.id;
      let entities = byKind.get(kind);
      if (!entities) byKind.set(kind, (entities = new Map()));
      const list = entities.get(e.entity);
      if (list) list.push(e);
      else entities.set(e.entity, [e]);
    }
    if (last) journal.observe(last);
    let entities = 0;
    for (const kind of ENTITY_KINDS) {
      const fresh = byKind.get(kind);
      if (!fresh) continue;
      for (const list of fresh.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      skipped += appliers[kind].apply(fresh).skipped;
      entities += fresh.size;
    }
    return { received, duplicates: known - received, entities, skipped };
  }).immediate();
}
