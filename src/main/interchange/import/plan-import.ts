/**
 * The planning step of an import: compare what was read with the collection, a batch of notes at
 * a time, writing nothing. A note whose GUID is in the collection is updated (or unchanged when
 * its hash is the same); a GUID repeated in the file is skipped; a new note whose front repeats
 * another's in the same deck is kept with a warning; decks the import would create are counted.
 * Repeats inside the file are found by the reader thread (file-duplicates.ts); the plan compares
 * with the collection. Memory: besides the batch at hand, the planner keeps the GUIDs of the
 * collection's notes the file updates, the fronts of the collection's decks it checks, the
 * issues, and a sample of the first notes.
 */
import { IMPORT_SAMPLE_NOTES, type ImportIssue, type ImportOptions } from '../../../shared/api/import-contract';
import { normalizeDeckPath } from '../../../shared/deck-path';
import type { NoteContent } from '../../../shared/note-content';
import { noteContentHash } from '../../core/note-hash';
import type { Repos } from '../../db/repos';
import type { ExistingCard, ExistingNote } from '../../db/repos/import-repo';
import { buildDeckTree } from '../../services/deck-tree';
import type { MediaStore } from '../../services/media-store';
import { importFileStem, type ImportSkip } from '../formats/bundle';
import { cleanRendered } from './clean-notes';
import { frontKey, normalizeFront } from './duplicate-fronts';
import { NOTE_STATUS, type PlanSummary, type PlannedBatch, type SampleNote } from './import-plan-types';
import { batchTags, type NoteBatch } from './note-batch';
import { importDeckPaths } from './import-deck-paths';
import { planMedia } from './plan-media';
import { hashesSection, type ReadHead } from './read-messages';

const STATUS_NAMES = ['new', 'updated', 'unchanged'] as const;

export function createImportPlanner(src: { fileName: string; size: number }, head: ReadHead, options: ImportOptions, repos: Repos, mediaStore: MediaStore) {
  const media = planMedia(head.media, repos.media, mediaStore);
  const renames = media.renames;
  const withSection = hashesSection(head.bundleFormat);
  const { fileDeck, deckOf } = importDeckPaths(options.deckName);

  // Notes this import writes have GUIDs of their own, so an empty collection needs no lookups.
  const lookUp = repos.imports.hasNotes();
  /** GUIDs of the collection's notes this file updates, as far as it has been planned. */
  const updating = new Set<string>();
  const guidSkips: ImportIssue[] = [];
  let readerSkips: ImportSkip[] = [];

  // Duplicate fronts among new notes: against live notes of the deck here, against earlier notes
  // of the file by the reader (file-duplicates.ts; the collection's note is named when both are).
  const deckIdByPath = new Map(buildDeckTree(repos.decks.list()).map((d) => [d.path, d.id]));
  const warnings: ImportIssue[] = [];
  const frontsByDeck = new Map<string, Map<string, string>>();
  const frontsOf = (deckPath: string): Map<string, string> => {
    let fronts = frontsByDeck.get(deckPath);
    if (!fronts) {
      fronts = new Map();
      frontsByDeck.set(deckPath, fronts);
      const deckId = deckIdByPath.get(deckPath);
      if (deckId !== undefined) {
        for (const row of repos.imports.frontsInDeck(deckId)) {
          // A note of the collection this file updates (as far as the file has been read) is no duplicate.
          if (updating.has(row.guid)) continue;
          const f = row.front !== null ? normalizeFront(row.front) : frontKey(JSON.parse(row.content ?? 'null') as NoteContent);
          if (f !== '' && !fronts.has(f)) fronts.set(f, `#${row.id} in the collection`);
        }
      }
    }
    return fronts;
  };

  const counts = { new: 0, updated: 0, unchanged: 0 };
  const sample: SampleNote[] = [];
  const deckPaths = new Set<string>();
  /** Deck paths that get a new card (for counting the decks the import creates). */
  const receiving = new Set<string>();
  let newCards = 0;
  let reviews = 0;
  let defaultDeck: string | undefined;

  /** Content JSON, hash and front with renamed media files referred to by their new names. */
  function withRenames(b: NoteBatch): { contentJson: string[]; hash: string[]; front: string[] } {
    if (renames.size === 0) return b;
    const contentJson = [...b.contentJson];
    const hash = [...b.hash];
    const front = [...b.front];
    for (let i = 0; i < b.count; i++) {
      const content = JSON.parse(b.contentJson[i] as string) as NoteContent;
      if (content.kind !== 'rendered') continue;
      const renamed = cleanRendered(content, renames);
      if (renamed === content) continue;
      contentJson[i] = JSON.stringify(renamed);
      hash[i] = noteContentHash(contentJson[i] as string, b.tagsJson[i] as string, withSection ? (b.section[i] as string) : null);
      front[i] = frontKey(renamed);
    }
    return { contentJson, hash, front };
  }

  function addSample(b: NoteBatch, i: number, status: number, noteDeck: string, contentJson: string): void {
    if (sample.length >= IMPORT_SAMPLE_NOTES) return;
    const first = b.cardStart[i] as number;
    sample.push({
      location: b.location[i] as string,
      status: STATUS_NAMES[status - 1] as SampleNote['status'],
      deckPath: noteDeck,
      content: JSON.parse(contentJson) as NoteContent,
      ord: first < (b.cardStart[i + 1] as number) ? (b.cardOrd[first] as number) : 0,
      tags: batchTags(b, i),
      cards: (b.cardStart[i + 1] as number) - first,
    });
  }

  /** Compare one batch with the collection. */
  function plan(b: NoteBatch): PlannedBatch {
    const { contentJson, hash, front } = withRenames(b);
    const deckOfTable = b.decks.map(deckOf);
    /** Per entry of the batch's deck table: whether it was counted as a deck path, as receiving a new card, and its fronts. */
    const pathCounted = new Uint8Array(deckOfTable.length);
    const receivingCounted = new Uint8Array(deckOfTable.length);
    const frontsOfEntry = new Array<Map<string, string> | undefined>(deckOfTable.length);
    const countPath = (k: number): void => {
      if (pathCounted[k] === 0) {
        pathCounted[k] = 1;
        deckPaths.add(deckOfTable[k] as string);
      }
    };
    const countReceiving = (k: number): void => {
      if (receivingCounted[k] === 0) {
        receivingCounted[k] = 1;
        receiving.add(deckOfTable[k] as string);
      }
    };
    const status = new Uint8Array(b.count);
    const noteDeck = new Array<string>(b.count);
    if (defaultDeck === undefined && b.count > 0) defaultDeck = fileDeck(b.decks[b.noteDeck[0] as number] as string);

    // GUIDs: a repeat inside the file (as the reader found it) is skipped; the rest are looked up in the collection.
    const fresh: number[] = [];
    const lookup = new Set<string>();
    for (let i = 0; i < b.count; i++) {
      const first = b.guidSeen[i];
      if (first !== null && first !== undefined) {
        guidSkips.push({ location: b.location[i] as string, reason: `duplicate GUID of ${first}` });
        continue;
      }
      if (lookUp) lookup.add(b.guid[i] as string);
      fresh.push(i);
    }
    const found = lookUp ? repos.imports.existingByGuid(lookup) : new Map<string, ExistingNote>();
    for (const guid of found.keys()) updating.add(guid);
    const existing = new Map<number, ExistingNote>();
    const updates: number[] = [];
    for (const i of fresh) {
      const deckEntry = b.noteDeck[i] as number;
      const deck = (noteDeck[i] = deckOfTable[deckEntry] as string);
      const cardsEnd = b.cardStart[i + 1] as number;
      for (let c = b.cardStart[i] as number; c < cardsEnd; c++) countPath(b.cardDeck[c] as number);
      const ex = found.get(b.guid[i] as string);
      if (ex) {
        existing.set(i, ex);
        const st = ex.contentHash === hash[i] && !ex.removed ? NOTE_STATUS.unchanged : NOTE_STATUS.updated;
        status[i] = st;
        if (st === NOTE_STATUS.updated) {
          counts.updated++;
          updates.push(i);
        } else counts.unchanged++;
        addSample(b, i, st, deck, contentJson[i] as string);
        continue;
      }
      status[i] = NOTE_STATUS.new;
      counts.new++;
      addSample(b, i, NOTE_STATUS.new, deck, contentJson[i] as string);
      for (let c = b.cardStart[i] as number; c < cardsEnd; c++) {
        newCards++;
        countReceiving(b.cardDeck[c] as number);
        reviews += b.cardReviews[c] as number;
      }
      const fronts = (frontsOfEntry[deckEntry] ??= frontsOf(deck));
      const f = front[i] as string;
      const other = (fronts.size > 0 && f !== '' ? fronts.get(f) : undefined) ?? b.frontSeen[i];
      if (other !== null && other !== undefined) warnings.push({ location: b.location[i] as string, reason: `duplicate front of note ${other} (imported anyway)` });
    }
    const existingCards = updates.length > 0 ? repos.imports.cardsOfNotes(updates.map((i) => (existing.get(i) as ExistingNote).id)) : new Map<number, ExistingCard[]>();
    const cardsByIndex = new Map<number, ExistingCard[]>();
    for (const i of updates) {
      const have = existingCards.get((existing.get(i) as ExistingNote).id) ?? [];
      cardsByIndex.set(i, have);
      const cardsEnd = b.cardStart[i + 1] as number;
      for (let c = b.cardStart[i] as number; c < cardsEnd; c++) {
        const old = have.find((e) => e.ord === b.cardOrd[c]);
        if (!old) {
          newCards++;
          countReceiving(b.cardDeck[c] as number);
        }
        if (!old || (old.reps === 0 && old.state === 0)) reviews += b.cardReviews[c] as number;
      }
    }
    return { batch: b, status, noteDeck, deckOf: deckOfTable, contentJson, hash, existing, existingCards: cardsByIndex };
  }

  /** What the whole file adds up to, once every batch was planned (`skipped`: the reader's). */
  function summary(skipped: readonly ImportSkip[]): PlanSummary {
    readerSkips = [...skipped];
    // Decks the import creates: missing paths that receive a card, and their missing parents.
    const missing = new Set<string>();
    for (const path of receiving) {
      const parts = path.split('::');
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('::');
        if (!deckIdByPath.has(prefix)) missing.add(prefix);
      }
    }
    return {
      fileName: src.fileName,
      format: head.format,
      anki: head.anki,
      bytes: src.size,
      defaultDeck: defaultDeck ?? normalizeDeckPath(importFileStem(src.fileName)),
      counts: { ...counts },
      sample,
      skipped: [...readerSkips, ...guidSkips],
      warnings,
      media: media.write,
      mediaByName: media.byName,
      deckPaths: [...deckPaths],
      newDecks: missing.size,
      newCards,
      reviews,
      csv: head.csv,
    };
  }

  return { plan, summary };
}
export type ImportPlanner = ReturnType<typeof createImportPlanner>;
