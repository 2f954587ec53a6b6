/**
 * What the reader thread sends for one import file, in order: a head (format, the delimited-text
 * settings it used, media files, Anki presets), then the notes in batches (note-batch.ts), then
 * the end (rows the reader skipped). Delimited text is read a piece at a time (csv-stream.ts) and
 * Anki files a batch of notes at a time (anki-stream.ts), so neither thread ever holds the whole
 * file's notes; the other formats (deck files) are read whole and sent in batches.
 */
import { readFileSync } from 'node:fs';
import type { ImportFileFormat, ImportOptions, ImportPreview } from '../../../shared/api/import-contract';
import type { ImportBundle, ImportFormat } from '../formats/bundle';
import { detectImportFormat, type ImportSource } from './import-read';
import { readAnkiMessages, reviewsByCard } from './anki-stream';
import { readDelimitedStream, isDelimitedSource } from './csv-stream';
import { createFileDuplicates } from './file-duplicates';
import { NOTE_BATCH_SIZE, packNotes } from './note-batch';

export type { ReadEnd, ReadHead, ReadMessage, ReadNotes } from './read-message-types';
import type { ReadMessage } from './read-message-types';
import type * as WholeFileReader from './read-whole-file';

/** Loads the whole-file reader on first need (the build gives it a chunk of its own). */
let loadWholeFileReader = (): Promise<typeof WholeFileReader> => import('./read-whole-file');

/**
 * Load the whole-file reader another way: the reader thread run from the TypeScript sources
 * loads modules with `require`, and `import()` there cannot load TypeScript.
 */
export function loadWholeFileReaderWith(load: () => Promise<typeof WholeFileReader>): void {
  loadWholeFileReader = load;
}

/** The whole file's bytes: given, or read from the staged file. */
export function sourceBytes(source: ImportSource): Uint8Array {
  return 'bytes' in source ? source.bytes : readFileSync(source.path);
}

/** Whether a reader format hashes notes with their section (deck files, as the built-in deck service does). */
export function hashesSection(format: ImportFormat): boolean {
  return format === 'retain-json' || format === 'markdown';
}

/**
 * Read the file and yield what the writing thread needs, in order (see the top of this file).
 * The whole-file reader (deck JSON, Markdown) is loaded only for such a file.
 */
export async function* readImportMessages(source: ImportSource, options: ImportOptions): AsyncGenerator<ReadMessage> {
  if (isDelimitedSource(source)) {
    yield* readDelimitedStream(source, options);
    return;
  }
  const src = { fileName: source.fileName, bytes: sourceBytes(source) };
  const binary = detectImportFormat(src.fileName, src.bytes.subarray(0, 16), '');
  if (binary === 'apkg' || binary === 'anki2') {
    yield* readAnkiMessages(src, binary, options.deckName);
    return;
  }
  const { readImportFile } = await loadWholeFileReader();
  const { format, bundle, csv } = readImportFile(src, options);
  yield* bundleMessages(format, bundle, csv, options.deckName);
}

/** The messages of a bundle read whole. */
export function* bundleMessages(format: ImportFileFormat, bundle: ImportBundle, csv: ImportPreview['csv'], deckName?: string): Generator<ReadMessage> {
  yield { kind: 'head', format, bundleFormat: bundle.format, csv, media: bundle.media, anki: bundle.anki };
  // Delimited text read whole has its repeated fronts skipped by its reader, as when read in pieces.
  const duplicates = createFileDuplicates(deckName, bundle.format !== 'csv');
  const ctx = { withSection: hashesSection(bundle.format), reviewsByCard: reviewsByCard(bundle.reviews), duplicates };
  const notes = bundle.notes;
  for (let start = 0; start < notes.length; start += NOTE_BATCH_SIZE) {
    const end = Math.min(notes.length, start + NOTE_BATCH_SIZE);
    yield { kind: 'notes', batch: packNotes(notes.slice(start, end), ctx, end / notes.length) };
  }
  yield { kind: 'end', skipped: bundle.skipped };
}
