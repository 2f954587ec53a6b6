/**
 * Reader for delimited text flashcard files: Quizlet-style TSV, plain CSV, and Anki's
 * "Notes in Plain Text" export with its "#key:value" header block.
 *
 * Each usable row becomes a two-field Basic note (front, back). Rows Anki's legacy text import
 * would reject for a two-field note type are listed in `skipped` with the reason: an empty first
 * field, too few or too many fields, or a front already seen earlier in the file. An unterminated
 * quoted field makes the whole file unreadable (ImportError).
 *
 * Pure: no I/O. The guid of a row without a guid column is a hash of its front text, so
 * importing the same file twice updates rather than duplicates.
 */
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import type { ImportBundle, ImportNote, ImportSkip } from './bundle';
import { ImportError, importFileStem } from './bundle';
import { lineIndex, lineOf, readHeaderBlock } from './csv-header';
import { inferMapping, looksLikeHeaderRow, validateMapping, type DelimitedTextMapping } from './csv-mapping';
import { MAX_CSV_COLUMNS, MAX_FIELD_BYTES, formatBytes } from './limits';
import type { RenderedNote } from '../../../shared/note-content';
import { normalizeTags, splitTagText } from '../../../shared/tags';

export type { DelimitedTextMapping } from './csv-mapping';

export interface DelimitedTextOptions {
  /** Field separator; overrides the file's "#separator:" header and detection. */
  delimiter?: string;
  /** Whether the first row names the columns; detected when not given. */
  hasHeader?: boolean;
  mapping?: DelimitedTextMapping;
  /** Deck for rows whose file names none (no deck column or "#deck:" header). Defaults to the file's name. */
  deckName?: string;
}

export interface DelimitedTextDetected {
  delimiter: string;
  hasHeader: boolean;
  /** Column names: from "#columns:", from the header row, or "Column 1", "Column 2", … */
  columns: string[];
  html: boolean;
  columnCount: number;
}

export interface DelimitedTextResult {
  bundle: ImportBundle;
  detected: DelimitedTextDetected;
}

/** Delimiters tried when neither the caller nor the file says, in tie-break order. */
const CANDIDATE_DELIMITERS = ['\t', '|', ';', ','] as const;

interface RawRow {
  fields: string[];
  line: number;
}

export function readDelimitedText(text: string, file: string, options: DelimitedTextOptions = {}): DelimitedTextResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = lineIndex(body);
  const { header, dataStart } = readHeaderBlock(body, file, lines);

  // Delimiter: the caller, then the file's own "#separator:", then a guess from the first lines.
  const delimiter = options.delimiter ?? header.separator ?? detectDelimiter(body.slice(dataStart));
  if (delimiter === '' || /[\r\n"\uFEFF]/.test(delimiter)) {
    throw new ImportError(file, '', `unusable field separator ${JSON.stringify(delimiter)}`);
  }

  const rows = parseRows(body, dataStart, delimiter, file, lines);

  // Column names and header row.
  const declared = header.columns !== undefined ? header.columns.split(delimiter).map((c) => c.trim()) : undefined;
  const first = rows[0];
  const hasHeader = options.hasHeader ?? (declared === undefined && first !== undefined && looksLikeHeaderRow(first.fields));
  const headerRow = hasHeader ? rows.shift() : undefined;
  const names = declared ?? headerRow?.fields.map((c) => c.trim());
  const firstData = rows[0];

  const meta: Partial<DelimitedTextMapping> = {};
  if (header.deckColumn !== undefined) meta.deck = header.deckColumn;
  if (header.notetypeColumn !== undefined) meta.notetype = header.notetypeColumn;
  if (header.guidColumn !== undefined) meta.guid = header.guidColumn;
  if (header.tagsColumn !== undefined) meta.tags = header.tagsColumn;

  const baseCount = names?.length ?? firstData?.fields.length ?? 2;
  const mapping = options.mapping ? { ...meta, ...options.mapping } : inferMapping(meta, names, baseCount);
  validateMapping(mapping, file);
  const mappedMax = Math.max(
    ...[mapping.front, mapping.back, mapping.tags, mapping.deck, mapping.guid, mapping.notetype].filter(
      (v): v is number => v !== undefined,
    ),
  );
  const columnCount = Math.max(baseCount, mappedMax + 1);
  const required = Math.max(mapping.front, mapping.back) + 1;

  const html = header.html ?? rows.some((r) => r.fields.some(looksLikeHtml));
  const defaultDeck = header.deck ?? options.deckName ?? importFileStem(file);
  const columns = names ?? Array.from({ length: columnCount }, (_, i) => `Column ${i + 1}`);

  const notes: ImportNote[] = [];
  const skipped: ImportSkip[] = [];
  const firstSeen = new Map<string, number>();
  let record = 0;
  for (const row of rows) {
    const { fields, line } = row;
    if (fields.every((f) => f.trim() === '')) continue; // blank line
    record++;
    const location = `line ${line}`;
    const n = fields.length;
    if (n > columnCount) {
      skipped.push({ location, reason: `row has ${n} ${plural(n, 'field')}, expected ${columnCount}` });
      continue;
    }
    if (n < required) {
      skipped.push({ location, reason: `row has ${n} ${plural(n, 'field')}, expected ${columnCount}` });
      continue;
    }
    const front = fields[mapping.front] ?? '';
    const back = fields[mapping.back] ?? '';
    if (front.trim() === '') {
      skipped.push({ location, reason: 'first field is empty' });
      continue;
    }
    const key = front.trim();
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) {
      skipped.push({ location, reason: `duplicate of line ${earlier}` });
      continue;
    }
    firstSeen.set(key, line);

    const cell = (i: number | undefined): string => (i === undefined ? '' : (fields[i] ?? '').trim());
    const guid = cell(mapping.guid) || `csv:${hashText(front)}`;
    const deckPath = cell(mapping.deck) || defaultDeck;
    const noteType = cell(mapping.notetype) || header.notetype || 'Basic';
    const tags = normalizeTags([...header.tags, ...splitTagText(cell(mapping.tags))]);
    const content: RenderedNote = {
      kind: 'rendered',
      noteType,
      fields: [
        { name: 'Front', value: front },
        { name: 'Back', value: back },
      ],
      cards: [{ ord: 0, front, back }],
      format: html ? 'html' : 'text',
    };
    notes.push({
      guid,
      deckPath,
      content,
      tags,
      section: `row ${record}`,
      cards: [{ ord: 0, deckPath, sourceKey: `${guid}:0` }],
      location,
    });
  }

  return {
    bundle: { format: 'csv', notes, media: [], reviews: [], skipped },
    detected: { delimiter, hasHeader, columns, html, columnCount },
  };
}

// ---------------------------------------------------------------------------------------------

/** Pick the candidate separator found on the most of the first lines. */
function detectDelimiter(data: string): string {
  const sample = data
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 50);
  let best: string = CANDIDATE_DELIMITERS[0];
  let bestScore = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const score = sample.filter((l) => l.includes(d)).length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function parseRows(body: string, dataStart: number, delimiter: string, file: string, starts: number[]): RawRow[] {
  const rows: RawRow[] = [];
  const data = body.slice(dataStart);
  if (data === '') return rows;
  let rowStart = 0;
  Papa.parse<string[]>(data, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      const line = lineOf(starts, dataStart + rowStart);
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        const rule = quoteError.code === 'MissingQuotes' ? 'unterminated quoted field' : 'malformed quoted field';
        throw new ImportError(file, `line ${line}`, rule);
      }
      checkRowBounds(result.data, file, line);
      rows.push({ fields: result.data, line });
      rowStart = result.meta.cursor;
    },
  });
  return rows;
}

/** A row may have at most MAX_CSV_COLUMNS fields, each at most MAX_FIELD_BYTES long. */
function checkRowBounds(fields: string[], file: string, line: number): void {
  if (fields.length > MAX_CSV_COLUMNS) {
    throw new ImportError(file, `line ${line}`, `row has ${fields.length} fields, more than the ${MAX_CSV_COLUMNS} limit`);
  }
  fields.forEach((f, i) => {
    // A UTF-16 length over the limit is over it in UTF-8 too; only long fields are measured exactly.
    if (f.length * 3 > MAX_FIELD_BYTES && Buffer.byteLength(f) > MAX_FIELD_BYTES) {
      throw new ImportError(file, `line ${line}, field ${i + 1}`, `field is ${formatBytes(Buffer.byteLength(f))}, more than the ${formatBytes(MAX_FIELD_BYTES)} limit`);
    }
  });
}

function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s);
}

/** The guid of a row without a guid column: a hash of its front text. */
function hashText(s: string): string {
  return createHash('sha256').update(s.trim(), 'utf8').digest('hex').slice(0, 20);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
