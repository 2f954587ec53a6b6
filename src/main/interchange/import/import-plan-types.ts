/** What the planning step of an import decides: each note's status and deck, the media to store, the counts. */
import type { ImportFileFormat, ImportIssue, ImportPreview } from '../../../shared/api/import-contract';
import type { NoteContent } from '../../../shared/note-content';
import type { ExistingCard, ExistingNote } from '../../db/repos/import-repo';
import type { ImportBundle } from '../formats/bundle';
import type { NoteBatch } from './note-batch';
import type { ReadMessage } from './read-messages';

/**
 * A file already read whole (by the service's `readSource`), to plan without reading it again:
 * what a staged small file's preview keeps for the next preview or the commit when the options
 * do not change the reading.
 */
export interface ReadImport {
  fileName: string;
  size: number;
  messages: ReadMessage[];
}

export const NOTE_STATUS = { skipped: 0, new: 1, updated: 2, unchanged: 3 } as const;
export type NoteStatus = 'new' | 'updated' | 'unchanged';

/** One batch of notes compared with the collection: what the write step does with each. */
export interface PlannedBatch {
  batch: NoteBatch;
  /** NOTE_STATUS per note. */
  status: Uint8Array;
  /** The note's deck (its first card's target deck). */
  noteDeck: string[];
  /** Target deck of each deck path of the batch's table. */
  deckOf: string[];
  /** Content JSON and hash as stored: the batch's own, or rewritten for renamed media files. */
  contentJson: string[];
  hash: string[];
  /** Notes already in the collection, by index in the batch. */
  existing: Map<number, ExistingNote>;
  /** Cards of updated notes already in the collection, by index in the batch. */
  existingCards: Map<number, ExistingCard[]>;
}

export interface PlannedMedia {
  name: string;
  data: Uint8Array;
  sha256: string;
}

/** A note of the preview's sample, with its content as stored. */
export interface SampleNote {
  location: string;
  status: NoteStatus;
  deckPath: string;
  content: NoteContent;
  ord: number;
  tags: string[];
  cards: number;
}

/** What a whole file's plan adds up to (the preview shows it; the write reports from it). */
export interface PlanSummary {
  fileName: string;
  format: ImportFileFormat;
  /** Anki collections: creation time and deck options presets. */
  anki: ImportBundle['anki'];
  bytes: number;
  defaultDeck: string;
  counts: { new: number; updated: number; unchanged: number };
  sample: SampleNote[];
  skipped: ImportIssue[];
  warnings: ImportIssue[];
  media: PlannedMedia[];
  /** Every media file of the bundle under its final name (for the preview's pictures). */
  mediaByName: Map<string, Uint8Array>;
  deckPaths: string[];
  newDecks: number;
  newCards: number;
  reviews: number;
  csv: ImportPreview['csv'];
}
