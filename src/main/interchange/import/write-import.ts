/**
 * The write step of an import: one transaction, done in chunks that yield to the event loop so
 * progress can be reported (other calls wait meanwhile). Notes, cards and review-log rows go
 * through their own repos; Anki cards get their schedule and replayed history
 * (anki-schedule-import.ts). Any failure rolls everything back, media files included.
 */
import type { ImportProgress, ImportResult } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import { NOTE_KIND_CODES } from '../../../shared/enums';
import type { Clock } from '../../core/clock';
import { noteContentHash } from '../../core/note-hash';
import type { Repos } from '../../db/repos';
import type { DeckService } from '../../services/deck-service';
import type { MediaStore } from '../../services/media-store';
import type { SettingsService } from '../../services/settings-service';
import { writeAnkiSchedules, type AnkiCardToWrite } from './anki-schedule-import';
import type { ImportJobs } from './import-jobs';
import type { ImportPlan, PlannedNote } from './import-plan-types';

/** Notes written between two yields to the event loop. */
const CHUNK = 2000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface WriteDeps {
  repos: Repos;
  settings: SettingsService;
  decks: DeckService;
  mediaStore: MediaStore;
  clock: Clock;
  timeZone: string;
  jobs: ImportJobs;
}

export async function writeImport(
  p: ImportPlan,
  deps: WriteDeps,
  jobId: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportResult> {
  const { repos, settings, decks, mediaStore, clock, timeZone, jobs } = deps;
  const { db } = repos;
  if (db.inTransaction) throw new AppError('conflict', 'the collection is busy with another write; try the import again');
  const now = clock.now();
  const source = `import:${p.format}`;
  const replay: AnkiCardToWrite[] = [];
  const total = p.notes.length + p.media.length + 1;
  let done = 0;
  let newNotes = 0;
  let updated = 0;
  let unchanged = 0;
  let cardsAdded = 0;
  let reviewsAdded = 0;
  const staging = mediaStore.staging();
  let published: string[] = [];
  const hasReviews = p.reviewsByCard.size > 0;
  jobs.set(jobId, { state: 'writing', done: 0, total }, onProgress);

  db.exec('BEGIN IMMEDIATE');
  jobs.writing = true;
  try {
    const deckIdsBefore = new Set(repos.decks.list().map((d) => d.id));
    const decksBefore = deckIdsBefore.size;
    const deckIds = new Map<string, number>();
    for (const path of p.deckPaths) deckIds.set(path, repos.decks.ensurePath(path, now));
    const deckId = (path: string): number => deckIds.get(path) ?? repos.decks.ensurePath(path, now);

    for (let start = 0; start < p.notes.length; start += CHUNK) {
      const end = Math.min(p.notes.length, start + CHUNK);
      for (let i = start; i < end; i++) {
        const n = p.notes[i] as PlannedNote;
        if (n.status === 'unchanged') {
          unchanged++;
          continue;
        }
        const { note, existing, existingCards } = n;
        const contentJson = n.contentJson ?? JSON.stringify(n.content);
        const tagsJson = n.tagsJson ?? JSON.stringify(note.tags);
        const stored = {
          kind: NOTE_KIND_CODES[n.content.kind],
          contentJson,
          tagsJson,
          section: note.section,
          contentHash: n.hash ?? noteContentHash(contentJson, tagsJson, p.withSection ? note.section : null),
        };
        let noteId: number;
        if (existing) {
          noteId = existing.id;
          repos.notes.updateStoredInPlace(noteId, stored, note.tags, now);
          updated++;
        } else {
          noteId = repos.notes.insertStored({ ...stored, guid: note.guid, deckId: deckId(n.deckPath), source }, note.tags, now);
          newNotes++;
        }
        for (const c of note.cards) {
          const old = existingCards?.find((e) => e.ord === c.ord);
          let cardId: number;
          if (old) cardId = old.id;
          else {
            cardId = repos.cards.insert(noteId, deckId(p.deckOf(c.deckPath)), c.ord, now, now, c.suspended === true);
            cardsAdded++;
          }
          if (c.anki && (!old || (old.reps === 0 && old.state === 0))) {
            const history = hasReviews ? p.reviewsByCard.get(c.sourceKey) : undefined;
            if (history || c.anki.type !== 0) replay.push({ cardId, deckId: deckId(p.deckOf(c.deckPath)), schedule: c.anki, reviews: history ?? [] });
          }
        }
      }
      done = end;
      jobs.set(jobId, { done }, onProgress);
      await yieldToEventLoop();
    }

    if (replay.length) {
      reviewsAdded += writeAnkiSchedules(repos, replay, {
        createdAt: p.anki?.createdAt ?? now,
        presets: p.anki?.presets ?? [],
        config: settings.config(),
        timeZone,
        newDeckIds: new Set([...deckIds.values()].filter((id) => !deckIdsBefore.has(id))),
      });
    }

    for (const m of p.media) {
      staging.put(m.name, m.data);
      repos.media.insert({ name: m.name, sha256: m.sha256, bytes: m.data.length }, now);
      jobs.set(jobId, { done: ++done }, onProgress);
    }

    const createdDecks = repos.decks.list().length - decksBefore;
    const importId = repos.imports.record({
      fileName: p.fileName,
      format: p.format,
      notes: newNotes,
      cards: cardsAdded,
      reviews: reviewsAdded,
      media: p.media.length,
      updated,
      skipped: p.skipped.length,
      createdAt: now,
    });
    published = staging.publish();
    db.exec('COMMIT');
    jobs.set(jobId, { state: 'done', done: total }, onProgress);
    decks.invalidate();
    return {
      importId,
      fileName: p.fileName,
      format: p.format,
      notes: newNotes,
      updated,
      unchanged,
      skipped: p.skipped.length,
      warnings: p.warnings.length,
      cards: cardsAdded,
      decks: createdDecks,
      media: p.media.length,
      reviews: reviewsAdded,
      deckIds: [...p.deckPaths].sort().slice(0, 50).map((path) => ({ id: deckId(path), path })),
    };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    mediaStore.remove(published);
    decks.invalidate();
    throw err;
  } finally {
    jobs.writing = false;
    staging.discard();
  }
}
