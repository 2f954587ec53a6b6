/**
 * The rows of delimited text, read a piece of text at a time so that a large file is never held
 * whole. Each piece is parsed with papaparse; the piece's last row may be cut off, so it is not
 * used but carried into the next piece and parsed again there (a piece that holds no whole row
 * reads twice as much next time). Every row starts where a row of the whole text would start, so
 * the rows, and the line numbers errors name, are those of the whole text parsed at once.
 */
import Papa from 'papaparse';
import { ImportError } from './bundle';
import { lineIndex, lineOf } from './csv-header';
import { MAX_CSV_COLUMNS, MAX_FIELD_BYTES, formatBytes } from './limits';

/** Decoded text of a file, a piece at a time. */
export interface TextPieces {
  /** The next piece of at least about `chars` characters (less only at the end), or null after the end. */
  next(chars: number): string | null;
  /** How far the file has been read, 0 … 1. */
  through(): number;
}

/** A source of text that can be read from its start again (delimited text is read twice when it says nothing of HTML). */
export type OpenText = () => TextPieces;

/** The whole text as one piece. */
export function wholeText(text: string): OpenText {
  return () => {
    let given = false;
    return {
      next: () => (given ? null : ((given = true), text)),
      through: () => (given ? 1 : 0),
    };
  };
}

export interface RawRow {
  fields: string[];
  line: number;
}

/** Characters read before the rows start: papaparse guesses line endings from the first 1 Mi of them, as it would for the whole text. */
export const PIECE_CHARS = 2 * 1024 * 1024;

/**
 * Characters parsed at once once the line endings are known. A piece's rows are all alive until
 * the last is used, so small pieces keep few rows alive (and little for the garbage collector
 * to move) at no other cost.
 */
export const ROW_PIECE_CHARS = 256 * 1024;

const LINE_BREAK = /[\r\n]/;

/**
 * The text before the data, read until the data has at least PIECE_CHARS after its start (or the
 * text ends). `atLineBreaks`: `ready` judges only the text up to its last line break, so it is
 * asked again only once a piece brings one (a file whose first line is very long is then not
 * copied whole once per piece).
 */
export function readUntil(
  pieces: TextPieces,
  ready: (text: string) => number | undefined,
  atLineBreaks = false,
): { text: string; dataStart: number; ended: boolean } {
  let text = '';
  let start: number | undefined;
  for (;;) {
    const piece = pieces.next(PIECE_CHARS);
    if (piece === null) return { text, dataStart: ready(text) ?? text.length, ended: true };
    text += piece;
    if (!atLineBreaks || LINE_BREAK.test(piece)) start = ready(text);
    if (start !== undefined && text.length - start >= PIECE_CHARS) return { text, dataStart: start, ended: false };
  }
}

/** Characters papaparse guesses line endings from (its own limit): the first 1 Mi of the data. */
const GUESS_CHARS = 1024 * 1024;

/**
 * The rows after `dataStart` of `first` (the text read so far, all of the text or at least
 * PIECE_CHARS after `dataStart`) and of the pieces still to come, parsed `pieceChars` characters
 * at a time. Line endings are guessed once, from the start of the data, as for the whole text.
 */
export function* rowsOf(
  pieces: TextPieces,
  first: string,
  dataStart: number,
  delimiter: string,
  file: string,
  ended: boolean,
  pieceChars = ROW_PIECE_CHARS,
): Generator<RawRow> {
  let text = first.slice(dataStart);
  if (text === '') return;
  const newline = Papa.parse<string[]>(text.slice(0, GUESS_CHARS), { delimiter, quoteChar: '"', escapeChar: '"', preview: 1 }).meta.linebreak;
  let lineBase = lineOf(lineIndex(first), dataStart);
  let done = ended;
  let want = pieceChars;
  for (;;) {
    while (!done && text.length < want) {
      const more = pieces.next(want - text.length);
      if (more === null) done = true;
      else text += more;
    }
    if (text === '') return;
    const piece = text.length > want ? text.slice(0, want) : text;
    const last = done && piece.length === text.length;
    const starts = lineIndex(piece);
    // The row parsed last is held back: at the end of a piece it may be cut off.
    let held: { fields: string[]; at: number; quoteError: Papa.ParseError | undefined } | undefined;
    let rowStart = 0;
    const out: RawRow[] = [];
    const use = (row: NonNullable<typeof held>): void => {
      const line = lineBase + lineOf(starts, row.at) - 1;
      if (row.quoteError) {
        const rule = row.quoteError.code === 'MissingQuotes' ? 'unterminated quoted field' : 'malformed quoted field';
        throw new ImportError(file, `line ${line}`, rule);
      }
      checkRowBounds(row.fields, file, line);
      out.push({ fields: row.fields, line });
    };
    Papa.parse<string[]>(piece, {
      delimiter,
      newline: newline as '\n',
      quoteChar: '"',
      escapeChar: '"',
      skipEmptyLines: false,
      step: (result) => {
        if (held) use(held);
        held = { fields: result.data, at: rowStart, quoteError: result.errors.find((e) => e.type === 'Quotes') };
        rowStart = result.meta.cursor;
      },
    });
    if (last) {
      if (held) use(held);
      yield* out;
      return;
    }
    yield* out;
    // Carry the held row (cut off, perhaps) into the next piece; a piece with no whole row grows.
    const carryFrom = held ? held.at : piece.length;
    want = out.length === 0 ? want * 2 : pieceChars;
    lineBase += lineOf(starts, carryFrom) - 1;
    text = text.slice(carryFrom);
  }
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
