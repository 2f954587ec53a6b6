/**
 * Reader for delimited text flashcard files: Quizlet-style TSV, plain CSV, and Anki's
 * "Notes in Plain Text" export with its "#key:value" header block. The text is read a piece at a
 * time (csv-rows.ts) and notes come out one by one, so a large file is never held whole; a file
 * whose header does not say whether it holds HTML is read twice (first to find out).
 *
 * Each usable row becomes a two-field Basic note (front, back). Rows Anki's legacy text import
 * would reject for a two-field note type are listed in `skipped` with the reason: an empty first
 * field, too few or too many fields, or a front already seen earlier in the file. An unterminated
 * quoted field makes the whole file unreadable (ImportError).
 *
 * Pure: no I/O. The guid of a row without a guid column is a hash of its front text, so
 * importing the same file twice updates rather than duplicates.
 */
import { hash } from 'node:crypto';
import type { ImportBundle, ImportNote, ImportSkip } from './bundle';
import { ImportError, importFileStem } from './bundle';
import { lineIndex, readHeaderBlock } from './csv-header';
import { inferMapping, looksLikeHeaderRow, validateMapping, type DelimitedTextMapping } from './csv-mapping';
import { ROW_PIECE_CHARS, readUntil, rowsOf, wholeText, type OpenText, type RawRow } from './csv-rows';
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

/** Most distinct tag cells kept split at once. */
const MAX_TAG_CELLS = 10_000;

/** Delimiters tried when neither the caller nor the file says, in tie-break order. */
const CANDIDATE_DELIMITERS = ['\t', '|', ';', ','] as const;

/** What a delimited-text read yields: first the settings it found, then each note, then the rows it skipped. */
export type DelimitedEvent =
  | { kind: 'detected'; detected: DelimitedTextDetected; top: string }
  | { kind: 'note'; note: ImportNote }
  | { kind: 'end'; skipped: ImportSkip[] };

export function readDelimitedText(text: string, file: string, options: DelimitedTextOptions = {}): DelimitedTextResult {
  const notes: ImportNote[] = [];
  let skipped: ImportSkip[] = [];
  let detected: DelimitedTextDetected | undefined;
  for (const e of readDelimitedNotes(wholeText(text.startsWith('\uFEFF') ? text.slice(1) : text), file, options)) {
    if (e.kind === 'note') notes.push(e.note);
    else if (e.kind === 'detected') detected = e.detected;
    else skipped = e.skipped;
  }
  return { bundle: { format: 'csv', notes, media: [], reviews: [], skipped }, detected: detected as DelimitedTextDetected };
}

/**
 * Read delimited text from `open` (a byte-order mark already removed): the settings found (with
 * `top`, the text read before the rows, holding the header block), each note, the rows skipped.
 * `pieceChars`: how much text is parsed at once (tests make it small to cut rows anywhere).
 */
export function* readDelimitedNotes(open: OpenText, file: string, options: DelimitedTextOptions = {}, pieceChars = ROW_PIECE_CHARS): Generator<DelimitedEvent> {
  let found: ReturnType<typeof readHeaderBlock> | undefined;
  const pieces = open();
  const top = readUntil(pieces, (text) => {
    // The header block ends at the first line that is neither blank nor "#…" (a line cut off at the end is not read yet).
    const whole = text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1);
    const h = readHeaderBlock(whole, file, lineIndex(whole));
    if (h.dataStart >= whole.length) return undefined;
    found = h;
    return h.dataStart;
  }, true);
  const { header, dataStart } = found ?? readHeaderBlock(top.text, file, lineIndex(top.text));
  const body = top.text;

  // Delimiter: the caller, then the file's own "#separator:", then a guess from the first lines.
  const delimiter = options.delimiter ?? header.separator ?? detectDelimiter(body.slice(dataStart));
  if (delimiter === '' || /[\r\n"\uFEFF]/.test(delimiter)) {
    throw new ImportError(file, '', `unusable field separator ${JSON.stringify(delimiter)}`);
  }
  const rowsFrom = (from: ReturnType<OpenText>, text: string, ended: boolean): Generator<RawRow> => rowsOf(from, text, dataStart, delimiter, file, ended, pieceChars);
  const started = rowsFrom(pieces, body, top.ended);
  const firstTwo: RawRow[] = [];
  // Taken with next(): leaving a for…of would close the generator.
  for (let r = started.next(); !r.done; r = firstTwo.length < 2 ? started.next() : { done: true, value: undefined }) firstTwo.push(r.value);

  // Column names and header row.
  const declared = header.columns !== undefined ? header.columns.split(delimiter).map((c) => c.trim()) : undefined;
  const first = firstTwo[0];
  const hasHeader = options.hasHeader ?? (declared === undefined && first !== undefined && looksLikeHeaderRow(first.fields));
  const headerRow = hasHeader ? first : undefined;
  const names = declared ?? headerRow?.fields.map((c) => c.trim());
  const firstData = hasHeader ? firstTwo[1] : first;

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

  /** Every row from the start: the ones already taken, then the rest (or a fresh read when `again`). */
  function* allRows(again: boolean): Generator<RawRow> {
    if (!again) {
      yield* firstTwo;
      yield* started;
      return;
    }
    const p = open();
    const t = readUntil(p, (text) => (text.length >= dataStart ? dataStart : undefined));
    yield* rowsFrom(p, t.text, t.ended);
  }
  let rows: Generator<RawRow>;
  let html = header.html;
  if (html === undefined) {
    // Whether any cell looks like HTML decides every note's format: read the file once to find out.
    html = false;
    for (const r of allRows(false)) {
      if (r !== headerRow && r.fields.some(looksLikeHtml)) {
        html = true;
        break;
      }
    }
    rows = allRows(true);
  } else rows = allRows(false);
  const defaultDeck = header.deck ?? options.deckName ?? importFileStem(file);
  const columns = names ?? Array.from({ length: columnCount }, (_, i) => `Column ${i + 1}`);
  yield { kind: 'detected', detected: { delimiter, hasHeader, columns, html, columnCount }, top: body.slice(0, dataStart) };

  const skipped: ImportSkip[] = [];
  /** Line of the first row with each front (by a hash of the front, so long fronts are not kept). */
  const firstSeen = new Map<string, number>();
  // Rows mostly repeat a few tag cells: each is split once (every note gets its own array).
  const tagsOfCell = new Map<string, string[]>();
  const tagsOf = (text: string): string[] => {
    let tags = tagsOfCell.get(text);
    if (tags === undefined) {
      tags = normalizeTags([...header.tags, ...splitTagText(text)]);
      // Bounded: a file whose every row has tags of its own does not grow the table for ever.
      if (tagsOfCell.size >= MAX_TAG_CELLS) tagsOfCell.clear();
      tagsOfCell.set(text, tags);
    }
    return tags.slice();
  };
  let record = 0;
  let skipHeader = hasHeader;
  for (const row of rows) {
    if (skipHeader) {
      skipHeader = false;
      continue;
    }
    const { fields, line } = row;
    if (fields.every((f) => f.trim() === '')) continue; // blank line
    record++;
    const location = `line ${line}`;
    const n = fields.length;
    if (n > columnCount || n < required) {
      skipped.push({ location, reason: `row has ${n} ${plural(n, 'field')}, expected ${columnCount}` });
      continue;
    }
    const front = fields[mapping.front] ?? '';
    const back = fields[mapping.back] ?? '';
    if (front.trim() === '') {
      skipped.push({ location, reason: 'first field is empty' });
      continue;
    }
    const key = hashText(front);
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) {
      skipped.push({ location, reason: `duplicate of line ${earlier}` });
      continue;
    }
    firstSeen.set(key, line);

    const cell = (i: number | undefined): string => (i === undefined ? '' : (fields[i] ?? '').trim());
    const guid = cell(mapping.guid) || `csv:${key}`;
    const deckPath = cell(mapping.deck) || defaultDeck;
    const noteType = cell(mapping.notetype) || header.notetype || 'Basic';
    const tags = tagsOf(cell(mapping.tags));
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
    const note: ImportNote = { guid, deckPath, content, tags, section: `row ${record}`, cards: [{ ord: 0, deckPath, sourceKey: `${guid}:0` }], location };
    yield { kind: 'note', note };
  }
  yield { kind: 'end', skipped };
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

function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s);
}

/** The guid of a row without a guid column: a hash of its front text. */
function hashText(s: string): string {
  return hash('sha256', s.trim(), 'hex').slice(0, 20);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
