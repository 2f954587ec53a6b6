import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { ankiCardState, type AnkiCardSchedule, type AnkiDays } from '../../src/main/interchange/anki/anki-card-state';
import { protoFields } from '../../src/main/interchange/anki/read-anki-package';
import { readAnkiScheduling } from '../../src/main/interchange/anki/read-anki-schedule';

const DAY = 86_400_000;
/** Days counted in whole UTC days; Anki day n starts n days after the epoch. */
const days: AnkiDays = { elapsed: (from, to) => Math.floor(to / DAY) - Math.floor(from / DAY), dayStart: (n) => n * DAY };
const options = { learningSteps: 2, relearningSteps: 1 };
const schedule = (s: Partial<AnkiCardSchedule>): AnkiCardSchedule => ({ type: 2, queue: 2, due: 0, ivl: 0, factor: 2500, reps: 0, lapses: 0, left: 0, historyComplete: false, ...s });

describe('ankiCardState', () => {
  it('a relearning card in day learning (queue 3) is due on its day, in its relearning step', () => {
    const answers = [
      { reviewedAt: 10 * DAY, rating: 3 as const, durationMs: 1, kind: 0, ivl: 1, factor: 2500 },
      { reviewedAt: 12 * DAY, rating: 1 as const, durationMs: 1, kind: 1, ivl: -600, factor: 2300 },
    ];
    const { state, log } = ankiCardState(schedule({ type: 3, queue: 3, due: 13, ivl: 1, left: 1, lapses: 1, historyComplete: true }), answers, days, options);
    expect(state).toMatchObject({ state: 3, due: 13 * DAY, learningSteps: 0, lapses: 1, lastReview: 12 * DAY, elapsedDays: 2 });
    expect(log.map((r) => [r.stateBefore, r.elapsedDays, r.scheduledDays])).toEqual([
      [0, 0, 1],
      [2, 2, 0],
    ]);
  });

  it('a learning card without history or memory state stays new', () => {
    expect(ankiCardState(schedule({ type: 1, queue: 1, due: 1_700_000_000 }), [], days, options)).toEqual({ state: undefined, log: [] });
  });

  it('a complete history wins over cards.data; an incomplete one does not', () => {
    const answers = [{ reviewedAt: 10 * DAY, rating: 4 as const, durationMs: 1, kind: 0, ivl: 4, factor: 2500 }];
    const memory = { stability: 50, difficulty: 5 };
    const complete = ankiCardState(schedule({ due: 14, ivl: 4, memory, historyComplete: true }), answers, days, options).state;
    expect(complete?.stability).toBeCloseTo(8.2956, 4);
    const truncated = ankiCardState(schedule({ due: 14, ivl: 4, memory }), [{ ...answers[0], kind: 1 } as (typeof answers)[0]], days, options).state;
    expect(truncated).toMatchObject(memory);
  });
});

/** Protobuf field key and value helpers for the test's DeckConfig blob. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
};
const f32 = (x: number): number[] => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...b];
};

describe('readAnkiScheduling, schema 18', () => {
  it('reads the FSRS-6 parameters and desired retention of a deck_config, and the deck’s preset', () => {
    const params = [0.3, 1.1, 2.9, 9.1, 6.5, 0.8, 2.8, 0.002, 1.7, 0.15, 0.85, 1.5, 0.06, 0.25, 1.6, 0.6, 1.9, 0.55, 0.09, 0.07, 0.16];
    const packed = params.flatMap(f32);
    const config = Uint8Array.from([...varint((6 << 3) | 2), ...varint(packed.length), ...packed, ...varint((37 << 3) | 5), ...f32(0.85), ...varint((40 << 3) | 5), ...f32(0.8)]);
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE TABLE col (crt INTEGER); INSERT INTO col VALUES (1700000000);
        CREATE TABLE deck_config (id INTEGER, name TEXT, config BLOB);
        CREATE TABLE decks (id INTEGER, name TEXT, kind BLOB);
        CREATE TABLE cards (id INTEGER, did INTEGER, type INTEGER, queue INTEGER, due INTEGER, ivl INTEGER, factor INTEGER, reps INTEGER, lapses INTEGER, left INTEGER, odue INTEGER, odid INTEGER, data TEXT);
        CREATE TABLE revlog (id INTEGER, cid INTEGER, ease INTEGER, ivl INTEGER, factor INTEGER, type INTEGER, time INTEGER);
        INSERT INTO cards VALUES (5, 30, 2, 2, 12, 4, 2500, 2, 0, 0, 0, 0, '{"s":4.5,"d":5.25,"dr":0.85}');`);
      db.prepare('INSERT INTO deck_config VALUES (7, ?, ?)').run('Languages', config);
      // Deck.KindContainer { Normal normal = 1 { int64 config_id = 1 } }
      db.prepare('INSERT INTO decks VALUES (30, ?, ?)').run('Words', Uint8Array.from([...varint((1 << 3) | 2), 2, ...varint(1 << 3), 7]));
      const s = readAnkiScheduling(db, true, protoFields);
      expect(s.createdAt).toBe(1_700_000_000_000);
      expect(s.presets).toHaveLength(1);
      const p = s.presets[0];
      expect(p?.key).toBe('7');
      expect(p?.name).toBe('Languages');
      expect(p?.weights?.map((w) => Math.round(w * 1e4) / 1e4)).toEqual(params);
      expect(p?.desiredRetention).toBeCloseTo(0.85, 6);
      expect(p?.historicalRetention).toBeCloseTo(0.8, 6);
      expect(s.cards.get(5)).toMatchObject({ type: 2, due: 12, ivl: 4, presetKey: '7', memory: { stability: 4.5, difficulty: 5.25 }, desiredRetention: 0.85 });
    } finally {
      db.close();
    }
  });
});
