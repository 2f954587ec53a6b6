import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ankiFieldChecksum, writeAnkiPackage } from '../../src/main/interchange/anki/write-anki-package';
import type { ExportCard, ExportNote, ExportReview } from '../../src/main/interchange/anki/write-anki-package';

const DAY = 86_400_000;
const CREATED = Date.UTC(2025, 0, 15, 12, 0, 0);
const CREATED_DAY_START_S = Date.UTC(2025, 0, 15) / 1000;

function card(partial: Partial<ExportCard> & Pick<ExportCard, 'id' | 'ord' | 'deckPath'>): ExportCard {
  return {
    due: CREATED,
    state: 0,
    scheduledDays: 0,
    reps: 0,
    lapses: 0,
    suspended: false,
    stability: 0,
    difficulty: 0,
    ...partial,
  };
}

const notes: ExportNote[] = [
  {
    id: 101,
    guid: 'guid-basic-1',
    noteType: 'Basic',
    fields: [
      { name: 'Front', value: '<b>hello</b>' },
      { name: 'Back', value: 'world' },
    ],
    cards: [card({ id: 1001, ord: 0, deckPath: 'A' })],
    tags: ['greeting', 'two words'],
    modifiedAt: CREATED - 5000,
  },
  {
    id: 102,
    guid: 'guid-basic-2',
    noteType: 'Basic',
    fields: [
      { name: 'Front', value: 'Capital of France' },
      { name: 'Back', value: 'Paris <img src="paris.png">' },
    ],
    cards: [
      card({
        id: 1002,
        ord: 0,
        deckPath: 'A::B',
        state: 2,
        due: CREATED + 5 * DAY,
        scheduledDays: 12,
        reps: 4,
        lapses: 1,
        stability: 12.5,
        difficulty: 5.25,
      }),
      card({ id: 1003, ord: 1, deckPath: 'A::B', state: 1, due: CREATED + 600_000, reps: 1, suspended: true, stability: 0.4, difficulty: 6 }),
    ],
    tags: [],
    modifiedAt: CREATED,
  },
  {
    id: 103,
    guid: 'guid-cloze-1',
    noteType: 'Cloze',
    cloze: true,
    fields: [
      { name: 'Text', value: '{{c1::Lambda}} runs {{c2::functions}}' },
      { name: 'Extra', value: '' },
    ],
    cards: [
      card({ id: 1004, ord: 0, deckPath: 'A' }),
      card({ id: 1005, ord: 1, deckPath: 'A', state: 3, due: CREATED + 600_000, reps: 6, lapses: 2, stability: 2, difficulty: 7 }),
    ],
    tags: ['cloze'],
    modifiedAt: CREATED,
  },
  {
    id: 104,
    guid: 'guid-custom-1',
    noteType: 'Basic',
    fields: [
      { name: 'Question', value: 'Q?' },
      { name: 'Answer', value: 'A!' },
    ],
    templates: [{ name: 'Ask', front: 'Q: {{Question}}', back: '{{FrontSide}}<hr id=answer>{{Answer}}' }],
    cards: [card({ id: 1006, ord: 0, deckPath: 'A' })],
    tags: [],
    modifiedAt: CREATED,
  },
];

const T1 = CREATED - 20 * DAY;
const T2 = CREATED - 10 * DAY;
const reviews: ExportReview[] = [
  { cardId: 1002, reviewedAt: T2, rating: 1, durationMs: 5000, scheduledDays: 0, lastScheduledDays: 10, state: 2 },
  { cardId: 1002, reviewedAt: T1, rating: 3, durationMs: 8000, scheduledDays: 0, lastScheduledDays: 0, state: 0 },
  { cardId: 1002, reviewedAt: T2, rating: 3, durationMs: 70_000, scheduledDays: 12, lastScheduledDays: 0, state: 3 },
  { cardId: 9999, reviewedAt: T1, rating: 4, durationMs: 1000, scheduledDays: 3, lastScheduledDays: 0, state: 1 },
];

const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const mp3Bytes = new Uint8Array([0x49, 0x44, 0x33, 9, 9]);

interface ModelJson {
  id: number;
  name: string;
  type: number;
  sortf: number;
  did: number;
  css: string;
  req: unknown[];
  flds: Array<{ name: string; ord: number }>;
  tmpls: Array<{ name: string; ord: number; qfmt: string; afmt: string }>;
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'retain-export-test-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

function openCollection(zip: Record<string, Uint8Array>): Database.Database {
  const bytes = zip['collection.anki2'];
  expect(bytes).toBeDefined();
  const file = join(work, 'opened.anki2');
  writeFileSync(file, bytes as Uint8Array);
  return new Database(file, { readonly: true });
}

describe('writeAnkiPackage', () => {
  it('writes a schema-11 collection, media map and media files', () => {
    const tmpDir = mkdtempSync(join(work, 'scratch-'));
    const bytes = writeAnkiPackage(
      {
        notes,
        reviews,
        media: [
          { name: 'paris.png', data: pngBytes },
          { name: 'sound.mp3', data: mp3Bytes },
        ],
        createdAt: CREATED,
      },
      tmpDir,
    );
    // The temporary collection is gone.
    expect(readdirSync(tmpDir)).toEqual([]);

    const zip = unzipSync(bytes);
    expect(Object.keys(zip).sort()).toEqual(['0', '1', 'collection.anki2', 'media']);
    expect(JSON.parse(strFromU8(zip['media'] as Uint8Array))).toEqual({ '0': 'paris.png', '1': 'sound.mp3' });
    expect(Array.from(zip['0'] as Uint8Array)).toEqual(Array.from(pngBytes));
    expect(Array.from(zip['1'] as Uint8Array)).toEqual(Array.from(mp3Bytes));

    const db = openCollection(zip);
    try {
      // Schema objects.
      const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{
        type: string;
        name: string;
      }>;
      expect(objects.filter((o) => o.type === 'table').map((o) => o.name)).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
      expect(objects.filter((o) => o.type === 'index').map((o) => o.name)).toEqual([
        'ix_cards_nid',
        'ix_cards_sched',
        'ix_cards_usn',
        'ix_notes_csum',
        'ix_notes_usn',
        'ix_revlog_cid',
        'ix_revlog_usn',
      ]);
      const cardCols = (db.prepare('PRAGMA table_info(cards)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(cardCols).toEqual([
        'id', 'nid', 'did', 'ord', 'mod', 'usn', 'type', 'queue', 'due', 'ivl', 'factor', 'reps', 'lapses', 'left', 'odue', 'odid', 'flags', 'data',
      ]);
      const revCols = (db.prepare('PRAGMA table_info(revlog)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(revCols).toEqual(['id', 'cid', 'usn', 'ease', 'ivl', 'lastIvl', 'factor', 'time', 'type']);

      // col row.
      const col = db.prepare('SELECT * FROM col').get() as Record<string, number | string>;
      expect(col['id']).toBe(1);
      expect(col['ver']).toBe(11);
      expect(col['crt']).toBe(CREATED_DAY_START_S);
      expect(col['mod']).toBe(CREATED);
      expect(col['scm']).toBe(CREATED);
      expect((db.prepare('SELECT count(*) AS n FROM col').get() as { n: number }).n).toBe(1);

      const conf = JSON.parse(col['conf'] as string) as Record<string, unknown>;
      expect(conf['nextPos']).toBe(4);
      expect(conf['schedVer']).toBe(2);

      // Note types.
      const models = Object.values(JSON.parse(col['models'] as string) as Record<string, ModelJson>);
      expect(models.map((m) => m.name).sort()).toEqual(['Basic', 'Basic (2)', 'Cloze']);
      const basic = models.find((m) => m.name === 'Basic') as ModelJson;
      const custom = models.find((m) => m.name === 'Basic (2)') as ModelJson;
      const cloze = models.find((m) => m.name === 'Cloze') as ModelJson;
      expect(basic.type).toBe(0);
      expect(basic.sortf).toBe(0);
      expect(basic.flds.map((f) => [f.name, f.ord])).toEqual([['Front', 0], ['Back', 1]]);
      expect(basic.tmpls).toHaveLength(2);
      expect(basic.tmpls[0]?.qfmt).toBe('{{Front}}');
      expect(basic.tmpls[0]?.afmt).toContain('{{FrontSide}}');
      expect(basic.tmpls[0]?.afmt).toContain('<hr id=answer>');
      expect(basic.tmpls[0]?.afmt).toContain('{{Back}}');
      expect(basic.tmpls[1]?.qfmt).toBe('{{Back}}');
      expect(basic.req).toEqual([[0, 'any', [0]], [1, 'any', [1]]]);
      expect(basic.css).toContain('.card');
      expect(cloze.type).toBe(1);
      expect(cloze.tmpls).toHaveLength(1);
      expect(cloze.tmpls[0]?.qfmt).toBe('{{cloze:Text}}');
      expect(cloze.tmpls[0]?.afmt).toContain('{{cloze:Text}}');
      expect(cloze.tmpls[0]?.afmt).toContain('{{Extra}}');
      expect(cloze.flds.map((f) => f.name)).toEqual(['Text', 'Extra']);
      expect(custom.flds.map((f) => f.name)).toEqual(['Question', 'Answer']);
      expect(custom.tmpls).toEqual([
        expect.objectContaining({ name: 'Ask', ord: 0, qfmt: 'Q: {{Question}}', afmt: '{{FrontSide}}<hr id=answer>{{Answer}}' }),
      ]);
      expect(new Set(models.map((m) => m.id)).size).toBe(3);

      // Decks.
      const decks = Object.values(JSON.parse(col['decks'] as string) as Record<string, { id: number; name: string; conf: number; dyn: number }>);
      const deckId = new Map(decks.map((d) => [d.name, d.id]));
      expect([...deckId.keys()].sort()).toEqual(['A', 'A::B', 'Default']);
      expect(deckId.get('Default')).toBe(1);
      expect(new Set(deckId.values()).size).toBe(3);
      for (const d of decks) {
        expect(d.conf).toBe(1);
        expect(d.dyn).toBe(0);
      }
      const dconf = JSON.parse(col['dconf'] as string) as Record<string, { id: number; name: string }>;
      expect(dconf['1']?.id).toBe(1);
      expect(dconf['1']?.name).toBe('Default');
      expect(Object.keys(JSON.parse(col['tags'] as string) as object).sort()).toEqual(['cloze', 'greeting', 'two_words']);

      // Notes.
      const noteRows = db.prepare('SELECT * FROM notes ORDER BY id').all() as Array<Record<string, number | string>>;
      expect(noteRows.map((n) => n['id'])).toEqual([101, 102, 103, 104]);
      const [n1, n2, n3, n4] = noteRows as [Record<string, number | string>, Record<string, number | string>, Record<string, number | string>, Record<string, number | string>];
      expect(n1['guid']).toBe('guid-basic-1');
      expect(n1['mid']).toBe(basic.id);
      expect(n1['flds']).toBe('<b>hello</b>\x1fworld');
      expect(n1['sfld']).toBe('hello');
      // sha1("hello") = aaf4c61d…, so the checksum is 0xaaf4c61d.
      expect(n1['csum']).toBe(0xaaf4c61d);
      expect(n1['csum']).toBe(2868168221);
      expect(n1['tags']).toBe(' greeting two_words ');
      expect(n1['mod']).toBe(Math.floor((CREATED - 5000) / 1000));
      expect(n1['usn']).toBe(-1);
      expect(n2['sfld']).toBe('Capital of France');
      expect(n2['csum']).toBe(parseInt(createHash('sha1').update('Capital of France').digest('hex').slice(0, 8), 16));
      expect(n2['tags']).toBe('');
      expect(n3['mid']).toBe(cloze.id);
      expect(n3['sfld']).toBe('{{c1::Lambda}} runs {{c2::functions}}');
      expect(n4['mid']).toBe(custom.id);

      // Cards.
      const cards = new Map(
        (db.prepare('SELECT * FROM cards').all() as Array<Record<string, number | string>>).map((c) => [c['id'] as number, c]),
      );
      expect(cards.size).toBe(6);
      const c1001 = cards.get(1001) as Record<string, number | string>;
      expect([c1001['nid'], c1001['did'], c1001['ord'], c1001['type'], c1001['queue'], c1001['due'], c1001['ivl']]).toEqual([
        101, deckId.get('A'), 0, 0, 0, 1, 0,
      ]);
      expect(c1001['data']).toBe('');
      const c1002 = cards.get(1002) as Record<string, number | string>;
      expect([c1002['did'], c1002['type'], c1002['queue'], c1002['due'], c1002['ivl'], c1002['factor'], c1002['reps'], c1002['lapses']]).toEqual([
        deckId.get('A::B'), 2, 2, 5, 12, 2500, 4, 1,
      ]);
      expect(c1002['due']).toBe(Math.floor((CREATED + 5 * DAY - CREATED_DAY_START_S * 1000) / DAY));
      expect(JSON.parse(c1002['data'] as string)).toEqual({ s: 12.5, d: 5.25 });
      const c1003 = cards.get(1003) as Record<string, number | string>;
      expect([c1003['ord'], c1003['type'], c1003['queue'], c1003['due']]).toEqual([1, 1, -1, Math.floor((CREATED + 600_000) / 1000)]);
      const c1004 = cards.get(1004) as Record<string, number | string>;
      expect([c1004['nid'], c1004['ord'], c1004['type'], c1004['queue'], c1004['due']]).toEqual([103, 0, 0, 0, 2]);
      const c1005 = cards.get(1005) as Record<string, number | string>;
      expect([c1005['ord'], c1005['type'], c1005['queue'], c1005['due'], c1005['lapses']]).toEqual([
        1, 3, 1, Math.floor((CREATED + 600_000) / 1000), 2,
      ]);
      expect((cards.get(1006) as Record<string, number>)['due']).toBe(3);
      for (const c of cards.values()) {
        expect([c['odue'], c['odid'], c['flags']]).toEqual([0, 0, 0]);
      }

      // Review log: sorted by time, collision bumped by 1 ms, unknown card dropped.
      const rev = db.prepare('SELECT * FROM revlog ORDER BY id').all() as Array<Record<string, number>>;
      expect(rev.map((r) => [r['id'], r['cid'], r['ease'], r['ivl'], r['lastIvl'], r['time'], r['type']])).toEqual([
        [T1, 1002, 3, 0, 0, 8000, 0],
        [T2, 1002, 1, 0, 10, 5000, 1],
        [T2 + 1, 1002, 3, 12, 0, 60_000, 2],
      ]);
      expect((db.prepare('SELECT count(*) AS n FROM graves').get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('moves crt back so an overdue review card gets a non-negative day number', () => {
    const overdue: ExportNote = {
      id: 1,
      guid: 'g',
      noteType: 'Basic',
      fields: [
        { name: 'Front', value: '42' },
        { name: 'Back', value: 'answer' },
      ],
      cards: [card({ id: 10, ord: 0, deckPath: '', state: 2, due: CREATED - 3 * DAY, scheduledDays: 7, stability: 7, difficulty: 4 })],
      tags: [],
      modifiedAt: CREATED,
    };
    const zip = unzipSync(writeAnkiPackage({ notes: [overdue], reviews: [], media: [], createdAt: CREATED }, work));
    expect(JSON.parse(strFromU8(zip['media'] as Uint8Array))).toEqual({});
    const db = openCollection(zip);
    try {
      const col = db.prepare('SELECT crt FROM col').get() as { crt: number };
      expect(col.crt).toBe(CREATED_DAY_START_S - 3 * 86_400);
      const c = db.prepare('SELECT did, due, queue, type FROM cards').get() as Record<string, number>;
      expect(c).toEqual({ did: 1, due: 0, queue: 2, type: 2 });
      // sfld has integer affinity: numeric text sorts as a number, as in Anki.
      expect((db.prepare('SELECT sfld FROM notes').get() as { sfld: unknown }).sfld).toBe(42);
    } finally {
      db.close();
    }
  });

  it('checksums the stripped text of the first field', () => {
    expect(ankiFieldChecksum('hello')).toBe(2868168221);
    expect(ankiFieldChecksum('<div>hel<i>lo</i></div>')).toBe(2868168221);
    expect(ankiFieldChecksum('a &amp; b')).toBe(parseInt(createHash('sha1').update('a & b').digest('hex').slice(0, 8), 16));
    expect(ankiFieldChecksum('<img src="x.png">')).toBe(parseInt(createHash('sha1').update(' x.png ').digest('hex').slice(0, 8), 16));
  });

  it('rejects a card whose ord has no template', () => {
    const bad: ExportNote = {
      id: 5,
      guid: 'bad',
      noteType: 'Custom',
      fields: [{ name: 'Q', value: 'q' }],
      templates: [{ name: 'Only', front: '{{Q}}', back: '{{Q}}' }],
      cards: [card({ id: 50, ord: 1, deckPath: 'A' })],
      tags: [],
      modifiedAt: CREATED,
    };
    expect(() => writeAnkiPackage({ notes: [bad], reviews: [], media: [], createdAt: CREATED }, work)).toThrow(/template/);
    expect(readdirSync(work)).toEqual([]);
  });
});
