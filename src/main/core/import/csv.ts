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
import { ImportError } from './bundle';
import { MAX_CSV_COLUMNS, MAX_FIELD_BYTES, formatBytes } from './limits';
import type { RenderedNote } from '../../../shared/note-content';

/** 0-based column indexes. */
export interface DelimitedTextMapping {
  front: number;
  back: number;
  tags?: number;
  deck?: number;
  guid?: number;
  notetype?: number;
}

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

const SEPARATOR_NAMES: Record<string, string> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
  colon: ':',
};

/** Header-row words and the column role each one names. */
const HEADER_WORDS: Record<string, keyof DelimitedTextMapping> = {
  front: 'front',
  question: 'front',
  term: 'front',
  word: 'front',
  prompt: 'front',
  back: 'back',
  answer: 'back',
  definition: 'back',
  meaning: 'back',
  translation: 'back',
  response: 'back',
  tags: 'tags',
  tag: 'tags',
  deck: 'deck',
  guid: 'guid',
  notetype: 'notetype',
  'note type': 'notetype',
};

interface FileHeader {
  separator?: string;
  html?: boolean;
  tags: string[];
  columns?: string;
  deck?: string;
  notetype?: string;
  deckColumn?: number;
  notetypeColumn?: number;
  guidColumn?: number;
  tagsColumn?: number;
}

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
  const defaultDeck = header.deck ?? options.deckName ?? fileStem(file);
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
    const tags = uniq([...header.tags, ...splitTags(cell(mapping.tags))]);
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

/** Offsets where each physical line starts (LF, CRLF or lone CR endings). */
function lineIndex(s: string): number[] {
  const starts = [0];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line number of a character offset. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Anki's "#key:value" lines at the top of the file (blank lines in between are allowed). */
function readHeaderBlock(body: string, file: string, starts: number[]): { header: FileHeader; dataStart: number } {
  const header: FileHeader = { tags: [] };
  let dataStart = 0;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] ?? 0;
    const to = starts[i + 1] ?? body.length;
    const line = body.slice(from, to).replace(/\r?\n$|\r$/, '');
    if (line.trim() === '') {
      dataStart = to;
      continue;
    }
    if (!line.startsWith('#')) {
      dataStart = from;
      break;
    }
    dataStart = to;
    applyDirective(header, line, file, i + 1);
  }
  return { header, dataStart };
}

function applyDirective(header: FileHeader, line: string, file: string, lineNo: number): void {
  const m = /^#([^:]+):(.*)$/.exec(line);
  if (!m) return; // a plain comment
  const key = (m[1] ?? '').trim().toLowerCase();
  const raw = m[2] ?? '';
  const value = raw.trim();
  const column = (): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) {
      throw new ImportError(file, `line ${lineNo}`, `"#${key}" needs a column number from 1, got "${value}"`);
    }
    return Number(value) - 1;
  };
  switch (key) {
    case 'separator': {
      const named = SEPARATOR_NAMES[value.toLowerCase()];
      if (named !== undefined) header.separator = named;
      else if (raw.length === 1) header.separator = raw;
      else if (value.length === 1) header.separator = value;
      else throw new ImportError(file, `line ${lineNo}`, `unknown separator "${value}"`);
      break;
    }
    case 'html':
      if (/^(true|yes|1)$/i.test(value)) header.html = true;
      else if (/^(false|no|0)$/i.test(value)) header.html = false;
      break;
    case 'tags':
      header.tags.push(...splitTags(value));
      break;
    case 'columns':
      header.columns = raw;
      break;
    case 'deck':
      if (value) header.deck = value;
      break;
    case 'notetype':
      if (value) header.notetype = value;
      break;
    case 'deck column':
      header.deckColumn = column();
      break;
    case 'notetype column':
      header.notetypeColumn = column();
      break;
    case 'guid column':
      header.guidColumn = column();
      break;
    case 'tags column':
      header.tagsColumn = column();
      break;
    default:
      break; // unknown directives are comments to us
  }
}

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

function looksLikeHeaderRow(cells: string[]): boolean {
  const words = cells.map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  if (words.length < 2) return false;
  const roles = words.map((w) => HEADER_WORDS[w]);
  return roles.every((r) => r !== undefined) && roles.some((r) => r === 'front' || r === 'back');
}

function inferMapping(meta: Partial<DelimitedTextMapping>, names: string[] | undefined, count: number): DelimitedTextMapping {
  const m: Partial<DelimitedTextMapping> = { ...meta };
  const used = new Set<number>(Object.values(m).filter((v): v is number => v !== undefined));
  names?.forEach((name, i) => {
    const role = HEADER_WORDS[name.trim().toLowerCase()];
    if (role && m[role] === undefined && !used.has(i)) {
      m[role] = i;
      used.add(i);
    }
  });
  const free: number[] = [];
  for (let i = 0; i < Math.max(count, 2 + used.size); i++) if (!used.has(i)) free.push(i);
  const front = m.front ?? free.shift() ?? 0;
  if (m.front === undefined) used.add(front);
  const freeAfter = free.filter((i) => i !== front);
  const back = m.back ?? freeAfter.shift() ?? front + 1;
  // Like Anki's newer importer: with no column names, a column after the two fields holds tags.
  let tags = m.tags;
  if (tags === undefined && names === undefined && count >= 3) {
    tags = freeAfter.find((i) => i !== back && i > Math.max(front, back) && i < count);
  }
  const out: DelimitedTextMapping = { front, back };
  if (tags !== undefined) out.tags = tags;
  if (m.deck !== undefined) out.deck = m.deck;
  if (m.guid !== undefined) out.guid = m.guid;
  if (m.notetype !== undefined) out.notetype = m.notetype;
  return out;
}

function validateMapping(m: DelimitedTextMapping, file: string): void {
  const entries = Object.entries(m).filter(([, v]) => v !== undefined) as Array<[string, number]>;
  for (const [role, v] of entries) {
    if (!Number.isInteger(v) || v < 0 || v > 10_000) {
      throw new ImportError(file, '', `column mapping for ${role} must be a column index from 0`);
    }
  }
  if (m.front === m.back) throw new ImportError(file, '', 'front and back must be different columns');
}

function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s);
}

/** Tags are separated by spaces or commas. */
function splitTags(s: string): string[] {
  return s.split(/[\s,]+/).filter((t) => t !== '');
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

function hashText(s: string): string {
  return createHash('sha256').update(s.trim(), 'utf8').digest('hex').slice(0, 20);
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base.replace(/\.[^.]*$/, '').trim();
  return stem || 'Imported';
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
