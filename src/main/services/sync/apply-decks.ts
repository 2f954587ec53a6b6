/**
 * Applies merged deck events (merge rules: docs/sync.md). Each field is last-writer-wins. A
 * parent is applied before its subdecks; a parent that is missing, deleted or would make a loop
 * leaves the deck at the top level. Two decks with one name under one parent: the smaller guid
 * keeps the name, the other gets its guid's tail appended, on every device alike. A deleted deck's
 * remaining notes and cards (made elsewhere, unseen by the device that deleted it) move to the
 * Default deck before the deck goes; its subdecks left alive move to the top level.
 */
import { deckEventBodies, type SyncEvent } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';
import { applyNote, reclaimWaitingNotes } from './apply-notes';
import { settleNamingDecks } from './card-decks';
import { collidingName, defaultDeckId } from './default-deck';
import { eventMs, foldEntity } from './fold-entity';
import type { EntityApplier } from './merge-events';

const DECK_PREFIX = 'deck:';

export function createDeckApplier(deps: ApplierDeps): EntityApplier {
  const { repos } = deps;

  /**
   * Every deck under the parent its events give it, when that deck is here; where those parents
   * make a loop (two devices moved decks under each other), the loop's smallest guid goes to the
   * top level. A function of the events only, so every device settles the same way.
   */
  function settleParents(): void {
    const rows = repos.decks.syncRows();
    const byGuid = new Map(rows.map((r) => [r.guid, r]));
    const guidOf = new Map(rows.map((r) => [r.id, r.guid]));
    const wanted = new Map<string, string | null>();
    const names = new Map<string, string>();
    for (const r of rows) {
      const fold = foldEntity(repos, DECK_PREFIX + r.guid, [], { set: 'deck.set', delete: 'deck.delete' }, deckEventBodies);
      const name = fold.fields['name'];
      names.set(r.guid, typeof name === 'string' && name.trim() !== '' && !name.includes('::') ? name : r.name);
      const parent = fold.lastId === '' ? (r.parentId === null ? null : (guidOf.get(r.parentId) ?? null)) : typeof fold.fields['parent'] === 'string' ? fold.fields['parent'] : null;
      wanted.set(r.guid, parent !== null && byGuid.has(parent) ? parent : null);
    }
    for (const start of [...wanted.keys()].sort()) {
      for (;;) {
        const path: string[] = [];
        let at: string | null = start;
        while (at !== null && !path.includes(at)) {
          path.push(at);
          at = wanted.get(at) ?? null;
        }
        if (at === null) break;
        const loop = path.slice(path.indexOf(at));
        wanted.set([...loop].sort()[0]!, null);
      }
    }
    for (const r of rows) {
      const parentGuid = wanted.get(r.guid) ?? null;
      const parentId = parentGuid === null ? null : byGuid.get(parentGuid)!.id;
      if (r.parentId === parentId) continue;
      const holder = repos.decks.childNamed(parentId, r.name);
      const other = holder === undefined || holder === r.id ? undefined : repos.decks.syncRow(holder);
      if (other && other.guid < r.guid) repos.decks.rename(r.id, collidingName(r.name, r.guid));
      else if (other) repos.decks.rename(other.id, collidingName(other.name, other.guid));
      repos.decks.move(r.id, parentId);
    }
    // Names: smaller guids first, so a name two decks want under one parent goes to the smaller.
    for (const guid of [...names.keys()].sort()) {
      const self = repos.decks.byGuid(guid);
      const want = names.get(guid)!;
      if (!self) continue;
      const holder = repos.decks.childNamed(self.parentId, want);
      if (holder === self.id) continue;
      const other = holder === undefined ? undefined : repos.decks.syncRow(holder);
      const name = other && other.guid < guid ? collidingName(want, guid) : want;
      const otherName = other && collidingName(names.get(other.guid) ?? other.name, other.guid);
      if (other && otherName && other.guid > guid && repos.decks.childNamed(other.parentId, otherName) === undefined) repos.decks.rename(other.id, otherName);
      if (self.name !== name && repos.decks.childNamed(self.parentId, name) === undefined) repos.decks.rename(self.id, name);
    }
  }

  /** Decks made by this apply (arrived, or back after a delete). */
  const arrived: string[] = [];

  function applyOne(guid: string, events: readonly SyncEvent[], pending: Map<string, SyncEvent[]>): number {
    pending.delete(DECK_PREFIX + guid);
    const fold = foldEntity(repos, DECK_PREFIX + guid, events, { set: 'deck.set', delete: 'deck.delete' }, deckEventBodies);
    const had = repos.decks.byGuid(guid);
    if (!fold.alive) {
      if (had && fold.lastId !== '') {
        const fallback = defaultDeckId(deps, had.id);
        repos.notes.moveDeck(had.id, fallback);
        // A card goes where it would be had the deck never come: its note's deck.
        repos.cards.moveDeckToNotes(had.id);
        repos.decks.deleteSynced(had.id);
      }
      return fold.skipped;
    }
    const f = fold.fields;
    const parentGuid = typeof f['parent'] === 'string' ? f['parent'] : null;
    let skipped = fold.skipped;
    // Parents first: a parent this merge also touches is applied before its subdeck.
    if (parentGuid !== null && pending.has(DECK_PREFIX + parentGuid)) skipped += applyOne(parentGuid, pending.get(DECK_PREFIX + parentGuid)!, pending);
    // A loop two devices made by moving decks under each other is undone afterwards (settleParents).
    const parentId = parentGuid === null ? null : (repos.decks.byGuid(parentGuid)?.id ?? null);
    const presetGuid = typeof f['preset'] === 'string' ? f['preset'] : null;
    const presetId = (presetGuid !== null ? repos.settings.presetByGuid(presetGuid)?.id : undefined) ?? 1;
    let name = typeof f['name'] === 'string' && f['name'].trim() !== '' && !f['name'].includes('::') ? f['name'] : (had?.name ?? collidingName('Deck', guid));
    const holder = repos.decks.childNamed(parentId, name);
    if (holder !== undefined && holder !== had?.id) {
      const other = repos.decks.syncRow(holder);
      if (other && other.guid < guid) name = collidingName(name, guid);
      else if (other) repos.decks.rename(other.id, collidingName(other.name, other.guid));
    }
    const row = {
      guid,
      name,
      parentId,
      description: typeof f['description'] === 'string' ? f['description'] : (had?.description ?? ''),
      presetId,
      limits: typeof f['limits'] === 'string' ? f['limits'] : null,
      createdAt: typeof f['createdAt'] === 'number' ? f['createdAt'] : (had?.createdAt ?? eventMs(fold.lastId)),
    };
    if (
      !had ||
      had.name !== row.name ||
      had.parentId !== row.parentId ||
      had.description !== row.description ||
      had.presetId !== row.presetId ||
      had.limits !== row.limits ||
      had.createdAt !== row.createdAt
    ) {
      repos.decks.upsertByGuid(row);
      if (!had) arrived.push(guid);
    }
    return skipped;
  }

  return {
    apply(fresh) {
      const pending = new Map(fresh);
      let skipped = 0;
      // Sorted by guid: the same order on every device.
      for (const entity of [...fresh.keys()].sort()) {
        const events = pending.get(entity);
        if (events) skipped += applyOne(entity.slice(DECK_PREFIX.length), events, pending);
      }
      if (fresh.size > 0) settleParents();
      // Notes that waited in the Default deck for a deck that had not arrived go to it.
      if (fresh.size > 0) reclaimWaitingNotes(deps);
      // Notes and cards that name a deck that just came go to it.
      settleNamingDecks(deps, arrived.splice(0), (note) => applyNote(deps, note, []));
      deps.invalidateDecks?.();
      return { skipped };
    },
  };
}
