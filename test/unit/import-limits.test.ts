/**
 * The text bounds of the import readers: template and cloze nesting depth, delimited-text
 * columns and field sizes, and field sizes in Retain deck files.
 */
import { describe, it, expect } from 'vitest';
import { AnkiTemplateError, compileAnkiTemplate, renderCloze } from '../../src/main/interchange/anki/anki-template';
import { readDelimitedText } from '../../src/main/interchange/formats/csv-reader';
import { MAX_CSV_COLUMNS, MAX_FIELD_BYTES, MAX_TEMPLATE_DEPTH, formatBytes, outputBudget } from '../../src/main/interchange/formats/limits';
import { readRetainDeck } from '../../src/main/interchange/formats/retain-json';
import { importError } from '../support/import-error';

describe('Anki template depth', () => {
  const nested = (depth: number): string => `${'{{#Front}}'.repeat(depth)}{{Front}}${'{{/Front}}'.repeat(depth)}`;

  it(`renders sections nested ${MAX_TEMPLATE_DEPTH} deep`, () => {
    const t = compileAnkiTemplate(nested(MAX_TEMPLATE_DEPTH), ['Front']);
    expect(t.render(['x'], { ord: 0, side: 'front', cloze: false }).html).toBe('x');
  });

  it('refuses deeper nesting with a named error instead of overflowing the stack', () => {
    let err: unknown;
    try {
      compileAnkiTemplate(nested(100_000), ['Front']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AnkiTemplateError);
    expect((err as Error).message).toBe('sections are nested more than 100 deep (at "{{#Front}}")');
  });

  it('keeps cloze deletions nested deeper than the limit as text, without overflowing the stack', () => {
    const deep = `${'{{c1::'.repeat(100_000)}x${'}}'.repeat(100_000)}`;
    const back = renderCloze(deep, 0, 'back');
    expect(back.match(/<span class="cloze">/g)).toHaveLength(MAX_TEMPLATE_DEPTH);
    expect(back).toContain('{{c1');
    expect(renderCloze('{{c1::a {{c2::b}}}}', 1, 'front')).toBe('a <span class="cloze">[...]</span>');
  });
});

describe('delimited text bounds', () => {
  it(`accepts ${MAX_CSV_COLUMNS} columns and refuses one more, naming the line`, () => {
    const row = (n: number): string => Array.from({ length: n }, (_, i) => `c${i}`).join('\t');
    expect(readDelimitedText(`a\tb\n${row(MAX_CSV_COLUMNS)}\n`, 'w.tsv', { delimiter: '\t', hasHeader: false }).bundle.notes.length).toBe(1);
    const err = importError(() => readDelimitedText(`a\tb\n${row(MAX_CSV_COLUMNS + 1)}\n`, 'w.tsv', { delimiter: '\t' }));
    expect([err.location, err.rule]).toEqual(['line 2', 'row has 1001 fields, more than the 1000 limit']);
  });

  it('refuses a field over 16 MiB, naming line and field', () => {
    const err = importError(() => readDelimitedText(`q\ta\nfront\t"${'é'.repeat(MAX_FIELD_BYTES / 2 + 1)}"\n`, 'f.tsv'));
    expect(err.location).toBe('line 2, field 2');
    expect(err.rule).toBe('field is 16 MiB, more than the 16 MiB limit');
    expect(formatBytes(MAX_FIELD_BYTES + 2)).toBe('16 MiB');
  });
});

describe('Retain deck bounds', () => {
  it('refuses a note text over 16 MiB, naming its JSON path', () => {
    const deck = { format: 'retain-deck', formatVersion: 1, deck: { id: 'd', title: 'D', version: 1 }, notes: [{ id: 'n', kind: 'basic', section: '§1', tags: ['t'], front: 'f', back: 'b'.repeat(MAX_FIELD_BYTES + 1) }] };
    const err = importError(() => readRetainDeck(JSON.stringify(deck), 'd.json'));
    expect([err.location, err.rule]).toEqual(['note 1, back', 'text is 16 MiB, more than the 16 MiB limit']);
  });
});

describe('output budget', () => {
  it('counts up to its limit and refuses the byte past it', () => {
    const b = outputBudget('x.apkg', 10);
    b.take(10, 'a');
    expect(b.used).toBe(10);
    const err = importError(() => b.take(1, 'media 7'));
    expect([err.file, err.location]).toEqual(['x.apkg', 'media 7']);
    expect(err.rule).toBe('the file expands to more than 10 bytes (possible decompression bomb)');
  });
});
