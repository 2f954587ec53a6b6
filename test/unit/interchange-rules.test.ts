/**
 * One definition of each rule both sides or several writers use: media references (import,
 * export and renderer), the note content hash (built-in decks and import), tags, HTML to text,
 * the import size limit; and one repo writing each table.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_MAX_BYTES } from '../../src/shared/api/import-contract';
import { htmlToText } from '../../src/shared/html-text';
import { inlineMedia, mediaReferences, renameMediaReferences } from '../../src/shared/media-references';
import { normalizeTags, splitTagText } from '../../src/shared/tags';
import { noteContentHash } from '../../src/main/core/note-hash';
import { noteHash } from '../../src/main/services/builtin-deck-service';
import { assertImportSize } from '../../src/main/interchange/formats/archive';
import { importError } from '../support/import-error';

describe('media references', () => {
  const html =
    '<img src="cat%20one.png"> <img src=\'a&amp;b.png\'> <img src=bare.gif> [sound:meow.mp3] <img src="https://x.test/y.png">' +
    '<img src="//cdn.test/z.png"> <img src="/etc/passwd"> <img src="data:image/png;base64,AA"> <img src="">';

  it('finds names in src attributes and sound tags, decoded, and leaves URLs and absolute paths out', () => {
    expect(mediaReferences(html)).toEqual(['cat one.png', 'a&b.png', 'bare.gif', 'meow.mp3']);
  });

  it('inlines and renames by the same names it finds', () => {
    const urls = new Map([
      ['cat one.png', 'data:image/png;base64,Q0FU'],
      ['meow.mp3', 'data:audio/mpeg;base64,TUVX'],
    ]);
    expect(inlineMedia(html, (n) => urls.get(n))).toBe(
      '<img src="data:image/png;base64,Q0FU"> <img src=\'a&amp;b.png\'> <img src=bare.gif> ' +
        '<audio controls preload="none" src="data:audio/mpeg;base64,TUVX" title="meow.mp3"></audio> <img src="https://x.test/y.png">' +
        '<img src="//cdn.test/z.png"> <img src="/etc/passwd"> <img src="data:image/png;base64,AA"> <img src="">',
    );
    expect(renameMediaReferences('<img src="a&amp;b.png">[sound:meow.mp3]', new Map([['a&b.png', 'a&b-1.png'], ['meow.mp3', 'meow-2.mp3']]))).toBe(
      '<img src="a&amp;b-1.png">[sound:meow-2.mp3]',
    );
  });
});

describe('note content hash', () => {
  it('is the same bytes for a built-in deck note and for the import of the same note', () => {
    const note = { id: 'n1', kind: 'basic' as const, front: 'Q', back: 'A', tags: ['t1', 't2'], section: '§1' };
    const { id: _id, tags, section, ...content } = note;
    expect(noteContentHash(JSON.stringify(content), JSON.stringify(tags), section)).toBe(noteHash(note));
    expect(noteContentHash(JSON.stringify(content), JSON.stringify(tags), null)).not.toBe(noteHash(note));
    expect(noteHash(note)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('tags', () => {
  it('have no whitespace, are not empty and appear once, first seen first', () => {
    expect(normalizeTags([' a b ', 'a_b', '', '  ', 'x', 'x', 'y\tz'])).toEqual(['a_b', 'x', 'y_z']);
    expect(splitTagText('a, b  c,,a\tb')).toEqual(['a', 'b', 'c']);
  });
});

describe('HTML to text', () => {
  it('gives one line, or the lines of the text for an export', () => {
    const html = '<p>One<br>two &amp; more</p><script>x()</script><p>three <img src="x.png"></p>';
    expect(htmlToText(html)).toBe('One two & more three');
    expect(htmlToText(html, { keepLines: true })).toBe('One\ntwo & more\nthree  [x.png]');
  });
});

describe('import size limit', () => {
  it('is the one 100 MiB limit of the contract, also in the readers', () => {
    expect(IMPORT_MAX_BYTES).toBe(100 * 1024 * 1024);
    expect(() => assertImportSize(IMPORT_MAX_BYTES, 'ok.apkg')).not.toThrow();
    expect(importError(() => assertImportSize(IMPORT_MAX_BYTES + 1, 'big.apkg')).rule).toMatch(/more than the 100 MiB import limit/);
  });
});

describe('one writer per table', () => {
  it('no table is written from two repos', () => {
    const dir = join(__dirname, '../../src/main/db/repos');
    const writers = new Map<string, Set<string>>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/\b(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/g)) {
        const table = m[1] as string;
        if (!writers.has(table)) writers.set(table, new Set());
        writers.get(table)?.add(file);
      }
    }
    expect(writers.get('notes')).toEqual(new Set(['note-repo.ts']));
    expect(writers.get('cards')).toEqual(new Set(['card-repo.ts']));
    expect(writers.get('review_log')).toEqual(new Set(['review-log-repo.ts']));
    const shared = [...writers].filter(([, files]) => files.size > 1).map(([table, files]) => `${table}: ${[...files].join(', ')}`);
    expect(shared).toEqual([]);
  });
});
