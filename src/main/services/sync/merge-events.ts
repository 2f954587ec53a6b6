/**
 * Merging other devices' events: keep the new ones in the journal, then bring each entity they
 * touch in line with all of its events (each kind's applier folds them: merge rules in
 * docs/sync.md). One transaction per batch: a crash mid-merge leaves the collection as it was and
 * the batch is merged again on the next sync; an event merged twice changes nothing.
 */
import { byEventId } from '../../core/sync/event-id';
import { ENTITY_KINDS, entityKind, type EntityKind, type SyncEvent } from '../../core/sync/sync-events';
import { raisePageCache } from '../../db/open-db';
import type { Repos } from '../../db/repos';
import type { SyncJournal } from './sync-journal';

export interface EntityApplier {
  /**
   * Make these entities' rows what their events say. `fresh`: entity → the events this merge
   * added (oldest first), entities in key order; every earlier event of the entity is in the journal (repos.sync.eventsOf).
   * Events whose body fails the kind's schema are skipped and counted.
   */
  apply(fresh: Map<string, SyncEvent[]>): { skipped: number };
}

export type EntityAppliers = Record<EntityKind, EntityApplier>;

export interface MergeResult {
  /** Events new to this device. */
  received: number;
  /** Of those, answers (`review` events). */
  answers: number;
  /** Events it already had. */
  duplicates: number;
  /** Entities brought up to date. */
  entities: number;
  /** Events that were not understood (unknown kind or a body that fails its schema). */
  skipped: number;
}

/** Events in one merge from which the page cache is raised to BIG_MERGE_CACHE_MIB for the merge. */
const BIG_MERGE = 1000;
const BIG_MERGE_CACHE_MIB = 256;

export function mergeEvents(repos: Repos, journal: SyncJournal, appliers: EntityAppliers, events: readonly SyncEvent[]): MergeResult {
  // Many rows read and written at places all over a large collection: a larger page cache meanwhile.
  const db = repos.db;
  const restoreCache = events.length >= BIG_MERGE ? raisePageCache(db, BIG_MERGE_CACHE_MIB) : null;
  try {
    return merge(repos, journal, appliers, events);
  } finally {
    restoreCache?.();
  }
}

function merge(repos: Repos, journal: SyncJournal, appliers: EntityAppliers, events: readonly SyncEvent[]): MergeResult {
  return repos.db.transaction((): MergeResult => {
    // Grouped by kind and entity first: the journal then takes each kind's events in entity order,
    // where its (entity, id) index is written page by page instead of at random places.
    const byKind = new Map<EntityKind, Map<string, SyncEvent[]>>();
    let skipped = 0;
    let known = 0;
    for (const e of events) {
      const kind = entityKind(e.entity);
      if (!kind) {
        skipped += 1;
        continue;
      }
      known += 1;
      let entities = byKind.get(kind);
      if (!entities) byKind.set(kind, (entities = new Map()));
      const list = entities.get(e.entity);
      if (list) list.push(e);
      else entities.set(e.entity, [e]);
    }
    let received = 0;
    let answers = 0;
    let last = '';
    const freshByKind = new Map<EntityKind, Map<string, SyncEvent[]>>();
    for (const [kind, entities] of byKind) {
      const fresh = new Map<string, SyncEvent[]>();
      for (const entity of [...entities.keys()].sort()) {
        const list = entities.get(entity) as SyncEvent[];
        list.sort(byEventId);
        const kept: SyncEvent[] = [];
        for (const e of list) {
          if (!repos.sync.receive(e)) continue;
          kept.push(e);
          if (e.type === 'review') answers += 1;
        }
        if (kept.length === 0) continue;
        received += kept.length;
        const newest = kept[kept.length - 1] as SyncEvent;
        if (newest.id > last) last = newest.id;
        fresh.set(entity, kept);
      }
      freshByKind.set(kind, fresh);
    }
    if (last) journal.observe(last);
    let entities = 0;
    for (const kind of ENTITY_KINDS) {
      const fresh = freshByKind.get(kind);
      if (!fresh || fresh.size === 0) continue;
      skipped += appliers[kind].apply(fresh).skipped;
      entities += fresh.size;
    }
    return { received, answers, duplicates: known - received, entities, skipped };
  }).immediate();
}
