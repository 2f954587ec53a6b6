/**
 * Applies merged note events (merge rules: docs/sync.md). Each field is last-writer-wins, the
 * content key by key. A note deleted by its events goes with its cards and their history (their
 * events stay in the journal); an event newer than the delete brings it back, and its cards are
 * re-applied from their events. Content from another device is checked before it is stored; a
 * note whose content fails the check is left as it is and its new events are counted as skipped.
 */
import { NOTE_KIND_CODES } from '../../../shared/enums';
import { noteContentHash } from '../../core/note-hash';
import { noteEventBodies, type SyncEvent } from '../../core/sync/sync-events';
import { syncedNoteContent } from '../../core/sync/synced-note-content';
import type { SyncNoteRow } from '../../db/repos/note-repo';
import type { ApplierDeps } from './applier-deps';
import { applyCardsOfNote, newestCardEventOf } from './apply-cards';
import { settleCardDecks } from './card-decks';
import { defaultDeckId } from './default-deck';
import { NOTE_MERGED } from './collection-fields';
import { eventMs, foldEntity, sameJson } from './fold-entity';
import type { EntityApplier } from './merge-events';
import { dropCardsNotMade } from './note-cards';

const NOTE_PREFIX = 'note:';
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number | null): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function parsedContent(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Bring one note in line with its events; returns how many new events were not used. */
export function applyNote(deps: ApplierDeps, guid: string, fresh: readonly SyncEvent[]): number {
  const { repos } = deps;
  const fold = foldEntity(repos, NOTE_PREFIX + guid, fresh, { set: 'note.set', delete: 'note.delete' }, noteEventBodies, NOTE_MERGED);
  const had = repos.notes.syncByGuid(guid);
  // A card event newer than the note's delete (an answer made without having seen it) brings it back.
  if (!fold.alive && !(fold.known && newestCardEventOf(deps, guid) > fold.lastId)) {
    // Cards and their review log go by cascade; their events stay, so a revival brings them back.
    // Not alive with a valid event: a delete is its latest word.
    if (had && fold.lastId !== '') repos.notes.deleteSynced(had.id);
    return fold.skipped;
  }
  const f = fold.fields;
  const content = syncedNoteContent(f['content']);
  if (!content) return fold.skipped + fresh.length;
  const tags = Array.isArray(f['tags']) ? f['tags'].filter((t): t is string => typeof t === 'string' && t !== '') : [];
  const deckGuid = typeof f['deck'] === 'string' ? f['deck'] : null;
  const ownDeck = deckGuid !== null ? repos.decks.byGuid(deckGuid)?.id : undefined;
  // A note whose deck is not here waits in the Default deck until the deck comes (reclaimWaitingNotes).
  setWaiting(deps, guid, ownDeck === undefined && deckGuid !== null);
  const deckId = ownDeck ?? defaultDeckId(deps);
  const oldContent = had ? parsedContent(had.content) : null;
  const sameContent = had !== undefined && sameJson(oldContent, content);
  const contentJson = sameContent ? had.content : JSON.stringify(content);
  const tagsJson = JSON.stringify(tags);
  const section = str(f['section'], '');
  const hash = typeof f['hash'] === 'string' ? f['hash'] : noteContentHash(contentJson, tagsJson, section);
  const row: Omit<SyncNoteRow, 'id'> = {
    guid,
    deckId,
    kind: NOTE_KIND_CODES[content.kind],
    content: contentJson,
    tags: tagsJson,
    section,
    source: str(f['source'], 'user'),
    contentHash: hash,
    fact: typeof f['fact'] === 'string' ? f['fact'] : null,
    createdAt: num(f['createdAt'], null) ?? eventMs(fold.lastId),
    updatedAt: Math.max(had?.updatedAt ?? 0, eventMs(fold.lastId)),
    removedAt: num(f['removedAt'], null),
    editedAt: num(f['editedAt'], null),
  };
  const unchanged =
    had !== undefined &&
    sameContent &&
    had.deckId === row.deckId &&
    had.tags === row.tags &&
    had.section === row.section &&
    had.source === row.source &&
    had.contentHash === row.contentHash &&
    had.fact === row.fact &&
    had.createdAt === row.createdAt &&
    had.removedAt === row.removedAt &&
    had.editedAt === row.editedAt;
  if (unchanged) return fold.skipped;
  const { id, inserted } = repos.notes.upsertSynced(row, tags);
  // A note that arrives or comes back gets its cards from their events.
  if (inserted) applyCardsOfNote(deps, guid);
  if (inserted || !sameContent) dropCardsNotMade(repos, id, content);
  // Its cards follow it unless their own events put them in a deck that is here.
  if (inserted || had?.deckId !== row.deckId) settleCardDecks(deps, guid);
  return fold.skipped;
}

const WAITING_KEY = 'notes.waitingForDeck';

function waitingNotes(deps: ApplierDeps): string[] {
  try {
    const v = JSON.parse(deps.repos.sync.state(WAITING_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

function setWaiting(deps: ApplierDeps, guid: string, waiting: boolean): void {
  const list = waitingNotes(deps);
  const has = list.includes(guid);
  if (has === waiting) return;
  const next = waiting ? [...list, guid] : list.filter((g) => g !== guid);
  if (next.length === 0) deps.repos.sync.deleteState(WAITING_KEY);
  else deps.repos.sync.setState(WAITING_KEY, JSON.stringify(next));
}

/** Notes waiting in the Default deck for their deck: each goes to it once it is here (merged or made on this device). */
export function reclaimWaitingNotes(deps: ApplierDeps): void {
  for (const guid of waitingNotes(deps)) applyNote(deps, guid, []);
}

export function createNoteApplier(deps: ApplierDeps): EntityApplier {
  return {
    apply(fresh) {
      let skipped = 0;
      for (const [entity, events] of fresh) skipped += applyNote(deps, entity.slice(NOTE_PREFIX.length), events);
      // A note whose deck was missing may have made the Default deck.
      deps.invalidateDecks?.();
      return { skipped };
    },
  };
}
