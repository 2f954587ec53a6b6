/** What the planning step of an import decides: each note's status and deck, the media to store, the counts. */
import type { ImportFileFormat, ImportIssue, ImportPreview } from '../../../shared/api/import-contract';
import type { NoteContent } from '../../../shared/note-content';
import type { ExistingCard, ExistingNote } from '../../db/repos/import-repo';
import type { ImportBundle, ImportNote, ImportReview } from '../formats/bundle';
import type { ReadOutcome } from './import-read';

/**
 * A file already read (by the service's `readSource`), to plan without reading it again: what a
 * staged file's preview keeps for the next preview or the commit when the options do not change the reading.
 */
export interface ReadImport {
  fileName: string;
  size: number;
  outcome: ReadOutcome;
}

export type NoteStatus = 'new' | 'updated' | 'unchanged';

export interface PlannedNote {
  note: ImportNote;
  /** The note's content after media renames and HTML cleaning. */
  content: NoteContent;
  status: NoteStatus;
  existing: ExistingNote | undefined;
  /** The note's deck (its first card's target deck). */
  deckPath: string;
  /** Cards of the note already in the collection (updated notes only). */
  existingCards: ExistingCard[] | undefined;
  /** Computed while planning for notes already in the collection; for new notes while writing. */
  contentJson: string | undefined;
  tagsJson: string | undefined;
  hash: string | undefined;
}

export interface PlannedMedia {
  name: string;
  data: Uint8Array;
  sha256: string;
}

export interface ImportPlan {
  fileName: string;
  format: ImportFileFormat;
  /** Hash deck-file notes with their section, like the built-in deck service does. */
  withSection: boolean;
  /** Target deck of a card, from the deck path the file gives it. */
  deckOf(raw: string): string;
  reviewsByCard: Map<string, ImportReview[]>;
  /** Anki collections: creation time and deck options presets. */
  anki: ImportBundle['anki'];
  bytes: number;
  defaultDeck: string;
  notes: PlannedNote[];
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
