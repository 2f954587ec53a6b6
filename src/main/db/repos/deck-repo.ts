/** SQL for decks, built-in deck sources and update notices. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../open-db';
import { deckPathParts, normalizeDeckPath } from '../../../shared/deck-path';
import { deckLimitsSchema, type DeckLimits } from '../../../shared/deck-limits';

export interface DeckRow {
  id: number;
  name: string;
  parentId: number | null;
  description: string;
  presetId: number;
  /** The deck's own limits ("this deck" and "today only"); null: its preset's. */
  limits: DeckLimits | null;
}

interface RawDeck {
  id: number;
  name: string;
  parent_id: number | null;
  description: string;
  preset_id: number;
  limits: string | null;
}

/** Stored limits that no longer parse (hand-edited, older shape) count as none. */
function parseLimits(text: string | null): DeckLimits | null {
  if (text === null) return null;
  try {
    const r = deckLimitsSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const toDeck = (r: RawDeck): DeckRow => ({
  id: r.id,
  name: r.name,
  parentId: r.parent_id,
  description: r.description,
  presetId: r.preset_id,
  limits: parseLimits(r.limits),
});

/** A deck as sync reads and writes it. */
export interface SyncDeckRow {
  id: number;
  guid: string;
  name: string;
  parentId: number | null;
  description: string;
  presetId: number;
  /** As stored (JSON text). */
  limits: string | null;
  createdAt: number;
}

interface RawSyncDeck {
  id: number;
  guid: string;
  name: string;
  parent_id: number | null;
  description: string;
  preset_id: number;
  limits: string | null;
  created_at: number;
}

export interface DeckSourceRow {
  sourceId: string;
  deckId: number;
  version: number;
  contentHash: string;
}

export interface DeckNoticeRow {
  id: number;
  deckId: number;
  fromVersion: number;
  toVersion: number;
  added: number;
  updated: number;
  removed: number;
  /** Notes the update left as the user had edited them. */
  kept: number;
  createdAt: number;
}

export function createDeckRepo(db: Db) {
  const columns = 'id, name, parent_id, description, preset_id, limits';
  const all = db.prepare<[], RawDeck>(`SELECT ${columns} FROM decks ORDER BY name`);
  const byId = db.prepare<[number], RawDeck>(`SELECT ${columns} FROM decks WHERE id = ?`);
  const child = db.prepare<[number, string], { id: number }>(
    'SELECT id FROM decks WHERE coalesce(parent_id, 0) = ? AND name = ?',
  );
  const insert = db.prepare<[string, number | null, string, number, string]>(
    'INSERT INTO decks (name, parent_id, description, created_at, guid) VALUES (?, ?, ?, ?, ?)',
  );
  const guidTaken = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM decks WHERE guid = ?');
  /** A deck's id on every device: `wanted` (built-in decks), else its lower-case path; a suffix when taken. */
  function newGuid(wanted: string): string {
    if (!guidTaken.get(wanted)) return wanted;
    return `${wanted}#${randomBytes(6).toString('hex')}`;
  }
  function pathOf(parentId: number | null, name: string): string {
    const parent = parentId === null ? undefined : byId.get(parentId);
    const prefix = parent ? pathOf(parent.parent_id, parent.name) + '::' : '';
    return prefix + name;
  }
  const setDescription = db.prepare<[string, number]>('UPDATE decks SET description = ? WHERE id = ?');
  const setPreset = db.prepare<[number, number]>('UPDATE decks SET preset_id = ? WHERE id = ?');
  const presetToDefault = db.prepare<[number]>('UPDATE decks SET preset_id = 1 WHERE preset_id = ?');
  const decksPerPreset = db.prepare<[], { preset_id: number; n: number }>('SELECT preset_id, count(*) AS n FROM decks GROUP BY preset_id');
  const setLimits = db.prepare<[string | null, number]>('UPDATE decks SET limits = ? WHERE id = ?');
  const rename = db.prepare<[string, number]>('UPDATE decks SET name = ? WHERE id = ?');
  const move = db.prepare<[number | null, number]>('UPDATE decks SET parent_id = ? WHERE id = ?');
  const sourceGet = db.prepare<[string], { source_id: string; deck_id: number; version: number; content_hash: string }>(
    'SELECT source_id, deck_id, version, content_hash FROM deck_sources WHERE source_id = ?',
  );
  const sourceByHash = db.prepare<[string], { source_id: string; deck_id: number; version: number; content_hash: string }>(
    'SELECT source_id, deck_id, version, content_hash FROM deck_sources WHERE content_hash = ? LIMIT 1',
  );
  const sourceUpsert = db.prepare<[string, number, number, string, number]>(
    `INSERT INTO deck_sources (source_id, deck_id, version, content_hash, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (source_id) DO UPDATE SET deck_id = excluded.deck_id, version = excluded.version,
       content_hash = excluded.content_hash, updated_at = excluded.updated_at`,
  );
  const noticeInsert = db.prepare<[number, number, number, number, number, number, number, number]>(
    `INSERT INTO deck_notices (deck_id, from_version, to_version, added, updated, removed, kept, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const noticesOpen = db.prepare<
    [],
    { id: number; deck_id: number; from_version: number; to_version: number; added: number; updated: number; removed: number; kept: number; created_at: number }
  >('SELECT * FROM deck_notices WHERE dismissed = 0 ORDER BY created_at DESC, id DESC');
  const noticeDismiss = db.prepare<[number]>('UPDATE deck_notices SET dismissed = 1 WHERE id = ? AND dismissed = 0');

  // A delete action's decks, kept in action_rows first (op 1: deleted).
  const deleteOfAction = db.prepare<[number]>(`DELETE FROM decks WHERE id IN (SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = 'decks' AND op = 1)`);

  // Sync: decks by the id they have on every device.
  const syncColumns = 'id, guid, name, parent_id, description, preset_id, limits, created_at';
  const syncAll = db.prepare<[], RawSyncDeck>(`SELECT ${syncColumns} FROM decks ORDER BY id`);
  const syncByGuid = db.prepare<[string], RawSyncDeck>(`SELECT ${syncColumns} FROM decks WHERE guid = ?`);
  const syncById = db.prepare<[number], RawSyncDeck>(`SELECT ${syncColumns} FROM decks WHERE id = ?`);
  const syncInsert = db.prepare<[string, string, number | null, string, number, string | null, number]>(
    'INSERT INTO decks (guid, name, parent_id, description, preset_id, limits, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const syncUpdate = db.prepare<[string, number | null, string, number, string | null, number, number]>(
    'UPDATE decks SET name = ?, parent_id = ?, description = ?, preset_id = ?, limits = ?, created_at = ? WHERE id = ?',
  );
  const reparentChildren = db.prepare<[number]>('UPDATE decks SET parent_id = NULL WHERE parent_id = ?');
  const deleteById = db.prepare<[number]>('DELETE FROM decks WHERE id = ?');
  const toSyncDeck = (r: RawSyncDeck): SyncDeckRow => ({
    id: r.id,
    guid: r.guid,
    name: r.name,
    parentId: r.parent_id,
    description: r.description,
    presetId: r.preset_id,
    limits: r.limits,
    createdAt: r.created_at,
  });

  return {
    /** Every deck as sync records it (the guid, limits as stored). */
    syncRows(): SyncDeckRow[] {
      return syncAll.all().map(toSyncDeck);
    },
    syncRow(id: number): SyncDeckRow | undefined {
      const r = syncById.get(id);
      return r ? toSyncDeck(r) : undefined;
    },
    byGuid(guid: string): SyncDeckRow | undefined {
      const r = syncByGuid.get(guid);
      return r ? toSyncDeck(r) : undefined;
    },
    /** Write a deck as merged from other devices (insert when its guid is new); returns its id. */
    upsertByGuid(d: Omit<SyncDeckRow, 'id'>): number {
      const had = syncByGuid.get(d.guid);
      if (!had) return Number(syncInsert.run(d.guid, d.name, d.parentId, d.description, d.presetId, d.limits, d.createdAt).lastInsertRowid);
      syncUpdate.run(d.name, d.parentId, d.description, d.presetId, d.limits, d.createdAt, had.id);
      return had.id;
    },
    /** Delete one deck merged as deleted; its subdecks move to the top level first (their cards stay). */
    deleteSynced(id: number): void {
      reparentChildren.run(id);
      deleteById.run(id);
    },
    /** Delete the decks a delete action kept (their cards were kept and deleted first). */
    deleteOfAction(actionId: number): void {
      deleteOfAction.run(actionId);
    },
    list(): DeckRow[] {
      return all.all().map(toDeck);
    },
    get(id: number): DeckRow | undefined {
      const r = byId.get(id);
      return r ? toDeck(r) : undefined;
    },
    /** The id of the deck at `path` ("A::B::C"), creating missing levels. */
    ensurePath(path: string, now: number, description = '', leafGuid?: string): number {
      const parts = deckPathParts(normalizeDeckPath(path));
      let parent: number | null = null;
      parts.forEach((name, i) => {
        const found = child.get(parent ?? 0, name);
        if (found) parent = found.id;
        else {
          const leaf = i === parts.length - 1;
          const guid = newGuid(leaf && leafGuid ? leafGuid : `path:${pathOf(parent, name).toLowerCase()}`);
          parent = Number(insert.run(name, parent, leaf ? description : '', now, guid).lastInsertRowid);
        }
      });
      return parent as unknown as number;
    },
    /** Study settings of a deck: the preset it uses. */
    setPreset(id: number, presetId: number): void {
      setPreset.run(presetId, id);
    },
    /** Decks using a preset that goes away take the Default preset; returns how many. */
    presetToDefault(presetId: number): number {
      return presetToDefault.run(presetId).changes;
    },
    /** How many decks use each preset. */
    decksPerPreset(): Map<number, number> {
      return new Map(decksPerPreset.all().map((r) => [r.preset_id, r.n]));
    },
    setLimits(id: number, limits: DeckLimits | null): void {
      setLimits.run(limits ? JSON.stringify(limits) : null, id);
    },
    /** The id of the deck named `name` directly under `parentId` (null: top level), if any. */
    childNamed(parentId: number | null, name: string): number | undefined {
      return child.get(parentId ?? 0, name)?.id;
    },
    rename(id: number, name: string): void {
      rename.run(name, id);
    },
    move(id: number, parentId: number | null): void {
      move.run(parentId, id);
    },
    setDescription(id: number, description: string): void {
      setDescription.run(description, id);
    },
    source(sourceId: string): DeckSourceRow | undefined {
      const r = sourceGet.get(sourceId);
      return r ? { sourceId: r.source_id, deckId: r.deck_id, version: r.version, contentHash: r.content_hash } : undefined;
    },
    /** The built-in deck installed from a file with this content hash, if any. */
    sourceWithHash(contentHash: string): DeckSourceRow | undefined {
      const r = sourceByHash.get(contentHash);
      return r ? { sourceId: r.source_id, deckId: r.deck_id, version: r.version, contentHash: r.content_hash } : undefined;
    },
    saveSource(s: DeckSourceRow, now: number): void {
      sourceUpsert.run(s.sourceId, s.deckId, s.version, s.contentHash, now);
    },
    addNotice(n: Omit<DeckNoticeRow, 'id'>): void {
      noticeInsert.run(n.deckId, n.fromVersion, n.toVersion, n.added, n.updated, n.removed, n.kept, n.createdAt);
    },
    openNotices(): DeckNoticeRow[] {
      return noticesOpen.all().map((r) => ({
        id: r.id,
        deckId: r.deck_id,
        fromVersion: r.from_version,
        toVersion: r.to_version,
        added: r.added,
        updated: r.updated,
        removed: r.removed,
        kept: r.kept,
        createdAt: r.created_at,
      }));
    },
    dismissNotice(id: number): boolean {
      return noticeDismiss.run(id).changes > 0;
    },
  };
}
export type DeckRepo = ReturnType<typeof createDeckRepo>;
