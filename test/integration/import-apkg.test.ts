import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import {
  describeAnkiPackage,
  readAnkiCollectionFile,
  readAnkiPackage,
} from '../../src/main/interchange/anki/read-anki-package';
import { readZip } from '../../src/main/interchange/formats/archive';
import type { ImportBundle, ImportNote } from '../../src/main/interchange/formats/bundle';
import type { RenderedNote } from '../../src/shared/note-content';
import { importError } from '../support/import-error';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, '../../../shared/fixtures');
const hasFixtures = existsSync(join(fixtures, 'apkg'));
if (!hasFixtures) console.warn('skipping Anki package tests: ../shared/fixtures not found');

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'retain-apkg-test-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const apkg = (name: string): Uint8Array => new Uint8Array(readFileSync(join(fixtures, 'apkg', name)));
const rendered = (n: ImportNote | undefined): RenderedNote => n?.content as RenderedNote;
const cardCount = (b: ImportBundle): number => b.notes.reduce((sum, n) => sum + n.cards.length, 0);
const lowestNote = (b: ImportBundle): ImportNote | undefined =>
  [...b.notes].sort((x, y) => Number(x.section.replace(/\D/g, '')) - Number(y.section.replace(/\D/g, '')))[0];
const fieldValues = (n: ImportNote | undefined): string[] => rendered(n).fields.map((f) => f.value);
const mediaSummary = (b: ImportBundle): Array<[string, number]> =>
  b.media.map((m): [string, number] => [m.name, m.data.length]).sort((x, y) => x[0].localeCompare(y[0]));


/** The reader must leave nothing behind in its temp directory. */
function expectTmpClean(): void {
  expect(readdirSync(tmp)).toEqual([]);
}

interface Expectation {
  file: string;
  collectionEntry: string;
  metaVersion?: number;
  ver: number;
  notes: number;
  cards: number;
  reviews: number;
  /** Reviews the reader keeps, when fewer than the revlog rows. */
  countedReviews?: number;
  decks: string[];
  usedNoteTypes: string[];
  media: Array<[string, number]>;
  lowest: { guid: string; section: string; fields: string[]; deckPath: string };
}

const MUJING_FIELDS = [
  '07-02-01',
  'Africa',
  '/ˈæfrɪkə/',
  'n.',
  '非洲',
  '普通',
  '7',
  '2',
  '1',
  'Lions live in Africa.',
  '狮子生活在非洲。',
  '来自拉丁语 Africa',
  '联想非洲大草原上的狮子，Africa的"A"像金字塔形状',
];

const EXPECTED: Expectation[] = [
  {
    file: 'mujing__primary_school_words.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1021,
    cards: 1021,
    reviews: 0,
    decks: ['Default', '苏教版小学英语单词'],
    usedNoteTypes: ['Basic'],
    media: [],
    lowest: { guid: 'AlD59H4lv)', section: 'Anki note 1484575371201', fields: ['一（纸）盒', 'a carton of'], deckPath: '苏教版小学英语单词' },
  },
  {
    file: 'mujing__basic_word.apkg',
    collectionEntry: 'collection.anki21',
    metaVersion: 2,
    ver: 11,
    notes: 459,
    cards: 459,
    reviews: 0,
    decks: ['Default', '英语词汇学习'],
    usedNoteTypes: ['英语词汇卡+++'],
    media: [],
    lowest: { guid: 'e(,Uaa$E-:', section: 'Anki note 1741954675121', fields: MUJING_FIELDS, deckPath: '英语词汇学习' },
  },
  {
    file: 'mujing__basic_word_new_version.apkg',
    collectionEntry: 'collection.anki21b',
    metaVersion: 3,
    ver: 18,
    notes: 459,
    cards: 459,
    reviews: 3,
    // Those 3 revlog rows belong to cards Anki has as new (reset since): they no longer count.
    countedReviews: 0,
    decks: ['Default', '英语词汇学习'],
    usedNoteTypes: ['英语词汇卡+++'],
    media: [],
    lowest: { guid: 'e(,Uaa$E-:', section: 'Anki note 1741954675121', fields: MUJING_FIELDS, deckPath: '英语词汇学习' },
  },
  {
    file: 'anki__media.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: ['Default'],
    usedNoteTypes: ['Basic'],
    media: [['foo.wav', 4]],
    lowest: { guid: 'L;*}1M{l6|', section: 'Anki note 1348208769429', fields: ['[sound:foo.wav]', ''], deckPath: 'Default' },
  },
  {
    file: 'anki__update1.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: ['Default'],
    usedNoteTypes: ['Basic'],
    media: [],
    lowest: { guid: 'cU1%zNUzk1', section: 'Anki note 1375933494578', fields: ['hello', 'world'], deckPath: 'Default' },
  },
  {
    file: 'anki__update2.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: ['Default'],
    usedNoteTypes: ['Basic'],
    media: [],
    lowest: { guid: 'cU1%zNUzk1', section: 'Anki note 1375933494578', fields: ['goodbye', 'world'], deckPath: 'Default' },
  },
  {
    file: 'anki__diffmodels2-1.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: ['Default'],
    usedNoteTypes: ['Basic'],
    media: [],
    lowest: { guid: 'MGCsE3z^Er', section: 'Anki note 1351338969920', fields: ['front', 'back'], deckPath: 'Default' },
  },
  {
    file: 'anki__diffmodels2-2.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1,
    cards: 2,
    reviews: 0,
    decks: ['Default'],
    usedNoteTypes: ['Basic'],
    media: [],
    lowest: { guid: 'MGCsE3z^Er', section: 'Anki note 1351338969920', fields: ['front', 'back'], deckPath: 'Default' },
  },
  {
    file: 'anki__diffmodeltemplates-1.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: ['Default', 'testdeck'],
    usedNoteTypes: ['testt'],
    media: [
      ['_IncrementalReadingExtension.dat', 7009],
      ['_ViewSizeAdjustAddon.dat', 387],
    ],
    lowest: { guid: 'CjMTh;(#|6', section: 'Anki note 1403973882584', fields: ['question?', 'answer!'], deckPath: 'testdeck' },
  },
  {
    file: 'anki__diffmodeltemplates-2.apkg',
    collectionEntry: 'collection.anki2',
    ver: 11,
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: ['Default', 'testdeck'],
    usedNoteTypes: ['testt'],
    media: [
      ['_IncrementalReadingExtension.dat', 7009],
      ['_ViewSizeAdjustAddon.dat', 387],
    ],
    lowest: { guid: 'CjMTh;(#|6', section: 'Anki note 1403973882584', fields: ['question?', 'answer!'], deckPath: 'testdeck' },
  },
];

describe.skipIf(!hasFixtures)('Anki packages: counts from SOURCES.md', () => {
  it('covers every .apkg fixture', () => {
    expect(readdirSync(join(fixtures, 'apkg')).sort()).toEqual(EXPECTED.map((e) => e.file).sort());
  });

  for (const e of EXPECTED) {
    it(e.file, () => {
      const bytes = apkg(e.file);
      const d = describeAnkiPackage(bytes, e.file, tmp);
      expect(d.collectionEntry).toBe(e.collectionEntry);
      expect(d.metaVersion).toBe(e.metaVersion);
      expect(d.ver).toBe(e.ver);
      expect(d.decks.map((x) => x.name).sort()).toEqual([...e.decks].sort());
      expect(d.counts).toEqual({ notes: e.notes, cards: e.cards, revlog: e.reviews });

      const b = readAnkiPackage(bytes, e.file, tmp);
      expect(b.format).toBe('apkg');
      expect(b.notes).toHaveLength(e.notes);
      expect(cardCount(b)).toBe(e.cards);
      expect(b.reviews).toHaveLength(e.countedReviews ?? e.reviews);
      expect(b.skipped).toEqual([]);
      expect(mediaSummary(b)).toEqual(e.media);
      expect([...new Set(b.notes.map((n) => rendered(n).noteType))]).toEqual(e.usedNoteTypes);
      const low = lowestNote(b);
      expect(low?.guid).toBe(e.lowest.guid);
      expect(low?.section).toBe(e.lowest.section);
      expect(fieldValues(low)).toEqual(e.lowest.fields);
      expect(low?.deckPath).toBe(e.lowest.deckPath);
      expect(new Set(b.notes.map((n) => n.guid)).size).toBe(e.notes);
      for (const n of b.notes) {
        expect(rendered(n).kind).toBe('rendered');
        expect(rendered(n).format).toBe('html');
        expect(rendered(n).cards.map((c) => c.ord)).toEqual(n.cards.map((c) => c.ord));
        expect(n.cards.every((c) => /^\d+$/.test(c.sourceKey) && !c.suspended)).toBe(true);
      }
      expectTmpClean();
    });
  }

  it('renders the cards of the sound fixture with the [sound:] tag kept', () => {
    const b = readAnkiPackage(apkg('anki__media.apkg'), 'media.apkg', tmp);
    const card = rendered(b.notes[0]).cards[0];
    expect(card?.front).toBe('[sound:foo.wav]');
    expect(card?.back).toBe('[sound:foo.wav]\n\n<hr id=answer>\n\n');
    expect(new TextDecoder().decode(b.media[0]?.data).length).toBe(4);
  });

  it('renders both cards of diffmodels2-2 (a two-template Basic)', () => {
    const b = readAnkiPackage(apkg('anki__diffmodels2-2.apkg'), 'd.apkg', tmp);
    expect(rendered(b.notes[0]).cards.map((c) => c.front)).toEqual(['front', 'back']);
    expect(rendered(b.notes[0]).cards[1]?.back).toContain('front');
  });

  it('prefers collection.anki21b over the stub and decodes schema 18 note types', () => {
    const bytes = apkg('mujing__basic_word_new_version.apkg');
    const d = describeAnkiPackage(bytes, 'nv.apkg', tmp);
    expect(d.entries.sort()).toEqual(['collection.anki2', 'collection.anki21b', 'media', 'meta']);
    expect(d.schema).toBe('schema18');
    // orphan field/template rows of the six stock note types are not joined in
    expect(d.noteTypes).toHaveLength(1);
    expect(d.noteTypes[0]).toMatchObject({ id: '1221680253', name: '英语词汇卡+++', cloze: false, templates: ['英语词汇卡'] });
    expect(d.noteTypes[0]?.fields).toEqual([
      'sort_field',
      'english',
      'pronunciation',
      'part_of_speech',
      'chinese',
      'importance',
      'grade',
      'semester',
      'unit',
      'example',
      'example_translation',
      'etymology',
      'memory_tip',
    ]);
    const b = readAnkiPackage(bytes, 'nv.apkg', tmp);
    expect(b.notes.map((n) => n.guid)).not.toContain('OsTn(K?tU1'); // the stub's only note
    // the template (decoded from the protobuf config) put the word on the front
    const first = rendered(lowestNote(b)).cards[0];
    expect(first?.front).toContain('<div class="word">Africa</div>');
    expect(first?.back).toContain('<span class="chinese">非洲</span>');
    expectTmpClean();
  });

  it('drops the three revlog rows of basic_word_new_version: their cards are new in Anki', () => {
    const b = readAnkiPackage(apkg('mujing__basic_word_new_version.apkg'), 'nv.apkg', tmp);
    const reviewed = b.notes.flatMap((n) => n.cards).filter((c) => ['1741954675122', '1741954675124', '1741954675126'].includes(c.sourceKey));
    expect(reviewed.map((c) => [c.anki?.type, c.anki?.queue])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(b.reviews).toEqual([]);
  });

  it('falls back to the stub when a package only has collection.anki2', () => {
    const entries = readZip(apkg('mujing__basic_word_new_version.apkg'), 'nv.apkg');
    const stubOnly = zipSync({ 'collection.anki2': entries.get('collection.anki2') ?? new Uint8Array(), media: strToU8('{}') });
    const b = readAnkiPackage(stubOnly, 'stub.apkg', tmp);
    expect(b.notes).toHaveLength(1);
    expect(lowestNote(b)?.guid).toBe('OsTn(K?tU1');
    expect(fieldValues(lowestNote(b))).toEqual(['请更新至 Anki 的最新版本，然后再次导入 .colpkg/.apkg 文件。', '']);
  });
});

describe.skipIf(!hasFixtures)('bare collection files', () => {
  it('ankipandas few_basic_cards: 7 notes, 12 cards, 6 reviews', () => {
    const path = join(fixtures, 'collections', 'ankipandas__few_basic_cards__collection.anki2');
    const b = readAnkiCollectionFile(path, 'collection.anki2', tmp);
    expect(b.notes).toHaveLength(7);
    expect(cardCount(b)).toBe(12);
    expect(b.skipped).toEqual([]);
    expect(b.reviews).toMatchObject([
      { cardKey: '1555579345401', reviewedAt: 1556706362847, rating: 2, durationMs: 2766 },
      { cardKey: '1555579360345', reviewedAt: 1556706364311, rating: 1, durationMs: 1461 },
      { cardKey: '1555579360346', reviewedAt: 1556706365853, rating: 3, durationMs: 1539 },
      { cardKey: '1555579360345', reviewedAt: 1556706367587, rating: 2, durationMs: 1731 },
      { cardKey: '1555579345401', reviewedAt: 1556706368375, rating: 3, durationMs: 785 },
      { cardKey: '1555579360345', reviewedAt: 1556706369382, rating: 3, durationMs: 1004 },
    ]);
    const byDeck = new Map<string, number>();
    for (const c of b.notes.flatMap((n) => n.cards)) byDeck.set(c.deckPath, (byDeck.get(c.deckPath) ?? 0) + 1);
    expect(Object.fromEntries(byDeck)).toEqual({ Testing: 4, EnglishGerman: 8 });
    const low = lowestNote(b);
    expect(low?.guid).toBe('F%8*#<wQ]2');
    expect(low?.tags).toEqual(['other_test_tag']);
    expect(fieldValues(low)).toEqual(['Basic: Front', 'Basic: Back']);
    expect(b.notes.filter((n) => n.tags.length > 0)).toHaveLength(6);
    expect(b.notes.map((n) => n.tags.join(' ')).sort()).toEqual(
      ['', 'adjective color english german', 'adjective color english german', 'adjective english german noun', 'english german noun', 'other_test_tag', 'some_test_tag'].sort(),
    );
    const noteTypes = b.notes.map((n) => rendered(n).noteType);
    expect(noteTypes.filter((t) => t === 'Basic (and reversed card)')).toHaveLength(5);
    expect(noteTypes.filter((t) => t === 'Basic')).toHaveLength(2);
    expectTmpClean();
  });

  it('the 2012 alpha collection is readable', () => {
    const path = join(fixtures, 'collections', 'anki__anki2-alpha.anki2');
    const b = readAnkiCollectionFile(path, 'alpha.anki2', tmp);
    expect(b.notes).toHaveLength(1);
    expect(cardCount(b)).toBe(1);
    expect(b.notes[0]?.guid).toBe('I{@40:/o>Y');
    expect(fieldValues(b.notes[0])).toEqual(['hello', '']);
    expect(rendered(b.notes[0]).cards[0]?.front).toBe('hello');
    expectTmpClean();
  });
});

describe.skipIf(!hasFixtures)('edited collections (built from a fixture in the test)', () => {
  /** Copy the ankipandas collection, let `edit` change it, and return it as an .apkg. */
  function editedPackage(edit: (db: Database.Database) => void): Uint8Array {
    const work = mkdtempSync(join(tmpdir(), 'retain-apkg-edit-'));
    try {
      const path = join(work, 'c.anki2');
      copyFileSync(join(fixtures, 'collections', 'ankipandas__few_basic_cards__collection.anki2'), path);
      const db = new Database(path);
      edit(db);
      db.close();
      return zipSync({ 'collection.anki2': new Uint8Array(readFileSync(path)), media: strToU8('{}') });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  it('marks suspended cards, skips notes whose note type is missing, and drops their reviews', () => {
    const bytes = editedPackage((db) => {
      db.prepare('UPDATE cards SET queue = -1 WHERE id = 1555579360346').run();
      db.prepare('UPDATE notes SET mid = 42 WHERE id = 1555579337683').run();
      // as if card 1555579360345 sat in a filtered deck: did = the filtered deck, odid = its home deck
      db.prepare('UPDATE cards SET did = 1, odid = 1557223292450 WHERE id = 1555579360345').run();
    });
    const b = readAnkiPackage(bytes, 'edited.apkg', tmp);
    expect(b.notes).toHaveLength(6);
    expect(b.skipped).toEqual([{ location: 'note 1555579337683', reason: 'note type 42 is missing from the collection' }]);
    const suspended = b.notes.flatMap((n) => n.cards).filter((c) => c.suspended);
    expect(suspended.map((c) => c.sourceKey)).toEqual(['1555579360346']);
    const moved = b.notes.flatMap((n) => n.cards).find((c) => c.sourceKey === '1555579360345');
    expect(moved?.deckPath).toBe('EnglishGerman');
    // card 1555579345401 belonged to the skipped note: its two reviews go with it
    expect(b.reviews.map((r) => r.cardKey)).not.toContain('1555579345401');
    expect(b.reviews).toHaveLength(4);
    expectTmpClean();
  });

  it('renders a cloze note: one card per deletion present, hint and extra', () => {
    const bytes = editedPackage((db) => {
      db.prepare(
        "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (1600000000000, 'cloze-guid', 1555579331143, 0, -1, ' geo ', ?, '', 0, 0, '')",
      ).run('{{c1::Paris}} is in {{c2::France::country}}\x1fSeen in 2019');
      const card = db.prepare(
        "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, 1600000000000, 1557223292450, ?, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')",
      );
      card.run(1600000000001, 0);
      card.run(1600000000002, 1);
      card.run(1600000000003, 4); // stale card for a deletion the text no longer has
    });
    const b = readAnkiPackage(bytes, 'cloze.apkg', tmp);
    const note = b.notes.find((n) => n.guid === 'cloze-guid');
    expect(note?.tags).toEqual(['geo']);
    expect(note?.deckPath).toBe('EnglishGerman');
    expect(note?.cards.map((c) => [c.ord, c.sourceKey])).toEqual([
      [0, '1600000000001'],
      [1, '1600000000002'],
    ]);
    const cards = rendered(note).cards;
    expect(cards[0]?.front).toBe('<span class="cloze">[...]</span> is in France');
    expect(cards[1]?.front).toBe('Paris is in <span class="cloze">[country]</span>');
    expect(cards[1]?.back).toBe('Paris is in <span class="cloze">France</span><br>\nSeen in 2019');
    expect(rendered(note).noteType).toBe('Cloze');
  });

  it('refuses a media map entry that would escape the media folder', () => {
    const base = readZip(editedPackage(() => {}), 'x.apkg');
    const bytes = zipSync({
      'collection.anki2': base.get('collection.anki2') ?? new Uint8Array(),
      media: strToU8('{"0": "../outside.wav"}'),
      '0': strToU8('RIFF'),
    });
    const err = importError(() => readAnkiPackage(bytes, 'evil.apkg', tmp));
    expect(err.location).toBe('media 0');
    expect(err.rule).toMatch(/path separator/);
    expectTmpClean();
  });
});

describe('refused packages', () => {
  it('a collection that is not SQLite', () => {
    const bytes = zipSync({ 'collection.anki2': strToU8('this is not a database, just text padded out. '.repeat(5)), media: strToU8('{}') });
    const err = importError(() => readAnkiPackage(bytes, 'fake.apkg', tmp));
    expect(err.file).toBe('fake.apkg');
    expect(err.location).toBe('collection.anki2');
    expect(err.rule).toBe('not an SQLite database');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a zip without any collection', () => {
    const err = importError(() => readAnkiPackage(zipSync({ media: strToU8('{}') }), 'empty.apkg', tmp));
    expect(err.rule).toMatch(/not an Anki package/);
  });

  it('an SQLite file that is not an Anki collection', () => {
    const work = mkdtempSync(join(tmpdir(), 'retain-apkg-other-'));
    try {
      const path = join(work, 'x.db');
      const db = new Database(path);
      db.exec(`CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO things VALUES (1, 'a');`);
      db.close();
      const bytes = zipSync({ 'collection.anki2': new Uint8Array(readFileSync(path)) });
      const err = importError(() => readAnkiPackage(bytes, 'other.apkg', tmp));
      expect(err.rule).toMatch(/not an Anki collection/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('a file that is not a zip', () => {
    expect(importError(() => readAnkiPackage(strToU8('SQLite format 3\0 but bare'), 'x.apkg', tmp)).rule).toBe('not a zip archive');
  });
});
