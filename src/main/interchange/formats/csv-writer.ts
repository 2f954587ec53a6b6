/**
 * Anki-compatible text export: file headers (`#separator:`, `#html:`, `#columns:` and the
 * tags/deck/guid column numbers) followed by one RFC 4180 record per note with the columns
 * Front, Back, Tags, Deck, GUID. Fields holding the delimiter, a quote or a line break are
 * quoted with quotes doubled. Anki's reader treats a line starting with "#" as a comment, so a
 * first column starting with "#" is quoted too. Lines end with "\n", as Anki writes them.
 */
import Papa from 'papaparse';

export interface CsvRow {
  front: string;
  back: string;
  tags: string[];
  deck: string;
  guid: string;
}

export interface CsvOptions {
  delimiter?: ',' | '\t';
}

const COLUMNS = ['Front', 'Back', 'Tags', 'Deck', 'GUID'] as const;

/** Tags are one space-separated column; a tag cannot hold spaces in Anki. */
function tagsCell(tags: string[]): string {
  return tags
    .map((t) => t.trim().replace(/\s+/g, '_'))
    .filter((t) => t.length > 0)
    .join(' ');
}

export function writeCsv(rows: CsvRow[], options: CsvOptions): string {
  const delimiter = options.delimiter ?? ',';
  const header = [
    `#separator:${delimiter === '\t' ? 'tab' : 'comma'}`,
    '#html:true',
    `#columns:${COLUMNS.join(delimiter)}`,
    '#tags column:3',
    '#deck column:4',
    '#guid column:5',
  ];
  if (rows.length === 0) return `${header.join('\n')}\n`;
  const body = Papa.unparse(
    rows.map((r) => [r.front, r.back, tagsCell(r.tags), r.deck, r.guid]),
    {
      delimiter,
      newline: '\n',
      header: false,
      quoteChar: '"',
      escapeChar: '"',
      escapeFormulae: false,
      quotes: (value: unknown, column: number) => column === 0 && typeof value === 'string' && value.startsWith('#'),
    },
  );
  return `${header.join('\n')}\n${body}\n`;
}
