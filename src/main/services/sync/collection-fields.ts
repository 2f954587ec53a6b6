/**
 * The fields sync records of notes, decks, presets and settings, read from their rows: what a
 * `*.set` event carries (every field when a thing is made, the changed ones after), and what the
 * appliers and the first sync compare a row's fold against. Merge rules: docs/sync.md.
 */
import { changedFields } from '../../core/sync/fold-fields';
import { entityOf } from '../../core/sync/sync-events';
import type { Repos } from '../../db/repos';
import type { SyncDeckRow } from '../../db/repos/deck-repo';
import type { SyncNoteRow } from '../../db/repos/note-repo';
import type { SyncPresetRow } from '../../db/repos/settings-repo';
import { syncStateOf } from './card-events';
import type { SyncJournal } from './sync-journal';

/** Fields merged key by key (a note's content, a preset's config). */
export const NOTE_MERGED = ['content'] as const;
export const PRESET_MERGED = ['config'] as const;

/** The Default preset's guid on every device (migration 12 gave it to preset 1). */
export const DEFAULT_PRESET_GUID = 'default';
/** The deck notes of a missing or deleted deck go to (a top-level deck of this name). */
export const DEFAULT_DECK_NAME = 'Default';

/**
 * Settings that travel: the collection's study settings and the built-in decks the user deleted.
 * Every other key stays on its device (docs/sync.md lists them): display choices, the quiz
 * screen's last setup, the day buried cards last came back, backups.
 */
export const SYNCED_SETTING_KEYS: ReadonlySet<string> = new Set(['collection', 'builtinDecksRemoved']);

/** What records events: the journal, or nothing (services built without sync). */
export type EventRecorder = Pick<SyncJournal, 'record' | 'on'> | null | undefined;

const parseObject = (text: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const parseArray = (text: string): unknown[] => {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
};

/** Every synced field of a note row. */
export function noteFields(n: SyncNoteRow, deckGuid: string): Record<string, unknown> {
  return {
    deck: deckGuid,
    content: parseObject(n.content),
    tags: parseArray(n.tags),
    section: n.section,
    fact: n.fact,
    source: n.source,
    createdAt: n.createdAt,
    removedAt: n.removedAt,
    editedAt: n.editedAt,
    hash: n.contentHash,
  };
}

/** Every synced field of a deck row. */
export function deckFields(d: SyncDeckRow, parentGuid: string | null, presetGuid: string): Record<string, unknown> {
  return { name: d.name, parent: parentGuid, description: d.description, preset: presetGuid, limits: d.limits, createdAt: d.createdAt };
}

/** Every synced field of a preset row. */
export function presetFields(p: SyncPresetRow): Record<string, unknown> {
  return { name: p.name, config: parseObject(p.config) };
}


/** Record what changed of a note between two reads of its row (null before: made); returns the event id. */
export function recordNoteChange(journal: EventRecorder, repos: Repos, before: Record<string, unknown> | null, guid: string): string | null {
  if (!journal?.on) return null;
  const row = repos.notes.syncByGuid(guid);
  if (!row) return null;
  const deckGuid = repos.decks.syncRow(row.deckId)?.guid ?? '';
  const body = changedFields(before, noteFields(row, deckGuid), NOTE_MERGED);
  return body ? journal.record(entityOf.note(guid), 'note.set', body) : null;
}





/** Record a setting's value as stored (keys that stay on their device are not recorded). */
export function recordSetting(journal: EventRecorder, repos: Repos, key: string): string | null {
  if (!journal?.on || !SYNCED_SETTING_KEYS.has(key)) return null;
  const row = repos.settings.allSettings().find((s) => s.key === key);
  return row ? journal.record(entityOf.setting(key), 'setting.set', { value: row.value }) : null;
}

/** A note's fields as its row holds them now (null while the journal is off or for an unknown note). */
export function noteSnapshot(journal: EventRecorder, repos: Repos, guid: string): Record<string, unknown> | null {
  if (!journal?.on) return null;
  const row = repos.notes.syncByGuid(guid);
  return row ? noteFields(row, repos.decks.syncRow(row.deckId)?.guid ?? '') : null;
}

/** Record the state of cards just made (`card.state`), each becoming its card's sync head. */
export function recordNewCards(journal: EventRecorder, repos: Repos, noteGuid: string, cardIds: readonly number[]): void {
  if (!journal?.on) return;
  for (const cardId of cardIds) {
    const c = repos.cards.get(cardId);
    if (!c) continue;
    const id = journal.record(entityOf.card(noteGuid, c.ord), 'card.state', { state: syncStateOf(c) });
    if (id) repos.cards.sync.setHead(cardId, id);
  }
}

/** Record the deck of cards moved with their note (`card.set`). */
export function recordCardDecks(journal: EventRecorder, repos: Repos, noteGuid: string, cardIds: readonly number[]): void {
  if (!journal?.on) return;
  for (const cardId of cardIds) {
    const c = repos.cards.get(cardId);
    const deck = c && repos.decks.syncRow(c.deckId)?.guid;
    if (c && deck) journal.record(entityOf.card(noteGuid, c.ord), 'card.set', { deck });
  }
}

/** Record the deck a note is in now (it followed its cards when a deck went or came back). */
export function recordNoteDeck(journal: EventRecorder, repos: Repos, noteId: number): void {
  if (!journal?.on) return;
  const row = repos.notes.get(noteId);
  const deck = row && repos.decks.syncRow(row.deckId)?.guid;
  if (!row || !deck) return;
  journal.record(entityOf.note(row.guid), 'note.set', { deck });
  // A card no event moved is in its note's deck: the cards that stayed behind say where they are.
  for (const c of repos.cards.byNote(noteId)) {
    const own = c.deckId !== row.deckId ? repos.decks.syncRow(c.deckId)?.guid : undefined;
    if (own) journal.record(entityOf.card(row.guid, c.ord), 'card.set', { deck: own });
  }
}

/** Record the tags of the notes an action (or its undo) changed them on, as they are now. */
export function recordTagsOfAction(journal: EventRecorder, repos: Repos, actionId: number): void {
  if (!journal?.on) return;
  for (const noteId of repos.trash.keptRowIds(actionId, 'notes', 0)) {
    const row = repos.notes.get(noteId);
    if (row) journal.record(entityOf.note(row.guid), 'note.set', { tags: row.tags });
  }
}

/** Record the deck of the notes whose cards an action (or its undo) moved: a note follows its first card. */
export function recordNoteDecksOfAction(journal: EventRecorder, repos: Repos, actionId: number): void {
  if (!journal?.on) return;
  const noteIds = new Set(repos.trash.keptRowIds(actionId, 'notes', 0));
  for (const cardId of repos.trash.keptRowIds(actionId, 'cards', 0)) {
    const card = repos.cards.get(cardId);
    if (card) noteIds.add(card.noteId);
  }
  for (const noteId of noteIds) recordNoteDeck(journal, repos, noteId);
}
