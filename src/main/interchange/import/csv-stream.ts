/**
 * Delimited text as the reader thread reads it: a piece at a time from the staged file (or the
 * bytes given), decoded as it goes, its notes handed over in batches (note-batch.ts). Memory is
 * a few pieces of text and a batch of notes, whatever the size of the file (see
 * formats/csv-rows.ts), plus one short hash per note for the repeated-front check.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { ImportOptions } from '../../../shared/api/import-contract';
import { ImportError, type ImportNote } from '../formats/bundle';
import { readDelimitedNotes, type DelimitedTextOptions } from '../formats/csv-reader';
import type { OpenText, TextPieces } from '../formats/csv-rows';
import { detectImportFormat, probeCsvMapping, type ImportSource } from './import-read';
import { createFileDuplicates } from './file-duplicates';
import { NOTE_BATCH_SIZE, packNotes } from './note-batch';
import type { ReadMessage } from './read-message-types';

/** Bytes read from the file at once. */
const CHUNK_BYTES = 1024 * 1024;
/** Bytes looked at to tell delimited text from the other formats. */
const HEAD_BYTES = 64 * 1024;

/** Up to `length` bytes of the source from `position` (fewer at its end). */
function readAt(source: ImportSource, position: number, length: number): Uint8Array {
  if ('bytes' in source) return source.bytes.subarray(position, position + length);
  const buffer = Buffer.allocUnsafe(length);
  const fd = openSync(source.path, 'r');
  try {
    const n = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function sizeOf(source: ImportSource): number {
  return 'bytes' in source ? source.bytes.length : source.size;
}

/**
 * Whether the file is delimited text to read a piece at a time: what the whole-file reader
 * would take for delimited text, judged by its first bytes. Anything else (a binary file, one
 * that starts like JSON) goes to the whole-file reader, which also gives the errors for files
 * that are no text at all.
 */
export function isDelimitedSource(source: ImportSource): boolean {
  const head = readAt(source, 0, HEAD_BYTES);
  if (head.subarray(0, 8192).includes(0)) return false;
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '');
  if (text.trim() === '' || text.trimStart().startsWith('{')) return false;
  return detectImportFormat(source.fileName, head.subarray(0, 16), text) === 'csv';
}

/** The source's text, decoded a chunk at a time; invalid UTF-8 is an ImportError. */
function openText(source: ImportSource): OpenText {
  const size = sizeOf(source);
  return (): TextPieces => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let position = 0;
    let first = true;
    const decode = (bytes: Uint8Array, more: boolean): string => {
      try {
        return decoder.decode(bytes, { stream: more });
      } catch {
        throw new ImportError(source.fileName, '', 'text is not valid UTF-8');
      }
    };
    return {
      next(chars) {
        if (position >= size && !first) return null;
        let text = '';
        do {
          const bytes = readAt(source, position, CHUNK_BYTES);
          position += bytes.length;
          text += decode(bytes, position < size);
        } while (position < size && text.length < chars);
        if (first && text.startsWith('\uFEFF')) text = text.slice(1);
        first = false;
        return text;
      },
      through: () => (size === 0 ? 1 : position / size),
    };
  };
}

/** Read delimited text and yield the head, the notes in batches, and the end (see read-messages). */
export function* readDelimitedStream(source: ImportSource, options: ImportOptions): Generator<ReadMessage> {
  const csvOptions: DelimitedTextOptions = {};
  if (options.csv?.delimiter !== undefined) csvOptions.delimiter = options.csv.delimiter;
  if (options.csv?.hasHeader !== undefined) csvOptions.hasHeader = options.csv.hasHeader;
  if (options.csv?.mapping !== undefined) csvOptions.mapping = options.csv.mapping;
  const open = openText(source);
  let pieces: TextPieces | undefined;
  const counted: OpenText = () => (pieces = open());
  // The reader skips repeated fronts itself (csv-reader.ts): only GUIDs are checked here.
  const ctx = { withSection: false, reviewsByCard: undefined, duplicates: createFileDuplicates(options.deckName, false) };
  let notes: ImportNote[] = [];
  for (const e of readDelimitedNotes(counted, source.fileName, csvOptions)) {
    if (e.kind === 'note') {
      notes.push(e.note);
      if (notes.length < NOTE_BATCH_SIZE) continue;
      yield { kind: 'notes', batch: packNotes(notes, ctx, pieces?.through() ?? 0) };
      notes = [];
    } else if (e.kind === 'detected') {
      const { detected } = e;
      const mapping = probeCsvMapping(e.top, source.fileName, detected, csvOptions);
      const csv = { delimiter: detected.delimiter, hasHeader: detected.hasHeader, columns: detected.columns, columnCount: detected.columnCount, html: detected.html, mapping };
      yield { kind: 'head', format: 'csv', bundleFormat: 'csv', csv, media: [], anki: undefined };
    } else {
      if (notes.length > 0) yield { kind: 'notes', batch: packNotes(notes, ctx, 1) };
      notes = [];
      yield { kind: 'end', skipped: e.skipped };
    }
  }
}
