/**
 * Built-in decks shipped as files in decks/. On start every file is validated; a new deck is
 * installed, a changed one is updated by note id (added, updated, removed), keeping the review
 * history of kept notes. Removed notes are marked removed and their cards suspended, never
 * deleted, and the user gets a notice of what changed. A malformed file is reported and skipped;
 * the other decks still load.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardOrdinals, deckFileSchema, jsonPath, type DeckFile, type DeckNote } from '../../shared/deck-format';
import { contentOf } from '../../shared/note-content';
import type { Clock } from '../core/clock';
import type { Repos } from '../db/repos';
import { noteContentHash } from '../core/note-hash';
import { removedBuiltinSources } from './delete-service';
import { createCardEvents } from './sync/card-events';
import type { SyncJournal } from './sync/sync-journal';

export interface DeckLoadError {
  file: string;
  message: string;
}

export interface SyncResult {
  installed: string[];
  updated: Array<{ deckId: string; added: number; updated: number; removed: number; kept: number }>;
  unchanged: string[];
  errors: DeckLoadError[];
}

export function noteHash(note: DeckNote): string {
  return noteContentHash(JSON.stringify(contentOf(note)), JSON.stringify(note.tags), note.section);
}

/** Parse and validate one deck file; errors name the file, the JSON path and the rule broken. */
export function parseDeckFile(text: string, file: string): { ok: true; deck: DeckFile } | { ok: false; error: DeckLoadError } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: { file, message: `${file}: not valid JSON: ${(err as Error).message}` } };
  }
  const parsed = deckFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? jsonPath(issue.path) : '$';
    return { ok: false, error: { file, message: `${file}: ${where}: ${issue?.message ?? 'invalid deck file'}` } };
  }
  return { ok: true, deck: parsed.data };
}

export function createBuiltinDeckService(repos: Repos, clock: Clock, journal?: SyncJournal) {
  const cardEvents = createCardEvents(repos, journal);
  let lastErrors: DeckLoadError[] = [];

  const applyDeck = repos.db.transaction((deck: DeckFile, fileHash: string) => {
    const now = clock.now();
    const sourceId = deck.deck.id;
    const source = `builtin:${sourceId}`;
    const installed = repos.decks.source(sourceId);
    // An installed deck the user renamed or moved keeps its place; the file's path names a new install only.
    const deckId = (installed && repos.decks.get(installed.deckId)?.id) ?? repos.decks.ensurePath(deck.deck.path ?? deck.deck.title, now, deck.deck.description, `builtin:${sourceId}`);
    repos.decks.setDescription(deckId, deck.deck.description);
    let added = 0;
    let updated = 0;
    let removed = 0;
    let kept = 0;
    const keep = new Set<string>();
    /** Cards whose suspension this version changed: recorded for sync. */
    const changed: number[] = [];
    for (const note of deck.notes) {
      const guid = `${sourceId}/${note.id}`;
      keep.add(guid);
      const input = {
        guid,
        deckId,
        content: contentOf(note),
        tags: note.tags,
        section: note.section,
        source,
        contentHash: noteHash(note),
      };
      const existing = repos.notes.byGuid(guid);
      // A note the user edited stays as the user left it: content, tags, deck and cards. Its hash is
      // still the deck file's as installed, so a differing hash means this version changed the note.
      if (existing?.editedAt != null) {
        if (existing.contentHash !== input.contentHash) kept++;
        repos.siblings.setFact(existing.id, note.fact ?? null);
        continue;
      }
      let noteId: number;
      if (!existing) {
        noteId = repos.notes.insert(input, now);
        added++;
      } else {
        noteId = existing.id;
        if (existing.contentHash !== input.contentHash || existing.removedAt !== null || existing.deckId !== deckId) {
          repos.notes.update(noteId, input, now);
          updated++;
        }
      }
      // Grouping only, not content: the fact key is kept up to date even when nothing else changed.
      repos.siblings.setFact(noteId, note.fact ?? null);
      const ords = new Set(cardOrdinals(note));
      const cards = repos.cards.byNote(noteId);
      // The user's own choices stay: a card they suspended, buried or moved to another deck. This
      // version suspends only the cards it no longer makes, and a note it brings back after a
      // removal comes back with its cards in the queue.
      const restored = existing !== undefined && existing.removedAt !== null;
      for (const c of cards) {
        const suspend = !ords.has(c.ord) ? true : restored ? false : c.suspended;
        if (suspend === c.suspended) continue;
        repos.cards.setSuspended(c.id, suspend);
        changed.push(c.id);
      }
      for (const ord of ords) {
        if (!cards.some((c) => c.ord === ord)) repos.cards.insert(noteId, deckId, ord, now, now);
      }
    }
    for (const n of repos.notes.bySource(source)) {
      if (keep.has(n.guid) || n.removedAt !== null) continue;
      if (n.editedAt !== null) {
        kept++;
        continue;
      }
      repos.notes.markRemoved(n.id, now);
      for (const c of repos.cards.byNote(n.id)) {
        if (c.suspended) continue;
        repos.cards.setSuspended(c.id, true);
        changed.push(c.id);
      }
      removed++;
    }
    if (installed && (added || updated || removed || kept)) {
      repos.decks.addNotice({
        deckId,
        fromVersion: installed.version,
        toVersion: deck.deck.version,
        added,
        updated,
        removed,
        kept,
        createdAt: now,
      });
    }
    repos.decks.saveSource({ sourceId, deckId, version: deck.deck.version, contentHash: fileHash }, now);
    cardEvents.fields(changed, ['suspended']);
    return { added, updated, removed, kept, fresh: !installed };
  });

  return {
    errors(): DeckLoadError[] {
      return lastErrors;
    },
    /** Install or update every deck file in `dir` (files ending in .json, except JSON Schemas). */
    sync(dir: string): SyncResult {
      const result: SyncResult = { installed: [], updated: [], unchanged: [], errors: [] };
      let files: string[] = [];
      try {
        files = readdirSync(dir)
          .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
          .sort();
      } catch {
        files = [];
      }
      for (const file of files) {
        const text = readFileSync(join(dir, file), 'utf8');
        const fileHash = createHash('sha256').update(text).digest('hex');
        // A file installed byte for byte as it is: nothing to parse, nothing to touch.
        const same = repos.decks.sourceWithHash(fileHash);
        if (same) {
          result.unchanged.push(same.sourceId);
          continue;
        }
        const parsed = parseDeckFile(text, file);
        if (!parsed.ok) {
          result.errors.push(parsed.error);
          continue;
        }
        const deck = parsed.deck;
        // A built-in deck the user deleted stays deleted (until the delete is undone).
        if (removedBuiltinSources(repos).has(deck.deck.id)) continue;
        const installed = repos.decks.source(deck.deck.id);
        if (installed && (installed.contentHash === fileHash || installed.version > deck.deck.version)) {
          result.unchanged.push(deck.deck.id);
          continue;
        }
        const r = applyDeck.immediate(deck, fileHash);
        if (r.fresh) result.installed.push(deck.deck.id);
        else result.updated.push({ deckId: deck.deck.id, added: r.added, updated: r.updated, removed: r.removed, kept: r.kept });
      }
      lastErrors = result.errors;
      return result;
    },
  };
}
export type BuiltinDeckService = ReturnType<typeof createBuiltinDeckService>;
