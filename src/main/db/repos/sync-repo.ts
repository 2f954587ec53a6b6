/** SQL for the sync journal (sync_log), this device's sync state and the other devices merged. */
import type { SyncEvent } from '../../core/sync/sync-events';
import type { Db } from '../open-db';

interface RawEvent {
  entity: string;
  id: string;
  type: string;
  body: string;
}

const toEvent = (r: RawEvent): SyncEvent => ({ entity: r.entity, id: r.id, type: r.type, body: JSON.parse(r.body) as Record<string, unknown> });

export interface SyncPeer {
  device: string;
  mergedSeq: number;
  lastId: string;
  mergedAt: number;
}

export function createSyncRepo(db: Db) {
  const append = db.prepare<[string, string, string, string]>('INSERT INTO sync_log (entity, id, type, body, local) VALUES (?, ?, ?, ?, 1)');
  const receive = db.prepare<[string, string, string, string]>('INSERT OR IGNORE INTO sync_log (entity, id, type, body, local) VALUES (?, ?, ?, ?, 0)');
  const ofEntity = db.prepare<[string], RawEvent>('SELECT entity, id, type, body FROM sync_log WHERE entity = ? ORDER BY id');
  const lastOfEntity = db.prepare<[string], { id: string }>('SELECT id FROM sync_log WHERE entity = ? ORDER BY id DESC LIMIT 1');
  const countAfter = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM sync_log WHERE entity = ? AND id > ?');
  const hasEntity = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM sync_log WHERE entity = ? LIMIT 1');
  // Entities in [from, to): every card of one note ("card:<guid>/" … "card:<guid>0").
  const entitiesInRange = db.prepare<[string, string], { entity: string }>('SELECT DISTINCT entity FROM sync_log WHERE entity >= ? AND entity < ?');
  const namingDecks = db.prepare<[string], { entity: string }>(
    `SELECT DISTINCT entity FROM sync_log WHERE type IN ('note.set', 'card.set') AND json_valid(body)
       AND json_extract(body, '$.deck') IN (SELECT value FROM json_each(?))`,
  );
  const eventsInRange = db.prepare<[string, string], RawEvent>('SELECT entity, id, type, body FROM sync_log WHERE entity >= ? AND entity < ? ORDER BY entity, id');
  const maxSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM sync_log WHERE local = 1');
  const lastLocalId = db.prepare<[], { id: string }>('SELECT id FROM sync_log WHERE local = 1 ORDER BY seq DESC LIMIT 1');
  const localAfter = db.prepare<[number, number], RawEvent & { seq: number }>(
    'SELECT entity, id, type, body, seq FROM sync_log WHERE local = 1 AND seq > ? ORDER BY seq LIMIT ?',
  );
  const countLocal = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_log WHERE local = 1');
  const stateGet = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const stateSet = db.prepare<[string, string]>('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const stateDelete = db.prepare<[string]>('DELETE FROM sync_state WHERE key = ?');
  const peers = db.prepare<[], { device: string; merged_seq: number; last_id: string; merged_at: number }>('SELECT * FROM sync_peers ORDER BY device');
  const peerGet = db.prepare<[string], { device: string; merged_seq: number; last_id: string; merged_at: number }>('SELECT * FROM sync_peers WHERE device = ?');
  const peerSet = db.prepare<[string, number, string, number]>(
    `INSERT INTO sync_peers (device, merged_seq, last_id, merged_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (device) DO UPDATE SET merged_seq = excluded.merged_seq, last_id = excluded.last_id, merged_at = excluded.merged_at`,
  );
  const maxPeerId = db.prepare<[], { id: string | null }>('SELECT max(last_id) AS id FROM sync_peers');

  return {
    /** Record one of this device's events (inside the caller's transaction); returns its seq. */
    append(e: SyncEvent): number {
      return Number(append.run(e.entity, e.id, e.type, JSON.stringify(e.body)).lastInsertRowid);
    },
    /** Keep an event from another device; false when it was already here. */
    receive(e: SyncEvent): boolean {
      return receive.run(e.entity, e.id, e.type, JSON.stringify(e.body)).changes > 0;
    },
    /** Every event of one entity, oldest first. */
    eventsOf(entity: string): SyncEvent[] {
      return ofEntity.all(entity).map(toEvent);
    },
    lastIdOf(entity: string): string | null {
      return lastOfEntity.get(entity)?.id ?? null;
    },
    /** How many events of the entity sort after `id`. */
    countAfter(entity: string, id: string): number {
      return countAfter.get(entity, id)?.n ?? 0;
    },
    hasEntity(entity: string): boolean {
      return hasEntity.get(entity) !== undefined;
    },
    /** Notes and cards with a `note.set` or `card.set` naming one of these decks (one pass over the journal). */
    entitiesNamingDecks(deckGuids: readonly string[]): string[] {
      return deckGuids.length === 0 ? [] : namingDecks.all(JSON.stringify(deckGuids)).map((r) => r.entity);
    },
    /** Entities whose key starts with `prefix` (its next sibling string bounds the range). */
    entitiesWithPrefix(prefix: string): string[] {
      const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
      return entitiesInRange.all(prefix, end).map((r) => r.entity);
    },
    /** Every event of the entities whose key starts with `prefix` (e.g. "media:"), by entity then id. */
    eventsWithPrefix(prefix: string): SyncEvent[] {
      const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
      return eventsInRange.all(prefix, end).map(toEvent);
    },
    maxSeq(): number {
      return maxSeq.get()?.seq ?? 0;
    },
    lastLocalId(): string {
      return lastLocalId.get()?.id ?? '';
    },
    countLocal(): number {
      return countLocal.get()?.n ?? 0;
    },
    /** This device's events after `seq`, in the order it made them. */
    localAfter(seq: number, limit: number): Array<SyncEvent & { seq: number }> {
      return localAfter.all(seq, limit).map((r) => ({ ...toEvent(r), seq: r.seq }));
    },
    state(key: string): string | undefined {
      return stateGet.get(key)?.value;
    },
    setState(key: string, value: string): void {
      stateSet.run(key, value);
    },
    deleteState(key: string): void {
      stateDelete.run(key);
    },
    peers(): SyncPeer[] {
      return peers.all().map((r) => ({ device: r.device, mergedSeq: r.merged_seq, lastId: r.last_id, mergedAt: r.merged_at }));
    },
    peer(device: string): SyncPeer | null {
      const r = peerGet.get(device);
      return r ? { device: r.device, mergedSeq: r.merged_seq, lastId: r.last_id, mergedAt: r.merged_at } : null;
    },
    setPeer(p: SyncPeer): void {
      peerSet.run(p.device, p.mergedSeq, p.lastId, p.mergedAt);
    },
    maxPeerId(): string {
      return maxPeerId.get()?.id ?? '';
    },
  };
}
export type SyncRepo = ReturnType<typeof createSyncRepo>;
