/**
 * Decks and presets are few: a change to them is recorded by comparing every deck's and preset's
 * fields before and after it (inside its transaction). What appeared or changed is a `*.set` with
 * the changed fields, what went away a `*.delete`.
 */
import { changedFields } from '../../core/sync/fold-fields';
import { entityOf } from '../../core/sync/sync-events';
import type { Repos } from '../../db/repos';
import { DEFAULT_PRESET_GUID, deckFields, PRESET_MERGED, presetFields, type EventRecorder } from './collection-fields';

export interface CollectionSnapshot {
  decks: Map<string, Record<string, unknown>>;
  presets: Map<string, Record<string, unknown>>;
}

/** Every deck's and preset's fields by guid. */
export function readCollection(repos: Repos): CollectionSnapshot {
  const presetRows = repos.settings.presetRows();
  const deckRows = repos.decks.syncRows();
  const presetGuid = new Map(presetRows.map((p) => [p.id, p.guid]));
  const deckGuid = new Map(deckRows.map((d) => [d.id, d.guid]));
  return {
    decks: new Map(
      deckRows.map((d) => [d.guid, deckFields(d, d.parentId === null ? null : (deckGuid.get(d.parentId) ?? null), presetGuid.get(d.presetId) ?? DEFAULT_PRESET_GUID)]),
    ),
    presets: new Map(presetRows.map((p) => [p.guid, presetFields(p)])),
  };
}

/** The decks and presets before a change (null while the journal is off: nothing to compare). */
export function snapshotCollection(journal: EventRecorder, repos: Repos): CollectionSnapshot | null {
  return journal?.on ? readCollection(repos) : null;
}

/** Record what changed since `before`; returns how many events. */
export function recordCollectionChanges(journal: EventRecorder, repos: Repos, before: CollectionSnapshot | null): number {
  if (!journal?.on || !before) return 0;
  const after = readCollection(repos);
  let events = 0;
  const record = (entity: string, type: string, body: Record<string, unknown>): void => {
    if (journal.record(entity, type, body)) events += 1;
  };
  for (const [guid, fields] of after.presets) {
    const body = changedFields(before.presets.get(guid) ?? null, fields, PRESET_MERGED);
    if (body) record(entityOf.preset(guid), 'preset.set', body);
  }
  for (const guid of before.presets.keys()) if (!after.presets.has(guid)) record(entityOf.preset(guid), 'preset.delete', {});
  for (const [guid, fields] of after.decks) {
    const body = changedFields(before.decks.get(guid) ?? null, fields);
    if (body) record(entityOf.deck(guid), 'deck.set', body);
  }
  for (const guid of before.decks.keys()) if (!after.decks.has(guid)) record(entityOf.deck(guid), 'deck.delete', {});
  return events;
}

let depth = 0;

/**
 * Run `fn` and record the deck and preset changes it made (call inside its transaction). Nested
 * calls (a preset save inside the options screen's save) leave the recording to the outermost.
 */
export function withCollectionEvents<T>(journal: EventRecorder, repos: Repos, fn: () => T): T {
  const before = depth === 0 ? snapshotCollection(journal, repos) : null;
  depth += 1;
  let result: T;
  try {
    result = fn();
  } finally {
    depth -= 1;
  }
  recordCollectionChanges(journal, repos, before);
  return result;
}
