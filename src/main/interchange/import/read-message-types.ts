/** The messages the reader thread sends for one import file (see read-messages.ts for their order). */
import type { ImportFileFormat, ImportPreview } from '../../../shared/api/import-contract';
import type { ImportBundle, ImportFormat, ImportMedia, ImportSkip } from '../formats/bundle';
import type { NoteBatch } from './note-batch';

export interface ReadHead {
  kind: 'head';
  format: ImportFileFormat;
  /** The reader's own name for the format (an Anki collection file reads as 'apkg'). */
  bundleFormat: ImportFormat;
  csv: ImportPreview['csv'];
  media: ImportMedia[];
  anki: ImportBundle['anki'];
}

export interface ReadNotes {
  kind: 'notes';
  batch: NoteBatch;
}

export interface ReadEnd {
  kind: 'end';
  skipped: ImportSkip[];
}

export type ReadMessage = ReadHead | ReadNotes | ReadEnd;
