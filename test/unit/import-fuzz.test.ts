/**
 * Property tests: whatever bytes or text the import readers get, they either return a bundle or
 * throw an ImportError — never another exception type, never a hang. Inputs are built here (no
 * fixtures needed); runs are kept small so the whole file stays well under 20 s.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { ImportError } from '../../src/main/interchange/formats/bundle';
import type { ImportBundle } from '../../src/main/interchange/formats/bundle';
import { readDelimitedText } from '../../src/main/interchange/formats/csv-reader';
import type { DelimitedTextOptions } from '../../src/main/interchange/formats/csv-reader';
import { findJsonSyntaxError, readRetainDeck } from '../../src/main/interchange/formats/retain-json';
import { readZip } from '../../src/main/interchange/formats/archive';
import { readAnkiPackage } from '../../src/main/interchange/anki/read-anki-package';
import { importError } from '../support/import-error';
import { BASIC_NOTE_TYPE, legacyAnkiSchema } from '../support/hostile-files';

const RUNS = 150;
const TIMEOUT = 15_000;

/** Run `fn`; an ImportError is an accepted outcome (returns undefined), anything else fails the property. */
function bundleOrImportError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ImportError) {
      expect(typeof err.rule).toBe('string');
      expect(err.rule.length).toBeGreaterThan(0);
      return undefined;
    }
    throw err;
  }
}

function checkBundleShape(b: ImportBundle): void {
  expect(Array.isArray(b.notes)).toBe(true);
  for (const n of b.notes) {
    expect(typeof n.guid).toBe('string');
    expect(n.guid.length).toBeGreaterThan(0);
    expect(n.cards.length).toBeGreaterThan(0);
    expect(typeof n.location).toBe('string');
  }
}

/** Byte-level mutations: flips, overwrites, truncation, insertion. */
const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('flip', 'set', 'truncate', 'insert', 'delete'),
  value: fc.integer({ min: 0, max: 255 }),
});

function mutate(bytes: Uint8Array, edits: Array<{ at: number; kind: string; value: number }>): Uint8Array {
  let out = bytes.slice();
  for (const e of edits) {
    if (out.length === 0) break;
    const i = e.at % out.length;
    switch (e.kind) {
      case 'flip':
        out[i] = (out[i] ?? 0) ^ (1 << (e.value % 8));
        break;
      case 'set':
        out[i] = e.value;
        break;
      case 'truncate':
        out = out.slice(0, i);
        break;
      case 'insert': {
        const next = new Uint8Array(out.length + 1);
        next.set(out.subarray(0, i));
        next[i] = e.value;
        next.set(out.subarray(i), i + 1);
        out = next;
        break;
      }
      case 'delete':
        out = Uint8Array.from([...out.subarray(0, i), ...out.subarray(i + 1)]);
        break;
    }
  }
  return out;
}

function mutateText(text: string, edits: Array<{ at: number; kind: string; value: number }>, alphabet: string): string {
  let out = text;
  for (const e of edits) {
    const i = out.length === 0 ? 0 : e.at % out.length;
    const ch = alphabet[e.value % alphabet.length] ?? 'x';
    if (e.kind === 'delete' || e.kind === 'truncate') out = e.kind === 'truncate' ? out.slice(0, i) : out.slice(0, i) + out.slice(i + 1);
    else if (e.kind === 'insert') out = out.slice(0, i) + ch + out.slice(i);
    else out = out.slice(0, i) + ch + out.slice(i + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('readDelimitedText never throws anything but ImportError', () => {
  const tokens = [
    'a', 'front', 'back', 'Term', ' ', '\t', ',', ';', '|', ':', '"', '""', '\n', '\r\n', '\r', '#', '#separator:',
    'tab', 'pipe', '#html:true', '#columns:', '#tags:', '#deck:', '#tags column:', '#deck column:', '#guid column:', '2',
    '0', '99999', '<b>', '&amp;', '\uFEFF', 'é', '日本', '\u0000', '{{c1::', '}}',
  ];
  const structured = fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((xs) => xs.join(''));

  it('random structured text, with and without options', { timeout: TIMEOUT }, () => {
    const options: fc.Arbitrary<DelimitedTextOptions> = fc.record(
      {
        delimiter: fc.constantFrom('\t', ',', ';', '|', '', '"', 'ab'),
        hasHeader: fc.boolean(),
        mapping: fc.record({ front: fc.integer({ min: -1, max: 4 }), back: fc.integer({ min: -1, max: 4 }), tags: fc.integer({ min: 0, max: 4 }) }),
        deckName: fc.string({ maxLength: 8 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(structured, options, (text, opts) => {
        const r = bundleOrImportError(() => readDelimitedText(text, 'fuzz.txt', opts));
        if (!r) return;
        checkBundleShape(r.bundle);
        for (const n of r.bundle.notes) expect(n.location).toMatch(/^line \d+$/);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary unicode strings', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const r = bundleOrImportError(() => readDelimitedText(text, 'fuzz.txt'));
        if (r) checkBundleShape(r.bundle);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutations of a well-formed Anki text export', { timeout: TIMEOUT }, () => {
    const base = '#separator:tab\n#html:true\n#tags column:3\n"multi\nline"\tback\ttag1\nq2\t"a ""quoted"" b"\t\n';
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 6 }), (edits) => {
        const r = bundleOrImportError(() => readDelimitedText(mutateText(base, edits, '\t\n"#,;|a '), 'm.txt'));
        if (r) checkBundleShape(r.bundle);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------

const validDeck = {
  format: 'retain-deck',
  formatVersion: 1,
  deck: { id: 'fuzz-deck', title: 'Fuzz', version: 1 },
  notes: [
    { id: 'b1', kind: 'basic', section: '§1', tags: ['limits'], front: 'F', back: 'B', reversed: true },
    { id: 'c1', kind: 'cloze', section: '§2', tags: ['limits'], text: '{{c1::x}} and {{c2::y}}' },
    { id: 't1', kind: 'truefalse', section: '§3', tags: ['cost'], statement: 'S', answer: false },
  ],
};

describe('readRetainDeck', () => {
  it('maps a valid deck note for note', () => {
    const b = readRetainDeck(JSON.stringify(validDeck, null, 2), 'deck.json');
    expect(b.format).toBe('retain-json');
    expect(b.notes.map((n) => [n.guid, n.deckPath, n.section, n.location])).toEqual([
      ['fuzz-deck/b1', 'Fuzz', '§1', 'note 1'],
      ['fuzz-deck/c1', 'Fuzz', '§2', 'note 2'],
      ['fuzz-deck/t1', 'Fuzz', '§3', 'note 3'],
    ]);
    expect(b.notes[0]?.content).toEqual({ kind: 'basic', front: 'F', back: 'B', reversed: true });
    expect(b.notes[0]?.cards.map((c) => c.sourceKey)).toEqual(['fuzz-deck/b1:0', 'fuzz-deck/b1:1']);
    expect(b.notes[1]?.cards.map((c) => c.ord)).toEqual([0, 1]);
    const withPath = readRetainDeck(JSON.stringify({ ...validDeck, deck: { ...validDeck.deck, path: 'A::B' } }), 'd.json');
    expect(withPath.notes.every((n) => n.deckPath === 'A::B' && n.cards.every((c) => c.deckPath === 'A::B'))).toBe(true);
  });

  it('names the JSON path of the first schema problem', () => {
    const bad = { ...validDeck, notes: [validDeck.notes[0], { ...validDeck.notes[1], text: 'no deletion here' }] };
    let err: unknown;
    try {
      readRetainDeck(JSON.stringify(bad), 'bad.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).location).toBe('note 2, text');
    expect((err as ImportError).rule).toMatch(/deletion/);
  });

  it('reports JSON syntax errors with line and column', () => {
    let err: unknown;
    try {
      readRetainDeck('{\n  "format": "retain-deck",\n  "notes": [1, 2,]\n}', 'syntax.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).location).toBe('line 3, column 18');
    expect((err as ImportError).rule).toMatch(/^invalid JSON/);
  });

  it('the syntax locator agrees with JSON.parse on what is valid', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 40 })), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: RUNS },
    );
  });

  it('random JSON, random text and mutated deck files end in a bundle or an ImportError', { timeout: TIMEOUT }, () => {
    const base = JSON.stringify(validDeck);
    const input = fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(mutation, { minLength: 1, maxLength: 5 }).map((edits) => mutateText(base, edits, '{}[]",:0a\\ ')),
      fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
    );
    fc.assert(
      fc.property(input, (text) => {
        const b = bundleOrImportError(() => readRetainDeck(text, 'fuzz.json'));
        if (b) checkBundleShape(b);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('readZip', () => {
  const goodZip = zipSync({
    'a.txt': strToU8('alpha '.repeat(200)),
    'dir/b.bin': [new Uint8Array([1, 2, 3, 4, 5]), { level: 0 }],
    c: strToU8('{"0":"x.wav"}'),
  });

  it('random bytes are refused with an ImportError', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const err = importError(() => readZip(bytes, 'r.zip'));
        expect(err.file).toBe('r.zip');
        expect(err.rule.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated zips either read or are refused with an ImportError', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const out = bundleOrImportError(() => readZip(mutate(goodZip, edits), 'm.zip'));
        if (out) for (const [name] of out) expect(name.includes('..')).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('readAnkiPackage', () => {
  let tmp = '';
  let collection = new Uint8Array();
  let pkg = new Uint8Array();

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'retain-fuzz-'));
    // A small legacy (schema 11) collection, built here so the test needs no fixtures.
    const path = join(tmp, 'build.anki2');
    const db = new Database(path);
    db.exec(legacyAnkiSchema());
    const models = {
      '100': BASIC_NOTE_TYPE,
      '200': {
        id: 200,
        name: 'Cloze',
        type: 1,
        flds: [{ name: 'Text', ord: 0 }, { name: 'Extra', ord: 1 }],
        tmpls: [{ name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Extra}}' }],
      },
    };
    db.prepare('INSERT INTO col (id, ver, models, decks) VALUES (1, 11, ?, ?)').run(JSON.stringify(models), JSON.stringify({ '1': { id: 1, name: 'Default' }, '5': { id: 5, name: 'A::B' } }));
    const note = db.prepare('INSERT INTO notes (id, guid, mid, tags, flds) VALUES (?, ?, ?, ?, ?)');
    note.run(1, 'g1', 100, 'x y', 'front\x1fback');
    note.run(2, 'g2', 200, '', '{{c1::a}} {{c2::b}}\x1fextra');
    const card = db.prepare('INSERT INTO cards (id, nid, did, ord, queue, type) VALUES (?, ?, ?, ?, ?, ?)');
    card.run(11, 1, 5, 0, 2, 2); // answered once: a review card
    card.run(21, 2, 1, 0, -1, 0);
    card.run(22, 2, 1, 1, 0, 0);
    const review = db.prepare('INSERT INTO revlog (id, cid, ease, time) VALUES (?, ?, ?, ?)');
    review.run(1000, 11, 3, 5000);
    review.run(1001, 11, 0, 0);
    db.close();
    collection = new Uint8Array(readFileSync(path));
    rmSync(path);
    pkg = zipSync({ 'collection.anki2': collection, media: strToU8('{"0":"a.wav"}'), '0': strToU8('RIFF') });
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('reads the hand-built package', () => {
    const b = readAnkiPackage(pkg, 'built.apkg', tmp);
    expect(b.notes.map((n) => [n.guid, n.deckPath, n.cards.length])).toEqual([
      ['g1', 'A::B', 1],
      ['g2', 'Default', 2],
    ]);
    expect(b.notes[1]?.cards.map((c) => c.suspended ?? false)).toEqual([true, false]);
    expect(b.reviews).toMatchObject([{ cardKey: '11', reviewedAt: 1000, rating: 3, durationMs: 5000 }]);
    expect(b.media.map((m) => m.name)).toEqual(['a.wav']);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('mutated package bytes end in a bundle or an ImportError', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const b = bundleOrImportError(() => readAnkiPackage(mutate(pkg, edits), 'm.apkg', tmp));
        if (b) checkBundleShape(b);
      }),
      { numRuns: 100 },
    );
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('mutated collections (re-zipped, so checksums hold) end in a bundle or an ImportError', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (edits) => {
        const bytes = zipSync({ 'collection.anki2': mutate(collection, edits), media: strToU8('{}') });
        const b = bundleOrImportError(() => readAnkiPackage(bytes, 'mc.apkg', tmp));
        if (b) checkBundleShape(b);
      }),
      { numRuns: 150 },
    );
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('random bytes are refused with an ImportError', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => {
        const err = importError(() => readAnkiPackage(bytes, 'r.apkg', tmp));
        expect(err.file).toBe('r.apkg');
        expect(err.rule.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
