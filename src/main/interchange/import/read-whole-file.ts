/**
 * Reading a text import file whole: Retain deck JSON, Markdown (through the deck generator), and
 * delimited text that the piece-at-a-time reader (csv-stream.ts) does not take. The reader thread
 * loads this module only when such a file comes, so reading a delimited-text file or an Anki
 * package does not load the deck schema (zod) or the Markdown parser.
 */
import type { ImportFileFormat, ImportOptions, ImportPreview } from '../../../shared/api/import-contract';
import { ImportError, type ImportBundle } from '../formats/bundle';
import { readDelimitedText, type DelimitedTextOptions } from '../formats/csv-reader';
import { readRetainDeck } from '../formats/retain-json';
import { generateDeckFromMarkdown } from '../formats/markdown-deck';
import { detectImportFormat, probeCsvMapping, type ImportBytes } from './import-read';

export interface ReadOutcome {
  format: ImportFileFormat;
  bundle: ImportBundle;
  csv: ImportPreview['csv'];
}

function decodeText(bytes: Uint8Array, fileName: string): string {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new ImportError(fileName, '', 'not a text file, an Anki package or an Anki collection');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(fileName, '', 'text is not valid UTF-8');
  }
}

/** Read a text file whole (deck JSON, Markdown, delimited text; Anki files are read a batch at a time, see anki-stream.ts). */
export function readImportFile(src: ImportBytes, options: ImportOptions): ReadOutcome {
  const { fileName, bytes } = src;
  const text = decodeText(bytes, fileName);
  const format = detectImportFormat(fileName, bytes.subarray(0, 16), text);
  if (format === 'retain-json') return { format, bundle: readRetainDeck(text, fileName), csv: null };
  if (format === 'markdown') {
    const deck = generateDeckFromMarkdown(text, { fileName });
    const bundle = readRetainDeck(JSON.stringify(deck), fileName);
    return { format, bundle: { ...bundle, format: 'markdown' }, csv: null };
  }
  const csvOptions: DelimitedTextOptions = {};
  if (options.csv?.delimiter !== undefined) csvOptions.delimiter = options.csv.delimiter;
  if (options.csv?.hasHeader !== undefined) csvOptions.hasHeader = options.csv.hasHeader;
  if (options.csv?.mapping !== undefined) csvOptions.mapping = options.csv.mapping;
  const { bundle, detected } = readDelimitedText(text, fileName, csvOptions);
  const mapping = probeCsvMapping(text, fileName, detected, csvOptions);
  return {
    format: 'csv',
    bundle,
    csv: {
      delimiter: detected.delimiter,
      hasHeader: detected.hasHeader,
      columns: detected.columns,
      columnCount: detected.columnCount,
      html: detected.html,
      mapping,
    },
  };
}

