import { describe, it, expect } from 'vitest';
import Papa from 'papaparse';
import fc from 'fast-check';
import { writeCsv } from '../../src/main/interchange/formats/csv-writer';
import type { CsvRow } from '../../src/main/interchange/formats/csv-writer';

const HEADER_LINES = 6;

function body(text: string): string {
  return text.split('\n').slice(HEADER_LINES).join('\n');
}

function parseBack(text: string, delimiter: ',' | '\t'): string[][] {
  const result = Papa.parse<string[]>(text, { delimiter, newline: '\n', comments: '#', skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

function asCells(rows: CsvRow[]): string[][] {
  return rows.map((r) => [r.front, r.back, r.tags.join(' '), r.deck, r.guid]);
}

describe('writeCsv', () => {
  it('writes the Anki header lines for comma separation', () => {
    const out = writeCsv([], {});
    expect(out).toBe(
      '#separator:comma\n#html:true\n#columns:Front,Back,Tags,Deck,GUID\n#tags column:3\n#deck column:4\n#guid column:5\n',
    );
  });

  it('writes the tab header lines when the delimiter is a tab', () => {
    const lines = writeCsv([{ front: 'a', back: 'b', tags: [], deck: 'D', guid: 'g' }], { delimiter: '\t' }).split('\n');
    expect(lines.slice(0, HEADER_LINES)).toEqual([
      '#separator:tab',
      '#html:true',
      '#columns:Front\tBack\tTags\tDeck\tGUID',
      '#tags column:3',
      '#deck column:4',
      '#guid column:5',
    ]);
    expect(lines[HEADER_LINES]).toBe('a\tb\t\tD\tg');
  });

  it('leaves plain fields unquoted and joins tags with spaces', () => {
    const out = writeCsv([{ front: 'Front text', back: 'Back <b>html</b>', tags: ['aws', 'limits'], deck: 'A::B', guid: 'abc123' }], {});
    expect(body(out)).toBe('Front text,Back <b>html</b>,aws limits,A::B,abc123\n');
  });

  it('quotes fields with commas and doubles embedded quotes', () => {
    const out = writeCsv([{ front: 'one, two', back: 'say "hi"', tags: [], deck: 'D', guid: 'g1' }], {});
    expect(body(out)).toBe('"one, two","say ""hi""",,D,g1\n');
  });

  it('quotes multi-line fields and keeps the line breaks inside the quotes', () => {
    const out = writeCsv([{ front: 'line 1\nline 2', back: 'a\r\nb', tags: ['x'], deck: 'D', guid: 'g2' }], {});
    expect(body(out)).toBe('"line 1\nline 2","a\r\nb",x,D,g2\n');
    expect(parseBack(out, ',')).toEqual([['line 1\nline 2', 'a\r\nb', 'x', 'D', 'g2']]);
  });

  it('with a tab delimiter quotes tabs but not commas', () => {
    const out = writeCsv([{ front: 'a,b', back: 'c\td', tags: [], deck: 'D', guid: 'g3' }], { delimiter: '\t' });
    expect(body(out)).toBe('a,b\t"c\td"\t\tD\tg3\n');
  });

  it('quotes a first column starting with "#" so it is not read as a comment', () => {
    const out = writeCsv([{ front: '# of shards', back: '#2', tags: [], deck: 'D', guid: 'g4' }], {});
    expect(body(out)).toBe('"# of shards",#2,,D,g4\n');
    expect(parseBack(out, ',')).toEqual([['# of shards', '#2', '', 'D', 'g4']]);
  });

  it('replaces spaces inside a tag so the tags column stays space-separated', () => {
    const out = writeCsv([{ front: 'f', back: 'b', tags: ['two words', ' ', 'ok'], deck: 'D', guid: 'g5' }], {});
    expect(body(out)).toBe('f,b,two_words ok,D,g5\n');
  });

  it('round-trips through Papa.parse for both delimiters', () => {
    const rows: CsvRow[] = [
      { front: 'plain', back: 'x', tags: ['t'], deck: 'A', guid: '1' },
      { front: 'comma, here', back: 'quote " here', tags: [], deck: 'A::B', guid: '2' },
      { front: ' padded ', back: 'multi\nline\n', tags: ['a', 'b'], deck: 'A', guid: '3' },
      { front: 'tab\there', back: '', tags: [], deck: 'C', guid: '4' },
    ];
    for (const delimiter of [',', '\t'] as const) {
      expect(parseBack(writeCsv(rows, { delimiter }), delimiter)).toEqual(asCells(rows));
    }
  });

  it('round-trips arbitrary text (property)', () => {
    const tag = fc.stringMatching(/^[a-z0-9_:-]{1,8}$/);
    const row = fc.record({
      front: fc.string({ unit: 'grapheme', maxLength: 30 }),
      back: fc.string({ maxLength: 30 }),
      tags: fc.array(tag, { maxLength: 4 }),
      deck: fc.string({ maxLength: 10 }),
      guid: fc.string({ maxLength: 10 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), fc.constantFrom(',' as const, '\t' as const), (rows, delimiter) => {
        const data = rows.map((r) => ({ ...r, tags: [...new Set(r.tags)] }));
        expect(parseBack(writeCsv(data, { delimiter }), delimiter)).toEqual(asCells(data));
      }),
      { numRuns: 200 },
    );
  });
});
