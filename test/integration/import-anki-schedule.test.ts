/**
 * Anki cards keep their schedule on import: collections built by the test with the cases Anki's
 * FSRS rule (rslib `reviews_for_fsrs`) distinguishes, imported in Los Angeles with the day
 * starting at 4:00. Expected memory states come from fsrs-rs through the binding.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FSRSBinding, BindingMemoryState } from '@open-spaced-repetition/binding';
import { createScheduler, newCardState, type CardState } from '../../src/main/core/scheduler';
import { fsrsBinding } from '../support/fsrs-binding';
import { haveShared, sharedPath } from '../support/shared-dir';
import { tempApp, type TempApp } from '../support/temp-app';
import { buildAnkiCollection, type TestAnkiCard, type TestCollection, type TestRevlogEntry } from '../support/anki-collection';

const DAY = 86_400_000;
const MIN = 60_000;
const ZONE = 'America/Los_Angeles';
/** col.crt: 2024-01-01 04:00 in Los Angeles, so Anki day number n is 1 January + n days. */
const CRT_SECS = Date.UTC(2024, 0, 1, 12) / 1000;
/** 10 January 2024, 10:00 in Los Angeles. */
const T0 = Date.UTC(2024, 0, 10, 18);

interface RetainCard {
  id: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  learning_steps: number;
}

const fsrs = fsrsBinding ? new fsrsBinding.FSRSBinding() : (null as unknown as FSRSBinding);
const newBinding = (params?: number[]): FSRSBinding => new (fsrsBinding as NonNullable<typeof fsrsBinding>).FSRSBinding(params);

/** fsrs-rs memory state after (rating, elapsed days) answers, optionally from a starting state. */
function reference(answers: Array<[number, number]>, start: BindingMemoryState | null = null, engine = fsrs): BindingMemoryState {
  let state = start;
  for (const [rating, days] of answers) {
    const n = engine.nextStates(state, 0.9, days);
    const pick = [n.again, n.hard, n.good, n.easy][rating - 1];
    if (!pick) throw new Error(`rating ${rating}`);
    state = pick.memory;
  }
  if (!state) throw new Error('no answers');
  return state;
}

function expectMemory(card: RetainCard | undefined, want: { stability: number; difficulty: number }): void {
  expect(card).toBeDefined();
  expect(Math.abs((card?.stability ?? 0) - want.stability) / want.stability).toBeLessThan(1e-4);
  expect(Math.abs((card?.difficulty ?? 0) - want.difficulty) / want.difficulty).toBeLessThan(1e-4);
}

/** A revlog entry; its id (the answer time) is moved by a few ms per card so that ids stay unique. */
const rev = (cid: number, at: number, type: number, ease: number, ivl: number, factor: number): TestRevlogEntry => ({ id: at + (cid % 100), cid, type, ease, ivl, factor });

const cards: TestAnkiCard[] = [
  // Review card without history.
  { id: 1001, type: 2, queue: 2, due: 100, ivl: 20, factor: 2500, reps: 6, lapses: 1 },
  // Forgotten (reset) and learned again.
  { id: 1002, type: 2, queue: 2, due: 26, ivl: 4, factor: 2500, reps: 6 },
  // A cram Again in a filtered deck that does not reschedule.
  { id: 1003, type: 2, queue: 2, due: 17, ivl: 8, factor: 2500, reps: 4 },
  // Truncated history: no learning answers left.
  { id: 1004, type: 2, queue: 2, due: 48, ivl: 3, factor: 2100, reps: 9, lapses: 1 },
  // Memory state stored by Anki in cards.data.
  { id: 1005, type: 2, queue: 2, due: 110, ivl: 30, factor: 2500, reps: 5, data: JSON.stringify({ s: 33.5, d: 6.25, dr: 0.9, lrt: Date.UTC(2024, 2, 11, 18) / 1000 }) },
  // Learning card, due at an epoch second, one step left.
  { id: 1006, type: 1, queue: 1, due: Date.UTC(2024, 3, 5, 12, 30) / 1000, left: 1, reps: 1 },
  // New card with a log from before a reset Anki did not log.
  { id: 1007, type: 0, queue: 0, due: 7 },
  // Suspended review card.
  { id: 1008, type: 2, queue: -1, due: 95, ivl: 12, factor: 2500, reps: 3 },
  // Forgotten, then given a due date and reviewed (no learning answers after the reset).
  { id: 1009, type: 2, queue: 2, due: 36, ivl: 15, factor: 2500, reps: 3 },
];

const revlog: TestRevlogEntry[] = [
  rev(1002, T0, 0, 3, 1, 2500),
  rev(1002, T0 + 2 * DAY, 1, 3, 5, 2500),
  rev(1002, T0 + 7 * DAY, 1, 1, -600, 2300),
  rev(1002, T0 + 8 * DAY, 4, 0, 0, 0),
  rev(1002, T0 + 10 * DAY, 0, 1, -60, 0),
  rev(1002, T0 + 10 * DAY + 10 * MIN, 0, 3, 1, 2500),
  rev(1002, T0 + 12 * DAY, 1, 3, 4, 2500),

  rev(1003, T0, 0, 3, 1, 2500),
  rev(1003, T0 + DAY, 1, 3, 3, 2500),
  rev(1003, T0 + 2 * DAY, 3, 1, 0, 0),
  rev(1003, T0 + 4 * DAY, 1, 3, 8, 2500),

  rev(1004, T0, 1, 3, 10, 2300),
  rev(1004, T0 + 10 * DAY, 1, 3, 25, 2300),
  rev(1004, T0 + 35 * DAY, 1, 1, -600, 2100),
  rev(1004, T0 + 35 * DAY + 10 * MIN, 2, 3, 3, 2100),

  rev(1005, Date.UTC(2024, 2, 11, 18), 1, 3, 30, 2500),

  rev(1006, Date.UTC(2024, 3, 5, 12, 20), 0, 1, -60, 0),

  rev(1007, T0, 0, 3, 1, 2500),

  rev(1008, T0, 0, 4, 4, 2500),
  rev(1008, T0 + 4 * DAY, 1, 3, 12, 2500),

  rev(1009, T0, 0, 3, 1, 2500),
  rev(1009, T0 + DAY, 1, 3, 3, 2500),
  rev(1009, T0 + 4 * DAY, 4, 0, 0, 0),
  rev(1009, T0 + 5 * DAY, 4, 0, 7, 2500),
  rev(1009, T0 + 12 * DAY, 1, 3, 15, 2500),
];

/** The start of Anki day `n` in Los Angeles (04:00 local). */
const dayStart = (n: number): number => {
  const d = new Date(Date.UTC(2024, 0, 1 + n));
  // Daylight time (UTC-7) from 10 March 2024, standard time (UTC-8) before.
  const offsetHours = d.getTime() >= Date.UTC(2024, 2, 10) ? 7 : 8;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 4 + offsetHours);
};

async function importCollection(spec: TestCollection, work: string): Promise<{ t: TempApp; byAnkiId: Map<number, RetainCard>; logRows: (id: number) => Array<{ rating: number; state_before: number; elapsed_days: number }> }> {
  const t = tempApp({ timeZone: ZONE, start: Date.UTC(2024, 3, 5, 12) });
  t.app.services.settings.update({ dayStartHour: 4 });
  await t.app.services.imports.commit({ fileName: 'schedule.anki2', bytes: buildAnkiCollection(spec, work) });
  const db = t.app.services.repos.db;
  const rows = db
    .prepare(
      `SELECT n.guid, c.id, c.state, c.due, c.stability, c.difficulty, c.scheduled_days, c.reps, c.lapses, c.last_review, c.learning_steps, c.suspended
       FROM cards c JOIN notes n ON n.id = c.note_id`,
    )
    .all() as Array<RetainCard & { guid: string }>;
  const byAnkiId = new Map(rows.map((r) => [Number(r.guid.slice(1)), r]));
  const logRows = (id: number) =>
    db
      .prepare('SELECT rating, state_before, elapsed_days FROM review_log WHERE card_id = ? ORDER BY reviewed_at')
      .all(byAnkiId.get(id)?.id ?? -1) as Array<{ rating: number; state_before: number; elapsed_days: number }>;
  return { t, byAnkiId, logRows };
}

describe.skipIf(!fsrsBinding)('Anki import keeps the schedule', () => {
  let work = '';
  let ctx: Awaited<ReturnType<typeof importCollection>>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'retain-anki-schedule-'));
    ctx = await importCollection({ cards, revlog, crtSecs: CRT_SECS }, work);
  });
  afterAll(() => {
    ctx?.t.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('a review card without history stays a review card, due on its day, memory state from SM-2', () => {
    const c = ctx.byAnkiId.get(1001);
    expect(c?.state).toBe(2);
    expect(c?.due).toBe(dayStart(100));
    expect(c?.due).toBe(Date.UTC(2024, 3, 10, 11));
    expect(c?.scheduled_days).toBe(20);
    expect([c?.reps, c?.lapses]).toEqual([6, 1]);
    expect(c?.last_review).toBe(dayStart(100) - 20 * DAY);
    expectMemory(c, fsrs.memoryStateFromSM2(2.5, 20, 0.9));
    expect(ctx.logRows(1001)).toEqual([]);
  });

  it('answers before a Forget do not count', () => {
    const c = ctx.byAnkiId.get(1002);
    expect(c?.state).toBe(2);
    expect(c?.due).toBe(dayStart(26));
    expectMemory(c, reference([[1, 0], [3, 0], [3, 2]]));
    expect(ctx.logRows(1002)).toEqual([
      { rating: 1, state_before: 0, elapsed_days: 0 },
      { rating: 3, state_before: 1, elapsed_days: 0 },
      { rating: 3, state_before: 2, elapsed_days: 2 },
    ]);
  });

  it('a Forget followed by a set due date: only the answers after it count, seeded from SM-2', () => {
    const c = ctx.byAnkiId.get(1009);
    expect(c?.state).toBe(2);
    expect(c?.due).toBe(dayStart(36));
    expectMemory(c, fsrs.memoryStateFromSM2(2.5, 15, 0.9));
    expect(ctx.logRows(1009)).toEqual([{ rating: 3, state_before: 2, elapsed_days: 0 }]);
  });

  it('a cram answer is no lapse and does not count', () => {
    const c = ctx.byAnkiId.get(1003);
    expectMemory(c, reference([[3, 0], [3, 1], [3, 3]]));
    expect(ctx.logRows(1003).map((r) => r.rating)).toEqual([3, 3, 3]);
    expect(c?.lapses).toBe(0);
  });

  it('a truncated history starts from the SM-2 state of its first answer', () => {
    const c = ctx.byAnkiId.get(1004);
    expect(c?.state).toBe(2);
    expect(c?.due).toBe(dayStart(48));
    expect(c?.scheduled_days).toBe(3);
    const seed = fsrs.memoryStateFromSM2(2.3, 10, 0.9);
    expectMemory(c, reference([[3, 10], [1, 25], [3, 0]], seed));
    expect(ctx.logRows(1004).map((r) => [r.rating, r.elapsed_days])).toEqual([[3, 0], [3, 10], [1, 25], [3, 0]]);
  });

  it('a memory state in cards.data is kept as Anki stored it', () => {
    const c = ctx.byAnkiId.get(1005);
    expect(c?.stability).toBe(33.5);
    expect(c?.difficulty).toBe(6.25);
    expect(c?.due).toBe(dayStart(110));
    expect(c?.last_review).toBe(Date.UTC(2024, 2, 11, 18));
    expect(ctx.logRows(1005)).toHaveLength(1);
  });

  it('a learning card keeps its due time and step', () => {
    const c = ctx.byAnkiId.get(1006);
    expect(c?.state).toBe(1);
    expect(c?.due).toBe(Date.UTC(2024, 3, 5, 12, 30));
    expect(c?.learning_steps).toBe(1);
    expectMemory(c, reference([[1, 0]]));
  });

  it('a card Anki has as new stays new, without the log it had before', () => {
    const c = ctx.byAnkiId.get(1007);
    expect(c?.state).toBe(0);
    expect(c?.stability).toBe(0);
    expect(ctx.logRows(1007)).toEqual([]);
  });

  it('a suspended review card keeps its schedule and stays suspended', () => {
    const c = ctx.byAnkiId.get(1008) as (RetainCard & { suspended: number }) | undefined;
    expect(c?.suspended).toBe(1);
    expect(c?.state).toBe(2);
    expect(c?.due).toBe(dayStart(95));
    expectMemory(c, reference([[4, 0], [3, 4]]));
  });
});

describe.skipIf(!fsrsBinding)('Anki deck options preset', () => {
  it('replays with the preset’s FSRS parameters and keeps them with its desired retention', async () => {
    const work = mkdtempSync(join(tmpdir(), 'retain-anki-preset-'));
    const params = [0.3, 1.1, 2.9, 9.1, 6.5, 0.8, 2.8, 0.002, 1.7, 0.15, 0.85, 1.5, 0.06, 0.25, 1.6, 0.6, 1.9, 0.55, 0.09, 0.07, 0.16];
    const spec: TestCollection = {
      cards: [{ id: 2001, type: 2, queue: 2, due: 30, ivl: 9, factor: 2500, reps: 3 }],
      revlog: [rev(2001, T0, 0, 3, 1, 2500), rev(2001, T0 + DAY, 1, 3, 3, 2500), rev(2001, T0 + 4 * DAY, 1, 3, 9, 2500)],
      crtSecs: CRT_SECS,
      preset: { name: 'Languages', fsrsParams6: params, desiredRetention: 0.85 },
    };
    const ctx = await importCollection(spec, work);
    try {
      const c = ctx.byAnkiId.get(2001);
      expectMemory(c, reference([[3, 0], [3, 1], [3, 3]], null, newBinding(params)));
      // With the default parameters the state would differ: the preset's were used.
      const withDefaults = reference([[3, 0], [3, 1], [3, 3]]);
      expect(Math.abs((c?.stability ?? 0) - withDefaults.stability) / withDefaults.stability).toBeGreaterThan(0.05);
      const db = ctx.t.app.services.repos.db;
      const preset = db
        .prepare("SELECT p.name, p.config FROM decks d JOIN presets p ON p.id = d.preset_id WHERE d.name = 'Imported'")
        .get() as { name: string; config: string } | undefined;
      expect(preset?.name).toBe('Languages (Anki)');
      const config = JSON.parse(preset?.config ?? '{}') as { desiredRetention: number; fsrsWeights: number[] };
      expect(config.desiredRetention).toBe(0.85);
      expect(config.fsrsWeights).toEqual(params);

      // Live answers in that deck are scheduled with the preset's parameters and retention too.
      const cardId = c?.id ?? -1;
      ctx.t.clock.set(Date.UTC(2024, 3, 20, 18));
      const now = ctx.t.clock.now();
      const row = db.prepare('SELECT * FROM cards WHERE id = ?').get(cardId) as Record<string, number | null>;
      const before: CardState = {
        ...newCardState(0),
        due: Number(row.due), stability: Number(row.stability), difficulty: Number(row.difficulty),
        elapsedDays: Number(row.elapsed_days), scheduledDays: Number(row.scheduled_days), learningSteps: Number(row.learning_steps),
        reps: Number(row.reps), lapses: Number(row.lapses), state: Number(row.state) as CardState['state'], lastReview: row.last_review ?? null,
      };
      const settings = ctx.t.app.services.settings.config();
      const own = createScheduler({ ...settings, desiredRetention: 0.85 }, { weights: params, timeZone: ZONE }).schedule(before, now, 3, cardId);
      const plain = createScheduler(settings, { timeZone: ZONE }).schedule(before, now, 3, cardId);
      expect(own.stability).not.toBeCloseTo(plain.stability, 3);
      await ctx.t.call('review.answer', { cardId, rating: 3, durationMs: 1000 });
      const after = db.prepare('SELECT stability, difficulty, due FROM cards WHERE id = ?').get(cardId) as { stability: number; difficulty: number; due: number };
      expect(after.stability).toBeCloseTo(own.stability, 9);
      expect(after.difficulty).toBeCloseTo(own.difficulty, 9);
      expect(after.due).toBe(own.due);
    } finally {
      ctx.t.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  });
});

const ANKIPANDAS = ['fixtures', 'collections', 'ankipandas__few_basic_cards__collection.anki2'];

describe.skipIf(!haveShared(...ANKIPANDAS))('a real Anki collection (AnkiPandas few_basic_cards)', () => {
  it('its three review cards (3–5 day intervals) arrive as review cards on their due days', async () => {
    const path = sharedPath(...ANKIPANDAS);
    const source = new Database(path, { readonly: true, fileMustExist: true });
    const crt = (source.prepare('SELECT crt FROM col').get() as { crt: number }).crt;
    source.close();
    const t = tempApp({ timeZone: 'UTC', start: Date.UTC(2019, 4, 2) });
    try {
      await t.app.services.imports.commit({ fileName: 'collection.anki2', bytes: new Uint8Array(readFileSync(path)) });
      const card = (nid: number, ord: number) =>
        t.app.services.repos.db
          .prepare("SELECT c.state, c.due, c.scheduled_days, c.reps FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.section = ? AND c.ord = ?")
          .get(`Anki note ${nid}`, ord) as { state: number; due: number; scheduled_days: number; reps: number } | undefined;
      // Anki day n starts at 04:00 (UTC here) on the collection's creation date + n days.
      const day = (n: number): number => Math.floor((crt * 1000) / DAY) * DAY + n * DAY + 4 * 3_600_000;
      expect(card(1555579337683, 0)).toEqual({ state: 2, due: day(17), scheduled_days: 4, reps: 2 });
      expect(card(1555579352896, 0)).toEqual({ state: 2, due: day(16), scheduled_days: 3, reps: 3 });
      expect(card(1555579352896, 1)).toEqual({ state: 2, due: day(18), scheduled_days: 5, reps: 1 });
    } finally {
      t.dispose();
    }
  });
});
