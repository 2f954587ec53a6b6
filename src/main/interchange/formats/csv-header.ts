/**
 * The top of a delimited text file: line offsets (for the line numbers errors name) and Anki's
 * "#key:value" header block (#separator, #html, #tags, #columns, #deck, #notetype and the
 * "… column" directives). Unknown directives are comments.
 */
import { splitTagText } from '../../../shared/tags';
import { ImportError } from './bundle';

const SEPARATOR_NAMES: Record<string, string> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
  colon: ':',
};

export interface FileHeader {
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

/** Offsets where each physical line starts (LF, CRLF or lone CR endings). */
export function lineIndex(s: string): number[] {
  const starts = [0];
  if (!s.includes('\r')) {
    // LF only (most files): found by the engine's own search, much faster than a loop over every character.
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line number of a character offset. */
export function lineOf(starts: number[], offset: number): number {
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
export function readHeaderBlock(body: string, file: string, starts: number[]): { header: FileHeader; dataStart: number } {
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
      header.tags.push(...splitTagText(value));
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
