/**
 * Records settings, presets, decks and notes the journal has not seen. The first time, every one
 * of them as a full `*.set` at the time it was made or last changed. At every later sync, what
 * changed without a journal call of its own (an import, a built-in deck install or update): notes
 * updated or made since the last run (watermarks in sync_state) whose fields differ from their
 * fold get a `note.set` of the fields that differ, at the time they changed; decks, presets and
 * settings (few) are each compared with their fold.
 */
import { changedFields, type FieldsFold } from '../../core/sync/fold-fields';
import { deckEventBodies, entityOf, noteEventBodies, presetEventBodies, settingEventBodies } from '../../core/sync/sync-events';
import { raisePageCache } from '../../db/open-db';
import type { SyncNoteRow } from '../../db/repos/note-repo';
import type { ApplierDeps } from './applier-deps';
import { NOTE_MERGED, PRESET_MERGED, SYNCED_SETTING_KEYS, noteFields } from './collection-fields';
import { readCollection } from './collection-changes';
import { reclaimWaitingNotes } from './apply-notes';
import { eventMs, foldEntity } from './fold-entity';

const DONE_KEY = 'genesis.collection';
/** The last note seen, by (updated_at, id), and the greatest note id seen. */
const NOTES_UPDATED_KEY = 'genesis.notes.updatedAt';
const NOTES_UPDATED_ID_KEY = 'genesis.notes.updatedId';
const NOTES_MAX_ID_KEY = 'genesis.notes.maxId';
const BATCH = 2000;

export function recordUnjournaledCollection(deps: ApplierDeps): { events: number } {
  const { repos, journal } = deps;
  if (!journal.on) return { events: 0 };
  const first = repos.sync.state(DONE_KEY) === undefined;
  // A deck made here since may be the one merged notes wait for.
  reclaimWaitingNotes(deps);
  let events = 0;
  const count = (id: string | null): void => {
    if (id) events += 1;
  };
  const now = deps.clock.now();
  const deckGuids = new Map(repos.decks.syncRows().map((d) => [d.id, d.guid]));

  // Settings, presets, decks: few, each compared with what its events say.
  const folded = (entity: string, types: { set: string; delete?: string }, schemas: Parameters<typeof foldEntity>[4], merged: readonly string[] = []): FieldsFold | null =>
    first ? null : foldEntity(repos, entity, [], types, schemas, merged);
  for (const s of repos.settings.allSettings()) {
    if (!SYNCED_SETTING_KEYS.has(s.key)) continue;
    const entity = entityOf.setting(s.key);
    const fold = folded(entity, { set: 'setting.set' }, settingEventBodies);
    if (!fold?.alive || fold.fields['value'] !== s.value) count(journal.record(entity, 'setting.set', { value: s.value }));
  }
  const collection = readCollection(repos);
  for (const [guid, fields] of collection.presets) {
    const entity = entityOf.preset(guid);
    const fold = folded(entity, { set: 'preset.set', delete: 'preset.delete' }, presetEventBodies, PRESET_MERGED);
    const body = changedFields(fold?.alive ? fold.fields : null, fields, PRESET_MERGED);
    if (body) count(journal.record(entity, 'preset.set', body));
  }
  for (const [guid, fields] of collection.decks) {
    const entity = entityOf.deck(guid);
    const fold = folded(entity, { set: 'deck.set', delete: 'deck.delete' }, deckEventBodies);
    const body = changedFields(fold?.alive ? fold.fields : null, fields);
    if (!body) continue;
    const at = typeof fields['createdAt'] === 'number' ? fields['createdAt'] : now;
    count(first ? journal.recordAt(at, entity, 'deck.set', body) : journal.record(entity, 'deck.set', body));
  }

  // Notes: at the time each was last changed, so an edit made since on another device still wins.
  let maxUpdated = Number(repos.sync.state(NOTES_UPDATED_KEY) ?? -1);
  let maxUpdatedId = Number(repos.sync.state(NOTES_UPDATED_ID_KEY) ?? 0);
  let maxId = Number(repos.sync.state(NOTES_MAX_ID_KEY) ?? 0);
  const seen = new Set<number>();
  const recordNote = (n: SyncNoteRow): void => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    const fields = noteFields(n, deckGuids.get(n.deckId) ?? '');
    const entity = entityOf.note(n.guid);
    if (first) {
      count(journal.recordAt(n.updatedAt, entity, 'note.set', fields));
      return;
    }
    const fold = foldEntity(repos, entity, [], { set: 'note.set', delete: 'note.delete' }, noteEventBodies, NOTE_MERGED);
    const body = changedFields(fold.alive ? fold.fields : null, fields, NOTE_MERGED);
    if (body) count(journal.recordAt(Math.max(n.updatedAt, n.removedAt ?? 0, eventMs(fold.lastId) + 1), entity, 'note.set', body));
  };
  const recordAllNotes = (): void => {
    for (let batch = repos.notes.syncAfterId(0, BATCH); batch.length > 0; batch = repos.notes.syncAfterId(batch[batch.length - 1]!.id, BATCH)) {
      for (const n of batch) {
        recordNote(n);
        if (n.updatedAt > maxUpdated || (n.updatedAt === maxUpdated && n.id > maxUpdatedId)) [maxUpdated, maxUpdatedId] = [n.updatedAt, n.id];
        if (n.id > maxId) maxId = n.id;
      }
      seen.clear();
    }
  };
  if (first) {
    // One pass over every note writes as many events: a larger page cache spares spilling them midway.
    const restoreCache = raisePageCache(repos.db, 64);
    try {
      recordAllNotes();
    } finally {
      restoreCache();
    }
  } else {
    const since = maxUpdated;
    for (let batch = repos.notes.syncUpdatedSince(maxUpdated, maxUpdatedId, BATCH); batch.length > 0; batch = repos.notes.syncUpdatedSince(maxUpdated, maxUpdatedId, BATCH)) {
      for (const n of batch) {
        recordNote(n);
        [maxUpdated, maxUpdatedId] = [n.updatedAt, n.id];
        if (n.id > maxId) maxId = n.id;
      }
    }
    // Made with an older clock than the last note seen, or marked removed by a built-in deck update.
    for (let batch = repos.notes.syncAfterId(maxId, BATCH); batch.length > 0; batch = repos.notes.syncAfterId(maxId, BATCH)) {
      for (const n of batch) {
        recordNote(n);
        maxId = Math.max(maxId, n.id);
      }
    }
    for (const n of repos.notes.syncRemovedSince(since)) recordNote(n);
  }
  repos.sync.setState(NOTES_UPDATED_KEY, String(maxUpdated));
  repos.sync.setState(NOTES_UPDATED_ID_KEY, String(maxUpdatedId));
  repos.sync.setState(NOTES_MAX_ID_KEY, String(maxId));
  repos.sync.setState(DONE_KEY, '1');
  return { events };
}
