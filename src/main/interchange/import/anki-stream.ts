/**
 * Anki packages (.apkg) and bare Anki collections as the reader thread reads them: the notes a
 * batch at a time (interchange/anki/read-anki-collection.ts), each batch with the review history
 * of its own cards, packed for the writing thread (note-batch.ts) as it is read. Memory is the
 * package's bytes, the private copy of its collection (in memory up to a limit, else a file read
 * through a small page cache) and a batch of notes, however many notes the collection holds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportFileFormat } from '../../../shared/api/import-contract';
import type { ImportReview } from '../formats/bundle';
import { streamAnkiCollectionFile, streamAnkiPackage, type AnkiPackagePart } from '../anki/read-anki-package';
import { scratchDir, type ImportBytes } from './import-read';
import { createFileDuplicates } from './file-duplicates';
import { NOTE_BATCH_SIZE, packNotes } from './note-batch';
import type { ReadMessage } from './read-message-types';

/** A batch's reviews grouped by card (undefined when there are none). */
export function reviewsByCard(reviews: readonly ImportReview[]): Map<string, ImportReview[]> | undefined {
  if (reviews.length === 0) return undefined;
  const out = new Map<string, ImportReview[]>();
  for (const r of reviews) {
    const list = out.get(r.cardKey);
    if (list) list.push(r);
    else out.set(r.cardKey, [r]);
  }
  return out;
}

/** The reader thread's messages for a package's (or collection's) parts. */
function* partMessages(format: ImportFileFormat, parts: Generator<AnkiPackagePart>, deckName: string | undefined): Generator<ReadMessage> {
  const duplicates = createFileDuplicates(deckName, true);
  for (const part of parts) {
    if (part.kind === 'head') yield { kind: 'head', format, bundleFormat: 'apkg', csv: null, media: part.media, anki: part.anki };
    else if (part.kind === 'notes') {
      const ctx = { withSection: false, reviewsByCard: reviewsByCard(part.reviews), duplicates };
      yield { kind: 'notes', batch: packNotes(part.notes, ctx, part.through) };
    } else yield { kind: 'end', skipped: part.skipped };
  }
}

/**
 * Read an Anki package or bare collection and yield the head, the notes in batches, and the end
 * (see read-messages). `deckName`: the deck the import sends every card to, if it does.
 */
export function* readAnkiMessages(src: ImportBytes, format: 'apkg' | 'anki2', deckName?: string): Generator<ReadMessage> {
  const { fileName, bytes } = src;
  // A package's collection inflates to several times the package size.
  if (format === 'apkg') {
    yield* partMessages(format, streamAnkiPackage(bytes, fileName, scratchDir(bytes.length * 8), NOTE_BATCH_SIZE), deckName);
    return;
  }
  const dir = mkdtempSync(join(scratchDir(bytes.length * 2), 'retain-import-'));
  try {
    const ext = extname(fileName).toLowerCase();
    const path = join(dir, `collection${/^\.anki2\d?b?$/.test(ext) ? ext : '.anki2'}`);
    writeFileSync(path, bytes);
    yield* partMessages(format, streamAnkiCollectionFile(path, fileName, dir, NOTE_BATCH_SIZE), deckName);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
