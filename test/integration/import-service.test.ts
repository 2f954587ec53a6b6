/**
 * The import service end to end, through the dispatch: every real fixture into a fresh
 * collection with the counts SOURCES.md gives, re-imports, in-place updates keeping history,
 * review-history replay, media, CSV mapping and deck choice, duplicate fronts, and atomicity
 * (a failed import leaves every table and the media folder as they were). Ends with a property
 * test of random and mutated files.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { ImportPreview, ImportProgress, ImportResult, MediaFile } from '../../src/shared/api/import-contract';
import type { RenderedNote } from '../../src/shared/note-content';
import { AppError } from '../../src/shared/api/errors';
import { fsrs, generatorParameters, type FSRSState } from 'ts-fsrs';
import { generateDeckFromMarkdown } from '../../src/main/interchange/formats/markdown-deck';
import { writeAnkiPackage, type ExportNote } from '../../src/main/interchange/anki/write-anki-package';
import { detectImportFormat, stripActiveHtml } from '../../src/main/interchange/import/import-service';
import { haveShared, sharedPath } from '../support/shared-dir';
import { DECKS_DIR, tempApp, type TempApp } from '../support/temp-app';
import { stageFile } from '../support/staged-import';

const hasFixtures = haveShared('fixtures', 'apkg');
const hasSeed = haveShared('seeds', '000_57467921818d95da.txt');
const START = Date.UTC(2026, 2, 10, 9, 0);

/** A fresh collection without the built-in decks. */
const fresh = (): TempApp => tempApp({ start: START, decksDir: undefined });

const fixture = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(sharedPath('fixtures', ...parts)));

function importFile(t: TempApp, fileName: string, bytes: Uint8Array | string, options: object = {}): Promise<ImportResult> {
  return stageFile(t.app.dispatch, fileName, bytes).then((stageId) => t.call<ImportResult>('import.commit', { stageId, options }));
}
function previewFile(t: TempApp, fileName: string, bytes: Uint8Array | string, options: object = {}): Promise<ImportPreview> {
  return stageFile(t.app.dispatch, fileName, bytes).then((stageId) => t.call<ImportPreview>('import.preview', { stageId, options }));
}

/** Row count of every table, and the media folder's files with their sizes. */
function snapshot(t: TempApp): { tables: Record<string, number>; media: string[] } {
  const db = t.app.services.repos.db;
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  const tables: Record<string, number> = {};
  for (const { name } of names) tables[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  const dir = join(t.dataDir, 'media');
  const media = existsSync(dir) ? readdirSync(dir).map((f) => `${f}:${readFileSync(join(dir, f)).length}`).sort() : [];
  const staging = readdirSync(t.dataDir).filter((f) => f.startsWith('.media-staging'));
  return { tables, media: [...media, ...staging.map((s) => `staging:${s}`)] };
}

function count(t: TempApp, sql: string, ...args: unknown[]): number {
  return (t.app.services.repos.db.prepare(sql).get(...args) as { n: number }).n;
}

async function expectImportFailure(p: Promise<unknown>, ...parts: Array<string | RegExp>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const message = (err as Error).message;
    expect(message).toMatch(/^import\.(commit|preview): import_failed: /);
    for (const part of parts) expect(message).toMatch(part);
    return message;
  }
  throw new Error('expected the import to fail');
}

interface Expected {
  sub: 'apkg' | 'collections' | 'csv';
  file: string;
  format: string;
  notes: number;
  cards: number;
  reviews: number;
  /** Deck path → cards. */
  decks: Record<string, number>;
  media: Record<string, number>;
  skipped?: number;
}

/** From SOURCES.md: per file notes, cards, revlog rows, decks holding cards, media files. */
const EXPECTED: Expected[] = [
  { sub: 'apkg', file: 'mujing__primary_school_words.apkg', format: 'apkg', notes: 1021, cards: 1021, reviews: 0, decks: { 苏教版小学英语单词: 1021 }, media: {} },
  { sub: 'apkg', file: 'mujing__basic_word.apkg', format: 'apkg', notes: 459, cards: 459, reviews: 0, decks: { 英语词汇学习: 459 }, media: {} },
  // Its 3 revlog rows belong to cards Anki has as new (reset since): they do not count.
  { sub: 'apkg', file: 'mujing__basic_word_new_version.apkg', format: 'apkg', notes: 459, cards: 459, reviews: 0, decks: { 英语词汇学习: 459 }, media: {} },
  { sub: 'apkg', file: 'anki__media.apkg', format: 'apkg', notes: 1, cards: 1, reviews: 0, decks: { Default: 1 }, media: { 'foo.wav': 4 } },
  { sub: 'apkg', file: 'anki__update1.apkg', format: 'apkg', notes: 1, cards: 1, reviews: 0, decks: { Default: 1 }, media: {} },
  { sub: 'apkg', file: 'anki__update2.apkg', format: 'apkg', notes: 1, cards: 1, reviews: 0, decks: { Default: 1 }, media: {} },
  { sub: 'apkg', file: 'anki__diffmodels2-1.apkg', format: 'apkg', notes: 1, cards: 1, reviews: 0, decks: { Default: 1 }, media: {} },
  { sub: 'apkg', file: 'anki__diffmodels2-2.apkg', format: 'apkg', notes: 1, cards: 2, reviews: 0, decks: { Default: 2 }, media: {} },
  {
    sub: 'apkg',
    file: 'anki__diffmodeltemplates-1.apkg',
    format: 'apkg',
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: { testdeck: 1 },
    media: { '_ViewSizeAdjustAddon.dat': 387, '_IncrementalReadingExtension.dat': 7009 },
  },
  {
    sub: 'apkg',
    file: 'anki__diffmodeltemplates-2.apkg',
    format: 'apkg',
    notes: 1,
    cards: 1,
    reviews: 0,
    decks: { testdeck: 1 },
    media: { '_ViewSizeAdjustAddon.dat': 387, '_IncrementalReadingExtension.dat': 7009 },
  },
  { sub: 'collections', file: 'anki__anki2-alpha.anki2', format: 'anki2', notes: 1, cards: 1, reviews: 0, decks: { Default: 1 }, media: {} },
  {
    sub: 'collections',
    file: 'ankipandas__few_basic_cards__collection.anki2',
    format: 'anki2',
    notes: 7,
    cards: 12,
    reviews: 6,
    decks: { Testing: 4, EnglishGerman: 8 },
    media: {},
  },
  // Delimited text: Anki's legacy importer takes 5 of anki__text-2fields' 9 records (4 rejected).
  { sub: 'csv', file: 'anki__text-2fields.txt', format: 'csv', notes: 5, cards: 5, reviews: 0, decks: { 'anki__text-2fields': 5 }, media: {}, skipped: 4 },
  { sub: 'csv', file: 'anki__text-tags.txt', format: 'csv', notes: 2, cards: 2, reviews: 0, decks: { 'anki__text-tags': 2 }, media: {}, skipped: 0 },
  { sub: 'csv', file: 'anki__text-update.txt', format: 'csv', notes: 1, cards: 1, reviews: 0, decks: { 'anki__text-update': 1 }, media: {}, skipped: 0 },
  {
    sub: 'csv',
    file: 'mojekarticky__abstraktni_umeni_notes_plain_img.txt',
    format: 'csv',
    notes: 29,
    cards: 29,
    reviews: 0,
    decks: { mojekarticky__abstraktni_umeni_notes_plain_img: 29 },
    media: {},
    skipped: 0,
  },
  {
    sub: 'csv',
    file: 'mojekarticky__literatura_notes_plain_with_notetype_deck.txt',
    format: 'csv',
    notes: 20,
    cards: 20,
    reviews: 0,
    decks: { 'Literatura - Test kartičky.': 20 },
    media: {},
    skipped: 0,
  },
  {
    sub: 'csv',
    file: 'quizlet__regular_flashcards_notif__quizlet_export_init.tsv',
    format: 'csv',
    notes: 14,
    cards: 14,
    reviews: 0,
    decks: { quizlet__regular_flashcards_notif__quizlet_export_init: 14 },
    media: {},
    skipped: 0,
  },
  // 30 records: 22 distinct fronts, 8 repeats skipped as duplicates.
  {
    sub: 'csv',
    file: 'quizlet__regular_flashcards_notif__quizlet_export_head.tsv',
    format: 'csv',
    notes: 22,
    cards: 22,
    reviews: 0,
    decks: { quizlet__regular_flashcards_notif__quizlet_export_head: 22 },
    media: {},
    skipped: 8,
  },
];

describe.skipIf(!hasFixtures)('every fixture into a fresh collection', () => {
  it('covers every fixture file', () => {
    const listed = new Set(EXPECTED.map((e) => `${e.sub}/${e.file}`));
    for (const sub of ['apkg', 'collections', 'csv'] as const) {
      for (const f of readdirSync(sharedPath('fixtures', sub))) expect(listed.has(`${sub}/${f}`), `${sub}/${f}`).toBe(true);
    }
  });

  it.each(EXPECTED.map((e) => [e.file, e] as const))('%s', async (_name, e) => {
    const t = fresh();
    try {
      const bytes = fixture(e.sub, e.file);
      const preview = await previewFile(t, e.file, bytes);
      expect(preview.format).toBe(e.format);
      expect(preview.counts).toMatchObject({ new: e.notes, updated: 0, unchanged: 0 });
      expect(preview.adds).toMatchObject({ cards: e.cards, reviews: e.reviews, media: Object.keys(e.media).length, decks: Object.keys(e.decks).length });
      if (e.skipped !== undefined) expect(preview.counts.skipped).toBe(e.skipped);
      expect(snapshot(t).tables.notes).toBe(0);

      const r = await importFile(t, e.file, bytes);
      expect(r).toMatchObject({
        format: e.format,
        notes: e.notes,
        cards: e.cards,
        reviews: e.reviews,
        media: Object.keys(e.media).length,
        decks: Object.keys(e.decks).length,
        updated: 0,
      });
      const s = snapshot(t);
      expect(s.tables).toMatchObject({ notes: e.notes, cards: e.cards, review_log: e.reviews, media: Object.keys(e.media).length, imports: 1 });
      expect(count(t, 'SELECT count(*) AS n FROM review_log r LEFT JOIN review_undo u ON u.log_id = r.id WHERE r.kind = 3 AND u.log_id IS NULL')).toBe(e.reviews);
      const decks = await t.call<{ decks: Array<{ path: string; totalCards: number }> }>('decks.list');
      expect(Object.fromEntries(decks.decks.map((d) => [d.path, d.totalCards]))).toEqual(e.decks);
      expect(s.media).toEqual(Object.entries(e.media).map(([n, size]) => `${n}:${size}`).sort());
    } finally {
      t.dispose();
    }
  });

  it('re-importing the same file changes nothing: 0 new, all unchanged', async () => {
    const t = fresh();
    try {
      for (const [sub, file, n] of [
        ['apkg', 'mujing__primary_school_words.apkg', 1021],
        ['apkg', 'anki__media.apkg', 1],
        ['csv', 'anki__text-2fields.txt', 5],
        ['collections', 'ankipandas__few_basic_cards__collection.anki2', 7],
      ] as const) {
        await importFile(t, file, fixture(sub, file));
        const before = snapshot(t);
        const again = await previewFile(t, file, fixture(sub, file));
        expect(again.counts).toMatchObject({ new: 0, updated: 0, unchanged: n });
        expect(again.adds).toEqual({ cards: 0, reviews: 0, media: 0, decks: 0 });
        const r = await importFile(t, file, fixture(sub, file));
        expect(r).toMatchObject({ notes: 0, updated: 0, unchanged: n, cards: 0, reviews: 0, media: 0, decks: 0 });
        const after = snapshot(t);
        expect(after.media).toEqual(before.media);
        expect(after.tables).toEqual({ ...before.tables, imports: (before.tables.imports ?? 0) + 1 });
      }
    } finally {
      t.dispose();
    }
  });

  it('update1 then update2 changes the note in place and keeps its review history', async () => {
    const t = fresh();
    try {
      await importFile(t, 'anki__update1.apkg', fixture('apkg', 'anki__update1.apkg'));
      const note = t.app.services.repos.db.prepare('SELECT id, content FROM notes').get() as { id: number; content: string };
      expect((JSON.parse(note.content) as RenderedNote).fields.map((f) => f.value)).toEqual(['hello', 'world']);
      const card = t.app.services.repos.db.prepare('SELECT id, deck_id FROM cards').get() as { id: number; deck_id: number };
      await t.call('review.next', { deckId: card.deck_id });
      await t.call('review.answer', { cardId: card.id, rating: 3, durationMs: 4000 });
      t.clock.advance(3_600_000);
      const stateBefore = t.app.services.repos.cards.get(card.id);

      const preview = await previewFile(t, 'anki__update2.apkg', fixture('apkg', 'anki__update2.apkg'));
      expect(preview.counts).toMatchObject({ new: 0, updated: 1, unchanged: 0 });
      expect(preview.sample[0]).toMatchObject({ status: 'updated' });
      const r = await importFile(t, 'anki__update2.apkg', fixture('apkg', 'anki__update2.apkg'));
      expect(r).toMatchObject({ notes: 0, updated: 1, cards: 0, reviews: 0 });

      const after = t.app.services.repos.db.prepare('SELECT id, content FROM notes').all() as Array<{ id: number; content: string }>;
      expect(after).toHaveLength(1);
      expect(after[0]?.id).toBe(note.id);
      expect((JSON.parse(after[0]?.content ?? '{}') as RenderedNote).fields.map((f) => f.value)).toEqual(['goodbye', 'world']);
      expect(t.app.services.repos.reviewLog.forCard(card.id).map((r) => [r.rating, r.kind])).toEqual([[3, 0]]);
      expect(t.app.services.repos.cards.get(card.id)).toEqual(stateBefore);
    } finally {
      t.dispose();
    }
  });

  it('diffmodels2-1 then -2 adds the second card to the same note', async () => {
    const t = fresh();
    try {
      await importFile(t, 'a.apkg', fixture('apkg', 'anki__diffmodels2-1.apkg'));
      const r = await importFile(t, 'b.apkg', fixture('apkg', 'anki__diffmodels2-2.apkg'));
      expect(r).toMatchObject({ notes: 0, updated: 1, cards: 1 });
      expect(snapshot(t).tables).toMatchObject({ notes: 1, cards: 2 });
    } finally {
      t.dispose();
    }
  });

  it('Anki review history becomes imported review-log rows; the cards keep Anki’s type and get the replayed FSRS state', async () => {
    const t = fresh();
    try {
      await importFile(t, 'c.anki2', fixture('collections', 'ankipandas__few_basic_cards__collection.anki2'));
      const db = t.app.services.repos.db;
      const rows = db.prepare('SELECT r.card_id, r.reviewed_at, r.rating, r.state_before, r.kind, u.card_before FROM review_log r LEFT JOIN review_undo u ON u.log_id = r.id ORDER BY r.card_id, r.reviewed_at').all() as Array<{
        card_id: number;
        reviewed_at: number;
        rating: number;
        state_before: number;
        kind: number;
        card_before: string | null;
      }>;
      // SOURCES.md: the 6 revlog rows, per card in time order.
      expect(rows.map((r) => [r.reviewed_at, r.rating])).toEqual(
        expect.arrayContaining([
          [1556706362847, 2],
          [1556706368375, 3],
          [1556706364311, 1],
          [1556706367587, 2],
          [1556706369382, 3],
          [1556706365853, 3],
        ]),
      );
      expect(rows.every((r) => r.kind === 3 && r.card_before === null)).toBe(true);
      // All answers of a card fall on one day (0 elapsed days): FSRS's same-day formula after the first.
      const memoryModel = fsrs(generatorParameters({ enable_short_term: true }));
      const byCard = new Map<number, typeof rows>();
      for (const r of rows) byCard.set(r.card_id, [...(byCard.get(r.card_id) ?? []), r]);
      expect(byCard.size).toBe(3);
      for (const [cardId, history] of byCard) {
        let memory: FSRSState | null = null;
        for (const [i, h] of history.entries()) {
          // Every row is a learning answer (revlog type 0): the first from a new card.
          expect(h.state_before).toBe(i === 0 ? 0 : 1);
          memory = memoryModel.next_state(memory, 0, h.rating);
        }
        const card = t.app.services.repos.cards.get(cardId);
        // Anki has these as review cards (type 2) with 3–5 day intervals.
        expect(card).toMatchObject({ state: 2, reps: history.length });
        expect(card?.stability).toBeCloseTo(memory?.stability ?? NaN, 9);
        expect(card?.difficulty).toBeCloseTo(memory?.difficulty ?? NaN, 9);
        expect([3, 4, 5]).toContain(card?.scheduledDays);
      }
      // Cards without history stay new.
      expect(count(t, 'SELECT count(*) AS n FROM cards WHERE state = 0 AND reps = 0')).toBe(9);
    } finally {
      t.dispose();
    }
  });

  it('stores media under the data folder, serves it with media.get, and shows it in the preview', async () => {
    const t = fresh();
    try {
      const preview = await previewFile(t, 'anki__media.apkg', fixture('apkg', 'anki__media.apkg'));
      expect(preview.sample[0]?.front).toContain('[sound:foo.wav]');
      expect(preview.sampleMedia.map((m) => [m.name, m.mime, Buffer.from(m.dataBase64, 'base64').length])).toEqual([['foo.wav', 'audio/wav', 4]]);
      await importFile(t, 'anki__media.apkg', fixture('apkg', 'anki__media.apkg'));
      const file = await t.call<MediaFile>('media.get', { name: 'foo.wav' });
      expect(file.mime).toBe('audio/wav');
      expect(Buffer.from(file.dataBase64, 'base64')).toEqual(readFileSync(join(t.dataDir, 'media', 'foo.wav')));
      expect(Buffer.from(file.dataBase64, 'base64').length).toBe(4);
      await expect(t.call('media.get', { name: 'missing.png' })).rejects.toThrow(/not_found/);
      await expect(t.call('media.get', { name: '../retain.db' })).rejects.toThrow(/not_found/);
    } finally {
      t.dispose();
    }
  });

  it('reports duplicate fronts in one deck as warnings and imports them anyway', async () => {
    const t = fresh();
    try {
      const p = await previewFile(t, 'w.apkg', fixture('apkg', 'mujing__basic_word.apkg'));
      expect(p.warningCount).toBe(2);
      expect(p.warnings[0]?.reason).toMatch(/^duplicate front of note note \d+ \(imported anyway\)$/);
      expect(p.counts.new).toBe(459);
    } finally {
      t.dispose();
    }
  });

  it('CSV: detects the mapping of an Anki notes export and honours a changed one', async () => {
    const t = fresh();
    try {
      const lit = fixture('csv', 'mojekarticky__literatura_notes_plain_with_notetype_deck.txt');
      const p = await previewFile(t, 'lit.txt', lit);
      expect(p.csv).toMatchObject({ delimiter: '\t', hasHeader: false, columnCount: 5, mapping: { notetype: 0, deck: 1, front: 2, back: 3, tags: 4 } });
      expect(p.decks).toEqual(['Literatura - Test kartičky.']);

      const tags = fixture('csv', 'anki__text-tags.txt');
      const detected = await previewFile(t, 'tags.txt', tags);
      expect(detected.csv?.mapping).toEqual({ front: 0, back: 1, tags: 2 });
      const swapped = await previewFile(t, 'tags.txt', tags, { csv: { mapping: { front: 1, back: 0 } } });
      expect(swapped.csv?.mapping).toEqual({ front: 1, back: 0 });
      expect(swapped.sample.map((s) => [s.front, s.back, s.tags])).toEqual([
        ['bar', 'foo', []],
        ['bar2', 'foo2', []],
      ]);
      const r = await importFile(t, 'tags.txt', tags, { csv: { mapping: { front: 1, back: 0 } }, deckName: 'Lang :: Words' });
      expect(r).toMatchObject({ notes: 2, decks: 2, deckIds: [{ path: 'Lang::Words' }] });
      const decks = await t.call<{ decks: Array<{ path: string; totalCards: number }> }>('decks.list');
      expect(decks.decks.map((d) => [d.path, d.totalCards])).toEqual([
        ['Lang', 2],
        ['Lang::Words', 2],
      ]);
    } finally {
      t.dispose();
    }
  });

  it('deckName puts every card of a multi-deck file into one deck', async () => {
    const t = fresh();
    try {
      const r = await importFile(t, 'c.anki2', fixture('collections', 'ankipandas__few_basic_cards__collection.anki2'), { deckName: 'German' });
      expect(r).toMatchObject({ notes: 7, cards: 12, decks: 1 });
      expect(count(t, "SELECT count(*) AS n FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.name = 'German'")).toBe(12);
    } finally {
      t.dispose();
    }
  });
});

describe('formats without fixtures', () => {
  let t: TempApp;
  beforeAll(() => {
    t = fresh();
  });
  afterAll(() => t.dispose());

  it('detects formats by extension and content', () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4]);
    const sqlite = strToU8('SQLite format 3\0');
    expect(detectImportFormat('x.apkg', strToU8('junk'))).toBe('apkg');
    expect(detectImportFormat('x.bin', zip)).toBe('apkg');
    expect(detectImportFormat('x.db', sqlite)).toBe('anki2');
    expect(detectImportFormat('x.anki21', strToU8('junk'))).toBe('anki2');
    expect(detectImportFormat('x.md', strToU8('# T'))).toBe('markdown');
    expect(detectImportFormat('x.txt', strToU8(' {"format": "retain-deck", "notes": []}'))).toBe('retain-json');
    expect(detectImportFormat('x.txt', strToU8('{a}\tb'))).toBe('csv');
    expect(detectImportFormat('x.csv', strToU8('a,b'))).toBe('csv');
  });

  it('imports a built-in deck file as Retain JSON; the same notes are unchanged in a collection that has them', async () => {
    const file = readdirSync(DECKS_DIR).find((f) => f.endsWith('.json') && !f.endsWith('.schema.json')) ?? '';
    const text = readFileSync(join(DECKS_DIR, file), 'utf8');
    const deck = JSON.parse(text) as { notes: unknown[] };
    const r = await importFile(t, file, text);
    expect(r).toMatchObject({ format: 'retain-json', notes: deck.notes.length, updated: 0 });
    const withBuiltins = tempApp({ start: START });
    try {
      const p = await previewFile(withBuiltins, file, text);
      expect(p.counts).toEqual({ new: 0, updated: 0, unchanged: deck.notes.length, skipped: 0 });
    } finally {
      withBuiltins.dispose();
    }
  });

  it.skipIf(!hasSeed)('creates a deck from a Markdown document', async () => {
    const md = readFileSync(sharedPath('seeds', '000_57467921818d95da.txt'), 'utf8');
    const generated = generateDeckFromMarkdown(md, { fileName: 'lambda-notes.md' });
    const p = await previewFile(t, 'lambda-notes.md', md);
    expect(p.format).toBe('markdown');
    expect(p.counts.new).toBe(generated.notes.length);
    expect(p.sample[0]?.format).toBe('markdown');
    const r = await importFile(t, 'lambda-notes.md', md);
    expect(r.notes).toBe(generated.notes.length);
    expect(r.deckIds.map((d) => d.path)).toEqual([generated.deck.path ?? generated.deck.title]);
  });

  it('a Markdown problem names the line', async () => {
    await expectImportFailure(previewFile(t, 'empty.md', 'no heading here\n'), /empty\.md \(line 1\): document has no heading/);
  });

  it('keeps the Anki suspended flag and strips scripts and event handlers from imported HTML', async () => {
    const notes: ExportNote[] = [
      {
        id: 1_700_000_000_000,
        guid: 'susp-1',
        noteType: 'Basic',
        fields: [
          { name: 'Front', value: 'Capital <img src="x.png" onerror="alert(1)"><script>alert(2)</script>' },
          { name: 'Back', value: '<a href="javascript:alert(3)" onclick="x()">Paris</a>' },
        ],
        cards: [{ id: 1_700_000_000_001, ord: 0, deckPath: 'Geo', due: START, state: 0, scheduledDays: 0, reps: 0, lapses: 0, suspended: true, stability: 0, difficulty: 0 }],
        tags: ['geo'],
        modifiedAt: START,
      },
    ];
    const apkg = writeAnkiPackage({ notes, reviews: [], media: [], createdAt: START }, tmpdir());
    await importFile(t, 'susp.apkg', apkg);
    const row = t.app.services.repos.db.prepare("SELECT n.content, c.suspended FROM notes n JOIN cards c ON c.note_id = n.id WHERE n.guid = 'susp-1'").get() as {
      content: string;
      suspended: number;
    };
    expect(row.suspended).toBe(1);
    expect(row.content).not.toMatch(/<script|onerror|onclick|javascript:/i);
    expect(row.content).toContain('<img src=\\"x.png\\">');
    expect(stripActiveHtml('<p onmouseover=\'a()\' class="x">t</p><SCRIPT src=a.js></SCRIPT>')).toBe('<p class="x">t</p>');
  });

  it('a media name already used by another file is renamed, and the note refers to the new name', async () => {
    const pkg = (guid: string, data: string): Uint8Array =>
      writeAnkiPackage(
        {
          notes: [
            {
              id: 1_700_000_100_000,
              guid,
              noteType: 'Basic',
              fields: [
                { name: 'Front', value: `${guid} <img src="pic.png">` },
                { name: 'Back', value: '[sound:pic.png]' },
              ],
              cards: [{ id: 1_700_000_100_001, ord: 0, deckPath: 'Pics', due: START, state: 0, scheduledDays: 0, reps: 0, lapses: 0, suspended: false, stability: 0, difficulty: 0 }],
              tags: [],
              modifiedAt: START,
            },
          ],
          reviews: [],
          media: [{ name: 'pic.png', data: strToU8(data) }],
          createdAt: START,
        },
        tmpdir(),
      );
    expect(await importFile(t, 'p1.apkg', pkg('pic-a', 'first picture'))).toMatchObject({ notes: 1, media: 1 });
    const p = await previewFile(t, 'p2.apkg', pkg('pic-b', 'second picture'));
    const renamed = p.sampleMedia[0]?.name ?? '';
    expect(renamed).toMatch(/^pic-[0-9a-f]{8}\.png$/);
    expect(p.sample[0]?.front).toContain(`src="${renamed}"`);
    expect(p.sample[0]?.back).toContain(`[sound:${renamed}]`);
    expect(await importFile(t, 'p2.apkg', pkg('pic-b', 'second picture'))).toMatchObject({ notes: 1, media: 1 });
    expect(readFileSync(join(t.dataDir, 'media', 'pic.png'), 'utf8')).toBe('first picture');
    expect(readFileSync(join(t.dataDir, 'media', renamed), 'utf8')).toBe('second picture');
    // The same file again is recognised: no new media.
    expect(await importFile(t, 'p3.apkg', pkg('pic-c', 'first picture'))).toMatchObject({ notes: 1, media: 0 });
  });

  it('refuses a file over the 100 MiB limit with a clear message', async () => {
    const big = new Uint8Array(100 * 1024 * 1024 + 1);
    await expect(t.app.services.imports.preview({ fileName: 'huge.csv', bytes: big })).rejects.toThrow(/^huge\.csv: the file is 100\.1 MiB, more than the 100 MiB import limit$/);
    const r = await t.app.dispatch('import.stage', { fileName: 'huge.csv', data: big.buffer });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toMatch(/data: the file is larger than the 100 MiB import limit/);
  });
});

describe('a failed import writes nothing', () => {
  let t: TempApp;
  beforeAll(async () => {
    t = tempApp({ start: START });
    const lines = Array.from({ length: 50 }, (_, i) => `front ${i}\tback ${i}`).join('\n');
    await importFile(t, 'seed.tsv', lines);
    if (hasFixtures) await importFile(t, 'anki__media.apkg', fixture('apkg', 'anki__media.apkg'));
  });
  afterAll(() => t.dispose());

  const cases: Array<[string, () => Uint8Array, RegExp[]]> = [
    [
      'an .apkg whose collection is not SQLite',
      () => zipSync({ 'collection.anki2': strToU8('this is not a database at all'.repeat(10)), media: strToU8('{}') }),
      [/bad\.apkg \(collection\.anki2\): not an SQLite database/],
    ],
    ['a CSV with an unterminated quote', () => strToU8('a\tb\nc\t"open\nd\te\n'), [/bad\.csv \(line 2\): unterminated quoted field/]],
    [
      'a zip with a ../ entry',
      () => zipSync({ '../evil.txt': strToU8('x'), 'collection.anki2': strToU8('y') }),
      [/bad\.apkg \(\.\.\/evil\.txt\): entry name contains "\.\."/],
    ],
    ['a Retain deck with a broken note', () => strToU8('{"format":"retain-deck","formatVersion":1,"deck":{"id":"d","title":"D","version":1},"notes":[{"id":"a","kind":"basic"}]}'), [/bad\.json \(note 1, section\): is missing/]],
    ['a binary file that is no known format', () => new Uint8Array([1, 2, 0, 3, 255, 254]), [/bad\.bin: not a text file/]],
  ];

  it.each(cases)('%s', async (_label, make, patterns) => {
    const before = snapshot(t);
    const bytes = make();
    const ext = _label.includes('CSV') ? 'csv' : _label.includes('Retain') ? 'json' : _label.includes('binary') ? 'bin' : 'apkg';
    await expectImportFailure(previewFile(t, `bad.${ext}`, bytes), ...patterns);
    await expectImportFailure(importFile(t, `bad.${ext}`, bytes), ...patterns);
    expect(snapshot(t)).toEqual(before);
  });

  it('a failure while writing rolls back notes, cards, history and media files', async () => {
    const before = snapshot(t);
    const imports = t.app.services.repos.imports;
    const record = imports.record;
    imports.record = () => {
      throw new Error('disk full');
    };
    try {
      const bytes = hasFixtures
        ? fixture('collections', 'ankipandas__few_basic_cards__collection.anki2')
        : strToU8(Array.from({ length: 5000 }, (_, i) => `q${i}\ta${i}`).join('\n'));
      const name = hasFixtures ? 'late.anki2' : 'late.tsv';
      await expectImportFailure(importFile(t, name, bytes), new RegExp(`${name.replace('.', '\\.')}: disk full`));
      const pkg = writeAnkiPackage(
        {
          notes: [
            {
              id: 1_700_000_200_000,
              guid: 'late-media',
              noteType: 'Basic',
              fields: [
                { name: 'Front', value: '<img src="late.png">' },
                { name: 'Back', value: 'b' },
              ],
              cards: [{ id: 1_700_000_200_001, ord: 0, deckPath: 'Late', due: START, state: 0, scheduledDays: 0, reps: 0, lapses: 0, suspended: false, stability: 0, difficulty: 0 }],
              tags: [],
              modifiedAt: START,
            },
          ],
          reviews: [],
          media: [{ name: 'late.png', data: strToU8('png bytes') }],
          createdAt: START,
        },
        tmpdir(),
      );
      await expectImportFailure(importFile(t, 'late.apkg', pkg), /late\.apkg: disk full/);
    } finally {
      imports.record = record;
    }
    expect(snapshot(t)).toEqual(before);
    // The collection still works, and the import goes through once the fault is gone.
    expect((await importFile(t, 'ok.tsv', 'x\ty\n')).notes).toBe(1);
  });
});

describe('progress while a large import is written', () => {
  it('reports writing progress, keeps other calls out, and ends done', async () => {
    const t = fresh();
    try {
      const text = Array.from({ length: 9000 }, (_, i) => `question ${i}\tanswer ${i}`).join('\n');
      const commit = t.app.dispatch('import.commit', { stageId: await stageFile(t.app.dispatch, 'big.tsv', text), jobId: 'job-1' });
      const seen: ImportProgress[] = [];
      // The file is read in a worker thread: calls are answered meanwhile; once writing starts they wait.
      let blocked: Awaited<ReturnType<typeof t.app.dispatch>> | undefined;
      // Starting the reader thread may take a while on a busy machine: poll by time, not by count.
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const r = await t.app.dispatch('import.progress', { jobId: 'job-1' });
        if (!r.ok) throw new Error(r.error.message);
        const p = r.value as ImportProgress;
        seen.push(p);
        if (p.state === 'writing' && !blocked) blocked = await t.app.dispatch('decks.list', {});
        if (p.state === 'done' || p.state === 'failed') break;
        await new Promise((res) => setImmediate(res));
      }
      const done = await commit;
      expect(done).toMatchObject({ ok: true, value: { notes: 9000 } });
      expect(blocked).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const writing = seen.filter((p) => p.state === 'writing');
      expect(writing.length).toBeGreaterThan(0);
      expect(writing[0]?.done).toBeLessThan(writing[0]?.total ?? 0);
      expect(seen.at(-1)).toMatchObject({ jobId: 'job-1', state: 'done' });
      expect(await t.call('import.progress', { jobId: 'nope' })).toMatchObject({ state: 'unknown' });
      expect((await t.app.dispatch('decks.list', {})).ok).toBe(true);
    } finally {
      t.dispose();
    }
  });
});

describe('property: random and mutated files end in a clear error or a correct import', () => {
  let t: TempApp;
  const seeds: Array<{ name: string; bytes: Uint8Array }> = [];
  beforeAll(() => {
    t = fresh();
    seeds.push({ name: 'cards.tsv', bytes: strToU8('#separator:tab\n#html:true\nfront 1\t<b>back</b> 1\ttag1\nfront 2\tback 2\t\n"quoted\tfront"\tb3\t\n') });
    seeds.push({ name: 'notes.md', bytes: strToU8('# Topic\n\n## Part one\n\n| Item | Value |\n|---|---|\n| A | 1 |\n| B | 2 |\n\n- **First**: one\n- **Second**: two\n') });
    const file = readdirSync(DECKS_DIR).find((f) => f.endsWith('.json') && !f.endsWith('.schema.json')) ?? '';
    const deck = JSON.parse(readFileSync(join(DECKS_DIR, file), 'utf8')) as { notes: unknown[] };
    seeds.push({ name: 'deck.json', bytes: strToU8(JSON.stringify({ ...deck, notes: deck.notes.slice(0, 3) })) });
    seeds.push({
      name: 'pkg.apkg',
      bytes: writeAnkiPackage(
        {
          notes: [
            {
              id: 1_700_000_300_000,
              guid: 'prop-1',
              noteType: 'Basic',
              fields: [
                { name: 'Front', value: 'f <img src="m.png">' },
                { name: 'Back', value: 'b' },
              ],
              cards: [{ id: 1_700_000_300_001, ord: 0, deckPath: 'P', due: START, state: 2, scheduledDays: 3, reps: 2, lapses: 0, suspended: false, stability: 3, difficulty: 5 }],
              tags: ['t'],
              modifiedAt: START,
            },
          ],
          reviews: [{ cardId: 1_700_000_300_001, reviewedAt: START - 86_400_000, rating: 3, durationMs: 2000, scheduledDays: 3, lastScheduledDays: 0, state: 0 }],
          media: [{ name: 'm.png', data: strToU8('png') }],
          createdAt: START,
        },
        tmpdir(),
      ),
    });
  });
  afterAll(() => t.dispose());

  it('never crashes and never writes part of a file', async () => {
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'set', 'truncate', 'insert', 'delete'), value: fc.integer({ min: 0, max: 255 }) });
    const input = fc.oneof(
      fc.record({ seed: fc.nat(), edits: fc.array(edit, { minLength: 0, maxLength: 4 }), ext: fc.constant('') }),
      fc.record({ seed: fc.constant(-1), edits: fc.constant([]), ext: fc.constantFrom('.apkg', '.csv', '.json', '.md', '.anki2', '.bin'), raw: fc.uint8Array({ maxLength: 300 }) }),
    );
    await fc.assert(
      fc.asyncProperty(input, async (c) => {
        let name: string;
        let bytes: Uint8Array;
        if (c.seed < 0) {
          name = `random${c.ext}`;
          bytes = (c as { raw: Uint8Array }).raw;
        } else {
          const s = seeds[c.seed % seeds.length] as { name: string; bytes: Uint8Array };
          name = s.name;
          bytes = s.bytes.slice();
          for (const e of c.edits) {
            if (bytes.length === 0) break;
            const i = e.at % bytes.length;
            if (e.kind === 'flip') bytes[i] = (bytes[i] ?? 0) ^ (1 << (e.value % 8));
            else if (e.kind === 'set') bytes[i] = e.value;
            else if (e.kind === 'truncate') bytes = bytes.slice(0, i);
            else if (e.kind === 'insert') bytes = new Uint8Array([...bytes.subarray(0, i), e.value, ...bytes.subarray(i)]);
            else bytes = new Uint8Array([...bytes.subarray(0, i), ...bytes.subarray(i + 1)]);
          }
        }
        const before = snapshot(t);
        let preview: ImportPreview | undefined;
        try {
          preview = await t.app.services.imports.preview({ fileName: name, bytes });
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('import_failed');
          expect((err as AppError).message).toContain(name);
        }
        try {
          const r = await t.app.services.imports.commit({ fileName: name, bytes });
          expect(preview, 'commit succeeded where preview failed').toBeDefined();
          const after = snapshot(t);
          expect(r.notes).toBe(preview?.counts.new);
          expect(r.updated).toBe(preview?.counts.updated);
          expect((after.tables.notes ?? 0) - (before.tables.notes ?? 0)).toBe(r.notes);
          expect((after.tables.cards ?? 0) - (before.tables.cards ?? 0)).toBe(r.cards);
          expect((after.tables.review_log ?? 0) - (before.tables.review_log ?? 0)).toBe(r.reviews);
          expect((after.tables.media ?? 0) - (before.tables.media ?? 0)).toBe(r.media);
          expect(after.media.length - before.media.length).toBe(r.media);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          expect(err.code).toBe('import_failed');
          expect(err.message).toContain(name);
          expect(preview, 'preview succeeded where commit failed').toBeUndefined();
          expect(snapshot(t)).toEqual(before);
        }
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});
