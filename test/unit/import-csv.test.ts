import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDelimitedText } from '../../src/main/interchange/formats/csv-reader';
import type { RenderedNote } from '../../src/shared/note-content';
import { importError } from '../support/import-error';

const here = dirname(fileURLToPath(import.meta.url));
const csvDir = resolve(here, '../../../shared/fixtures/csv');
const hasFixtures = existsSync(csvDir);
if (!hasFixtures) console.warn('skipping CSV fixture tests: ../shared/fixtures/csv not found');

const read = (name: string) => readDelimitedText(readFileSync(resolve(csvDir, name), 'utf8'), name);
const rendered = (n: { content: unknown }) => n.content as RenderedNote;
const fronts = (r: ReturnType<typeof readDelimitedText>) => r.bundle.notes.map((n) => rendered(n).fields[0]?.value);
const backs = (r: ReturnType<typeof readDelimitedText>) => r.bundle.notes.map((n) => rendered(n).fields[1]?.value);


describe.skipIf(!hasFixtures)('real fixtures', () => {
  it("anki__text-2fields.txt: 5 notes, 4 rows rejected by Anki's legacy rules", () => {
    const r = read('anki__text-2fields.txt');
    expect(r.detected).toMatchObject({ delimiter: '\t', hasHeader: false, html: false, columnCount: 2 });
    expect(r.bundle.format).toBe('csv');
    expect(r.bundle.notes).toHaveLength(5);
    expect(fronts(r)).toEqual(['食べる', '飲む', 'テスト', 'to eat', '遊ぶ']);
    expect(backs(r)).toEqual(['to eat', 'to drink', 'test', '食べる', '']);
    expect(r.bundle.skipped).toEqual([
      { location: 'line 6', reason: 'duplicate of line 3' },
      { location: 'line 7', reason: 'row has 3 fields, expected 2' },
      { location: 'line 8', reason: 'row has 1 field, expected 2' },
      { location: 'line 10', reason: 'first field is empty' },
    ]);
    const first = r.bundle.notes[0];
    expect(first?.location).toBe('line 2');
    expect(first?.content).toEqual({
      kind: 'rendered',
      noteType: 'Basic',
      fields: [
        { name: 'Front', value: '食べる' },
        { name: 'Back', value: 'to eat' },
      ],
      cards: [{ ord: 0, front: '食べる', back: 'to eat' }],
      format: 'text',
    });
    expect(first?.guid).toMatch(/^csv:[0-9a-f]{20}$/);
    expect(first?.cards).toEqual([{ ord: 0, deckPath: 'anki__text-2fields', sourceKey: `${first?.guid}:0` }]);
  });

  it('anki__text-tags.txt: the third column holds tags, split on spaces and commas', () => {
    const r = read('anki__text-tags.txt');
    expect(r.bundle.notes).toHaveLength(2);
    expect(r.bundle.skipped).toEqual([]);
    expect(r.detected.columnCount).toBe(3);
    expect(r.bundle.notes.map((n) => n.tags)).toEqual([['baz', 'qux'], ['baz2']]);
    expect(fronts(r)).toEqual(['foo', 'foo2']);
    expect(backs(r)).toEqual(['bar', 'bar2']);
  });

  it('anki__text-tags.txt with an explicit mapping gives the same', () => {
    const text = readFileSync(resolve(csvDir, 'anki__text-tags.txt'), 'utf8');
    const r = readDelimitedText(text, 'tags.txt', { mapping: { front: 0, back: 1, tags: 2 }, deckName: 'Target' });
    expect(r.bundle.notes.map((n) => [n.tags, n.deckPath])).toEqual([
      [['baz', 'qux'], 'Target'],
      [['baz2'], 'Target'],
    ]);
  });

  it('anki__text-update.txt: one note', () => {
    const r = read('anki__text-update.txt');
    expect(fronts(r)).toEqual(['1']);
    expect(backs(r)).toEqual(['x']);
  });

  it('quizlet init: 14 notes, no trailing newline', () => {
    const r = read('quizlet__regular_flashcards_notif__quizlet_export_init.tsv');
    expect(r.bundle.notes).toHaveLength(14);
    expect(r.bundle.skipped).toEqual([]);
    expect(fronts(r)[0]).toBe('贝');
    expect(backs(r)[0]).toBe('bèi - coquillage (部 est)');
    expect(fronts(r)[13]).toBe('日');
    expect(backs(r)[13]).toBe('rì - le soleil / un jour');
    expect(r.bundle.notes[13]?.location).toBe('line 14');
  });

  it('quizlet head: 30 records after a blank first line; 8 repeat an earlier front', () => {
    const r = read('quizlet__regular_flashcards_notif__quizlet_export_head.tsv');
    expect(r.bundle.notes.length + r.bundle.skipped.length).toBe(30);
    expect(r.bundle.notes).toHaveLength(22);
    expect(r.bundle.skipped.every((s) => /^duplicate of line \d+$/.test(s.reason))).toBe(true);
    expect(r.bundle.skipped[0]).toEqual({ location: 'line 14', reason: 'duplicate of line 6' });
    expect(r.bundle.skipped.at(-1)).toEqual({ location: 'line 31', reason: 'duplicate of line 8' });
    expect(r.bundle.notes[0]?.location).toBe('line 2');
    expect(fronts(r)[0]).toBe('时间');
    expect(fronts(r).at(-1)).toBe('这');
    // the last physical record, 金子 → "jīnzi - de l'or", repeats line 8 word for word
    expect(backs(r)[fronts(r).indexOf('金子')]).toBe("jīnzi - de l'or");
  });

  it('mojekarticky literatura: header block with note type, deck and tags columns', () => {
    const r = read('mojekarticky__literatura_notes_plain_with_notetype_deck.txt');
    expect(r.detected).toMatchObject({ delimiter: '\t', hasHeader: false, html: true, columnCount: 5 });
    expect(r.bundle.notes).toHaveLength(20);
    expect(r.bundle.skipped).toEqual([]);
    for (const n of r.bundle.notes) {
      expect(n.deckPath).toBe('Literatura - Test kartičky.');
      expect(rendered(n).noteType).toBe('Literatura - Test kartičky.'); // trailing space trimmed
      expect(rendered(n).format).toBe('html');
      expect(n.tags).toEqual([]);
    }
    expect(r.bundle.notes[0]?.location).toBe('line 6');
    expect(fronts(r)[0]).toBe('Májovci tvořili v');
    expect(backs(r).at(-1)).toBe('△');
  });

  it('mojekarticky abstraktní umění: 29 quoted <img> fronts', () => {
    const r = read('mojekarticky__abstraktni_umeni_notes_plain_img.txt');
    expect(r.detected).toMatchObject({ delimiter: '\t', html: true, columnCount: 2 });
    expect(r.bundle.notes).toHaveLength(29);
    expect(r.bundle.skipped).toEqual([]);
    for (const f of fronts(r)) expect(f).toMatch(/^(<img alt="[^"]*" src="[^"]+">)+$/);
    expect(fronts(r)[1]).toBe('<img alt="Hera - Francis Picabia - WikiArt.org" src="hera.jpg!Large.jpg">');
    expect(backs(r)[1]).toBe('Francis Picabia - Hera');
    expect(r.bundle.notes[0]?.location).toBe('line 3');
  });
});

describe('delimited text rules', () => {
  it('strips a BOM, detects comma, a header row, quoted multi-line fields and doubled quotes', () => {
    const text = '\uFEFFTerm,Definition\r\n"two\r\nlines","say ""hi"""\r\nplain,"a, b"';
    const r = readDelimitedText(text, 'cards.csv');
    expect(r.detected).toEqual({ delimiter: ',', hasHeader: true, columns: ['Term', 'Definition'], html: false, columnCount: 2 });
    expect(fronts(r)).toEqual(['two\r\nlines', 'plain']);
    expect(backs(r)).toEqual(['say "hi"', 'a, b']);
    expect(r.bundle.notes.map((n) => n.location)).toEqual(['line 2', 'line 4']);
    expect(r.bundle.notes[0]?.deckPath).toBe('cards');
  });

  it('detects semicolon and pipe', () => {
    expect(readDelimitedText('a;b\nc;d\n', 'x').detected.delimiter).toBe(';');
    expect(readDelimitedText('a|b\nc|d\n', 'x').detected.delimiter).toBe('|');
    expect(readDelimitedText('a\tb, c\nd\te, f\n', 'x').detected.delimiter).toBe('\t');
  });

  it("honours Anki's header directives", () => {
    const text = [
      '#separator:Semicolon',
      '#html:false',
      '#tags:imported week-1',
      '#deck:Lang::French',
      '#notetype:Basic',
      '#guid column:1',
      '#columns:GUID;Front;Back;Tags',
      'g-1;<b>bonjour</b>;hello;verb,common',
      'g-2;merci;thanks;',
    ].join('\n');
    const r = readDelimitedText(text, 'anki.txt');
    expect(r.detected).toMatchObject({ delimiter: ';', hasHeader: false, html: false, columns: ['GUID', 'Front', 'Back', 'Tags'] });
    expect(r.bundle.notes.map((n) => n.guid)).toEqual(['g-1', 'g-2']);
    expect(r.bundle.notes.map((n) => n.tags)).toEqual([['imported', 'week-1', 'verb', 'common'], ['imported', 'week-1']]);
    expect(r.bundle.notes.map((n) => n.deckPath)).toEqual(['Lang::French', 'Lang::French']);
    expect(rendered(r.bundle.notes[0] ?? { content: null }).format).toBe('text');
    expect(r.bundle.notes[0]?.location).toBe('line 8');
    expect(r.bundle.notes[0]?.cards[0]?.sourceKey).toBe('g-1:0');
  });

  it('accepts a literal separator and the named ones', () => {
    expect(readDelimitedText('#separator:~\na~b\n', 'x').detected.delimiter).toBe('~');
    expect(readDelimitedText('#separator:space\na b\n', 'x').detected.delimiter).toBe(' ');
    expect(readDelimitedText('#separator:Colon\na:b\n', 'x').detected.delimiter).toBe(':');
    expect(importError(() => readDelimitedText('#separator:nonsense\na\tb', 'x')).location).toBe('line 1');
  });

  it('treats "#" as data after the header block', () => {
    const r = readDelimitedText('#html:false\nq\ta\n#hash\tb\n', 'x');
    expect(fronts(r)).toEqual(['q', '#hash']);
  });

  it('throws on an unterminated quoted field, naming the line', () => {
    const err = importError(() => readDelimitedText('a\tb\nc\td\n"open\te\nf\tg\n', 'broken.tsv'));
    expect(err.file).toBe('broken.tsv');
    expect(err.location).toBe('line 3');
    expect(err.rule).toBe('unterminated quoted field');
  });

  it('keeps guids stable and content-derived', () => {
    const a = readDelimitedText('front text\tback one\n', 'a.tsv').bundle.notes[0]?.guid;
    const b = readDelimitedText('front text\tother back\n', 'b.tsv').bundle.notes[0]?.guid;
    const c = readDelimitedText('other front\tback one\n', 'a.tsv').bundle.notes[0]?.guid;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('respects hasHeader and mapping from the caller', () => {
    const r = readDelimitedText('back\tfront\nB1\tF1\n', 'x', { hasHeader: false, mapping: { front: 1, back: 0 } });
    expect(fronts(r)).toEqual(['front', 'F1']);
    expect(backs(r)).toEqual(['back', 'B1']);
    const h = readDelimitedText('Answer\tQuestion\nA1\tQ1\n', 'x');
    expect(h.detected.hasHeader).toBe(true);
    expect(fronts(h)).toEqual(['Q1']);
    expect(importError(() => readDelimitedText('a\tb', 'x', { mapping: { front: 0, back: 0 } })).rule).toMatch(/different/);
  });

  it('detects HTML content when the file does not say', () => {
    expect(readDelimitedText('a <b>b</b>\tc\n', 'x').detected.html).toBe(true);
    expect(readDelimitedText('a < b\tc > d\n', 'x').detected.html).toBe(false);
  });

  it('handles empty input and blank lines', () => {
    expect(readDelimitedText('', 'x').bundle.notes).toEqual([]);
    const r = readDelimitedText('\n\n a\tb \n\n\nc\td', 'x');
    expect(fronts(r)).toEqual([' a', 'c']);
    expect(r.bundle.notes.map((n) => n.location)).toEqual(['line 3', 'line 6']);
  });
});
