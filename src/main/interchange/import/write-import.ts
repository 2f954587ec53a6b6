/**
 * The write step of an import: one transaction, written a batch of notes at a time as the reader
 * thread delivers them (each batch compared with the collection first, see plan-import.ts), so
 * the whole file is never held at once. Between batches the event loop runs, so progress can be
 * reported (other calls wait meanwhile). Notes, cards and review-log rows go through their own
 * repos; Anki cards get their schedule and replayed history (anki-schedule-import.ts) once all
 * notes are in. Any failure, of the reading included, rolls everything back, media files too.
 */
import type { ImportIssue, ImportOptions, ImportProgress, ImportResult } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import type { Clock } from '../../core/clock';
import { raisePageCache } from '../../db/open-db';
import type { Repos } from '../../db/repos';
import type { DeckService } from '../../services/deck-service';
import type { MediaStore } from '../../services/media-store';
import type { SettingsService } from '../../services/settings-service';
import { ImportError } from '../formats/bundle';
import { writeAnkiSchedules, type AnkiCardToWrite } from './anki-schedule-import';
import type { ImportJobs } from './import-jobs';
import { NOTE_STATUS, type PlanSummary, type PlannedBatch } from './import-plan-types';
import { batchTags } from './note-batch';
import { createImportPlanner } from './plan-import';
import type { ReadMessage } from './read-messages';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Page cache while an import is written: most of what a larger one gains, and bounded whatever the file's size. */
const IMPORT_CACHE_MIB = 64;

export interface WriteDeps {
  repos: Repos;
  settings: SettingsService;
  decks: DeckService;
  mediaStore: MediaStore;
  clock: Clock;
  timeZone: string;
  jobs: ImportJobs;
  /** Sync: record the state of cards whose schedule an import replaced (cards the journal had recorded). */
  recordStates?: (cardIds: readonly number[]) => void;
}

export interface WriteOutcome {
  result: ImportResult;
  skipped: ImportIssue[];
  warnings: ImportIssue[];
}

/** Read messages of a file, as they come from the reader thread or as kept from an earlier read. */
export type ReadMessages = AsyncIterable<ReadMessage> | Iterable<ReadMessage>;

export async function writeImport(
  src: { fileName: string; size: number },
  messages: ReadMessages,
  options: ImportOptions,
  deps: WriteDeps,
  jobId: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<WriteOutcome> {
  const { repos, settings, decks, mediaStore, clock, timeZone, jobs } = deps;
  const { db } = repos;
  if (db.inTransaction) throw new AppError('conflict', 'the collection is busy with another write; try the import again');
  const now = clock.now();
  const replay: AnkiCardToWrite[] = [];
  let done = 0;
  let newNotes = 0;
  let updated = 0;
  let unchanged = 0;
  let cardsAdded = 0;
  let reviewsAdded = 0;
  const staging = mediaStore.staging();
  let published: string[] = [];
  let began = false;
  let restoreCache: (() => void) | undefined;
  try {
    let summary: PlanSummary | undefined;
    let planner: ReturnType<typeof createImportPlanner> | undefined;
    let source = '';
    const deckIds = new Map<string, number>();
    const deckId = (path: string): number => {
      let id = deckIds.get(path);
      if (id === undefined) {
        id = repos.decks.ensurePath(path, now);
        deckIds.set(path, id);
      }
      return id;
    };
    let deckIdsBefore = new Set<number>();

    // New notes and cards get their ids here and are written a batch at a time, many rows per statement.
    let nextNoteId = 0;
    let nextCardId = 0;
    const noteRows: unknown[] = [];
    const tagRows: unknown[] = [];
    const cardRows: unknown[] = [];

    const writeBatch = (p: PlannedBatch): void => {
      const b = p.batch;
      /** Deck id of each entry of the batch's deck table, found at first use. */
      const ids = new Array<number | undefined>(p.deckOf.length);
      const cardDeckId = (c: number): number => {
        const k = b.cardDeck[c] as number;
        return (ids[k] ??= deckId(p.deckOf[k] as string));
      };
      for (let i = 0; i < b.count; i++) {
        const st = p.status[i];
        if (st === NOTE_STATUS.skipped) continue;
        const cardsEnd = b.cardStart[i + 1] as number;
        if (st === NOTE_STATUS.unchanged) {
          unchanged++;
          for (let c = b.cardStart[i] as number; c < cardsEnd; c++) cardDeckId(c);
          continue;
        }
        const existing = p.existing.get(i);
        const existingCards = existing ? p.existingCards.get(i) : undefined;
        const stored = {
          guid: b.guid[i] as string,
          deckId: existing ? existing.deckId : deckId(p.noteDeck[i] as string),
          kind: b.kind[i] as number,
          contentJson: p.contentJson[i] as string,
          tagsJson: b.tagsJson[i] as string,
          section: b.section[i] as string,
          source,
          contentHash: p.hash[i] as string,
        };
        let noteId: number;
        if (existing) {
          noteId = existing.id;
          repos.notes.updateStoredInPlace(noteId, stored, batchTags(b, i), now);
          updated++;
        } else {
          noteId = nextNoteId++;
          noteRows.push(noteId, stored.guid, stored.deckId, stored.kind, stored.contentJson, stored.tagsJson, stored.section, source, stored.contentHash, now, now);
          const tagsEnd = b.tagStart[i + 1] as number;
          for (let t = b.tagStart[i] as number; t < tagsEnd; t++) tagRows.push(noteId, b.tags[t]);
          newNotes++;
        }
        for (let c = b.cardStart[i] as number; c < cardsEnd; c++) {
          const ord = b.cardOrd[c] as number;
          const cardDeck = cardDeckId(c);
          const old = existingCards?.find((e) => e.ord === ord);
          let cardId: number;
          if (old) cardId = old.id;
          else {
            cardId = nextCardId++;
            cardRows.push(cardId, noteId, cardDeck, ord, now, b.cardSuspended[c], now);
            cardsAdded++;
          }
          const anki = b.cardAnki[c];
          if (anki && (!old || (old.reps === 0 && old.state === 0))) replay.push({ cardId, deckId: cardDeck, schedule: anki.schedule, reviews: anki.reviews, existed: old !== undefined });
        }
      }
      // Notes before their tags and cards (which refer to them).
      repos.notes.insertStoredRows(noteRows, tagRows);
      repos.cards.insertRows(cardRows);
      noteRows.length = 0;
      tagRows.length = 0;
      cardRows.length = 0;
    };

    let decksBefore = 0;
    for await (const m of messages) {
      if (m.kind === 'head') {
        source = `import:${m.format}`;
        jobs.set(jobId, { state: 'writing', done: 0, total: 1 }, onProgress);
        db.exec('BEGIN IMMEDIATE');
        began = true;
        restoreCache = raisePageCache(db, IMPORT_CACHE_MIB);
        jobs.writing = true;
        deckIdsBefore = new Set(repos.decks.list().map((d) => d.id));
        nextNoteId = repos.notes.nextId();
        nextCardId = repos.cards.nextId();
        decksBefore = deckIdsBefore.size;
        planner = createImportPlanner(src, m, options, repos, mediaStore);
      } else if (!planner) throw new ImportError(src.fileName, '', 'the reader sent notes before the file\'s description');
      else if (m.kind === 'notes') {
        writeBatch(planner.plan(m.batch));
        done += m.batch.count;
        const through = m.batch.through;
        jobs.set(jobId, { done, total: Math.max(done, through > 0 ? Math.round(done / through) : done) + 1 }, onProgress);
        await yieldToEventLoop();
      } else summary = planner.summary(m.skipped);
    }
    if (!summary) throw new ImportError(src.fileName, '', 'the file was not read to its end');
    const total = done + summary.media.length + 1;

    if (replay.length) {
      reviewsAdded += writeAnkiSchedules(repos, replay, {
        createdAt: summary.anki?.createdAt ?? now,
        presets: summary.anki?.presets ?? [],
        config: settings.config(),
        timeZone,
        newDeckIds: new Set([...deckIds.values()].filter((id) => !deckIdsBefore.has(id))),
        ...(deps.recordStates ? { recordStates: deps.recordStates } : {}),
      });
    }

    for (const m of summary.media) {
      staging.put(m.name, m.data);
      repos.media.insert({ name: m.name, sha256: m.sha256, bytes: m.data.length }, now);
      jobs.set(jobId, { done: ++done, total }, onProgress);
    }

    const createdDecks = repos.decks.list().length - decksBefore;
    const importId = repos.imports.record({
      fileName: summary.fileName,
      format: summary.format,
      notes: newNotes,
      cards: cardsAdded,
      reviews: reviewsAdded,
      media: summary.media.length,
      updated,
      skipped: summary.skipped.length,
      createdAt: now,
    });
    published = staging.publish();
    db.exec('COMMIT');
    jobs.set(jobId, { state: 'done', done: total, total }, onProgress);
    decks.invalidate();
    const result: ImportResult = {
      importId,
      fileName: summary.fileName,
      format: summary.format,
      notes: newNotes,
      updated,
      unchanged,
      skipped: summary.skipped.length,
      warnings: summary.warnings.length,
      cards: cardsAdded,
      decks: createdDecks,
      media: summary.media.length,
      reviews: reviewsAdded,
      deckIds: [...summary.deckPaths].sort().slice(0, 50).map((path) => ({ id: deckId(path), path })),
    };
    return { result, skipped: summary.skipped, warnings: summary.warnings };
  } catch (err) {
    if (began && db.inTransaction) db.exec('ROLLBACK');
    mediaStore.remove(published);
    decks.invalidate();
    throw err;
  } finally {
    restoreCache?.();
    jobs.writing = false;
    staging.discard();
  }
}
