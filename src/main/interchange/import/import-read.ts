/**
 * What the readers of import files share, with no database at hand: the file given (bytes or a
 * staged path), its format (by extension, then by its first bytes), where a private copy of an
 * Anki collection goes, and the column mapping a delimited-text reading used. The import worker
 * runs the readers, off the main thread; the import service then compares what they read with
 * the collection and writes it. Deck files (JSON, Markdown) are read whole by read-whole-file.ts,
 * loaded only when such a file comes.
 */
import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname } from 'node:path';
import type { CsvMapping, ImportFileFormat } from '../../../shared/api/import-contract';
import { readDelimitedText, type DelimitedTextDetected, type DelimitedTextOptions } from '../formats/csv-reader';
import { SQLITE_MAGIC, ZSTD_MAGIC, startsWithBytes } from '../anki/read-anki-package';

/** A file's bytes already in memory. */
export interface ImportBytes {
  fileName: string;
  bytes: Uint8Array;
}

/** A file to import: its bytes, or the path of the staged file (read by the reader thread itself). */
export type ImportSource = ImportBytes | { fileName: string; path: string; size: number };

/** The size of a file to import, in bytes. */
export function sourceSize(source: ImportSource): number {
  return 'bytes' in source ? source.bytes.length : source.size;
}

const ZIP_MAGIC = [0x50, 0x4b];

/** Which reader a file goes to: by extension first, then by its first bytes. */
export function detectImportFormat(fileName: string, bytes: Uint8Array, text?: string): ImportFileFormat {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.apkg' || ext === '.colpkg') return 'apkg';
  if (ext === '.anki2' || ext === '.anki21' || ext === '.anki21b') return 'anki2';
  if (startsWithBytes(bytes, ZIP_MAGIC)) return 'apkg';
  if (startsWithBytes(bytes, SQLITE_MAGIC) || startsWithBytes(bytes, ZSTD_MAGIC)) return 'anki2';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.json') return 'retain-json';
  const head = (text ?? new TextDecoder().decode(bytes.subarray(0, 1 << 16))).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') && /"format"\s*:\s*"retain-deck"/.test(text ?? head)) return 'retain-json';
  return 'csv';
}

/**
 * Where the Anki readers put a private copy of a collection they do not copy into memory (a very
 * large one, or a bare collection file): a RAM-backed folder when the system has one with room to
 * spare (the copy is thrown away at once, so it need not touch the disk), else the system temp folder.
 */
export function scratchDir(bytesNeeded: number): string {
  const shm = '/dev/shm';
  if (process.platform === 'linux' && existsSync(shm)) {
    try {
      const fs = statfsSync(shm);
      if (fs.bavail * fs.bsize > bytesNeeded * 4 + 256 * 1024 * 1024) {
        accessSync(shm, constants.W_OK);
        return shm;
      }
    } catch {
      // fall through to the temp folder
    }
  }
  return tmpdir();
}

/**
 * The column mapping the delimited-text reader used, found by asking the reader itself: the
 * file's own "#…" header lines, its header row, and one row whose cells are markers "@cN@",
 * read with the same options; where each marker lands names the column of that role.
 */
export function probeCsvMapping(text: string, fileName: string, detected: DelimitedTextDetected, options: DelimitedTextOptions): CsvMapping {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const head: string[] = [];
  for (const line of body.split(/\r\n|\n|\r/, 200)) {
    if (line.trim() === '' || line.startsWith('#')) head.push(line);
    else break;
  }
  const d = detected.delimiter;
  const quote = (s: string): string => (s.includes(d) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [...head];
  if (detected.hasHeader) rows.push(detected.columns.map(quote).join(d));
  rows.push(Array.from({ length: Math.max(2, detected.columnCount) }, (_, i) => `@c${i}@`).join(d));
  const fallback: CsvMapping = options.mapping ?? { front: 0, back: 1 };
  try {
    const { bundle } = readDelimitedText(`${rows.join('\n')}\n`, fileName, { ...options, delimiter: d, hasHeader: detected.hasHeader });
    const note = bundle.notes[0];
    if (!note || note.content.kind !== 'rendered') return fallback;
    const col = (s: string | undefined): number | undefined => {
      const m = /^@c(\d+)@$/.exec((s ?? '').trim());
      return m ? Number(m[1]) : undefined;
    };
    const front = col(note.content.fields[0]?.value);
    const back = col(note.content.fields[1]?.value);
    if (front === undefined || back === undefined) return fallback;
    const out: CsvMapping = { front, back };
    const tags = note.tags.map(col).find((v) => v !== undefined);
    if (tags !== undefined) out.tags = tags;
    const deck = col(note.deckPath);
    if (deck !== undefined) out.deck = deck;
    const guid = col(note.guid);
    if (guid !== undefined) out.guid = guid;
    const notetype = col(note.content.noteType);
    if (notetype !== undefined) out.notetype = notetype;
    return out;
  } catch {
    return fallback;
  }
}
