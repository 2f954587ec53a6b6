/**
 * The calibration check (predicted retrievability against the actual pass rate) on real SQLite:
 * a hand-built log whose predictions come from fsrs-rs (the reference FSRS) and FSRS-6's forgetting
 * curve written out, and the real review log in ../shared/fixtures/revlog imported as an Anki
 * collection, where the figures are printed and must show a model that fits and one that does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { default_w } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/shared/api/stats-contract';
import { buildAnkiCollection } from '../support/anki-collection';
import { fsrsBinding as binding } from '../support/fsrs-binding';
import { ankiCollection, IMPORT_AT, readRevlog, REVLOG } from '../support/josh-revlog';
import { haveShared } from '../support/shared-dir';
import { tempApp, type TempApp } from '../support/temp-app';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 9, 0);

function recall(days: number, stability: number): number {
  const decay = default_w[20]!;
  const factor = Math.pow(0.9, -1 / decay) - 1;
  return Math.pow(1 + (factor * days) / stability, -decay);
}

describe.skipIf(binding === null)('stats.calibration on a hand-built log', () => {
  let t: TempApp;
  let deck = 0;
  const cards: Record<string, number> = {};
  beforeAll(() => {
    t = tempApp({ start: NOW, decksDir: mkdtempSync(join(tmpdir(), 'retain-no-decks-')) });
    const db = t.app.services.repos.db;
    deck = Number(db.prepare("INSERT INTO decks (name, created_at) VALUES ('Calib', 0)").run().lastInsertRowid);
    const note = db.prepare(
      "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, '{}', '[]', '', 'test', 'h', 0, 0)",
    );
    const card = db.prepare('INSERT INTO cards (note_id, deck_id, ord, due, state, created_at) VALUES (?, ?, 0, 0, 2, 0)');
    for (const name of ['a', 'b', 'partial']) cards[name] = Number(card.run(Number(note.run(name, deck).lastInsertRowid), deck).lastInsertRowid);
    t.app.services.decks.invalidate();
    const log = db.prepare(
      'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, ?, ?, 0, 0, 5000, ?)',
    );
    const start = NOW - 60 * DAY;
    // a: new Good, Good 3 days later, Again 10 days after that, and the same day Good (not predicted: same day).
    log.run(cards.a, start, 3, 0, 0);
    log.run(cards.a, start + 3 * DAY, 3, 2, 0);
    log.run(cards.a, start + 13 * DAY, 1, 2, 0);
    log.run(cards.a, start + 13 * DAY + 600_000, 3, 3, 0);
    // b: new Easy, a quiz miss 2 days later (left out by default), Good 20 days after the first answer.
    log.run(cards.b, start, 4, 0, 0);
    log.run(cards.b, start + 2 * DAY, 1, 2, 1);
    log.run(cards.b, start + 20 * DAY, 3, 2, 0);
    // partial: its history does not reach back to an answer given while new: left out.
    log.run(cards.partial, start + 5 * DAY, 3, 2, 0);
    log.run(cards.partial, start + 9 * DAY, 3, 2, 0);
  });
  afterAll(() => t.dispose());

  /** fsrs-rs's memory after answers given `deltas[i]` days after the one before. */
  function memory(answers: Array<[number, number]>) {
    const fsrs = new binding!.FSRSBinding();
    let state: ReturnType<typeof fsrs.nextStates>['good']['memory'] | null = null;
    for (const [delta, rating] of answers) {
      const next = fsrs.nextStates(state, 0.9, delta);
      state = [next.again, next.hard, next.good, next.easy][rating - 1]!.memory;
    }
    return state!;
  }

  it('sets each prediction before an answer against the answer, in 5-point bins', async () => {
    const c = await t.call<Calibration>('stats.calibration', { deckId: deck });
    const aFirst = recall(3, memory([[0, 3]]).stability);
    const aSecond = recall(10, memory([[0, 3], [3, 3]]).stability);
    const bOnly = recall(20, memory([[0, 4]]).stability);
    expect(c.reviews).toBe(3);
    expect(c.cards).toBe(2);
    const predictions = [aFirst, aSecond, bOnly];
    expect(c.predicted).toBeCloseTo((aFirst + aSecond + bOnly) / 3, 3);
    expect(c.actual).toBeCloseTo(2 / 3, 10);
    // Each answer in the bin of its prediction.
    const expectedBins = new Map<number, { n: number; pass: number }>();
    for (const [i, p] of predictions.entries()) {
      const from = Math.floor(p * 20) * 5;
      const b = expectedBins.get(from) ?? { n: 0, pass: 0 };
      b.n += 1;
      b.pass += i === 1 ? 0 : 1;
      expectedBins.set(from, b);
    }
    expect(c.bins.map((b) => [b.from, b.reviews, b.actual])).toEqual([...expectedBins.entries()].sort((x, y) => x[0] - y[0]).map(([from, b]) => [from, b.n, b.pass / b.n]));
    const logLoss = -(Math.log(aFirst) + Math.log(1 - aSecond) + Math.log(bOnly)) / 3;
    expect(c.logLoss).toBeCloseTo(logLoss, 3);
  });

  it('replays quiz answers only when asked', async () => {
    const c = await t.call<Calibration>('stats.calibration', { deckId: deck, includeQuiz: true });
    const quizMiss = recall(2, memory([[0, 4]]).stability);
    const after = recall(18, memory([[0, 4], [2, 1]]).stability);
    expect(c.reviews).toBe(4);
    const without = await t.call<Calibration>('stats.calibration', { deckId: deck });
    expect(c.predicted! * 4 - without.predicted! * 3).toBeCloseTo(quizMiss + after - recall(20, memory([[0, 4]]).stability), 3);
  });

  it("uses each deck's preset parameters when the scope's decks differ in them", async () => {
    const db = t.app.services.repos.db;
    const before = await t.call<Calibration>('stats.calibration', {});
    // A second deck under a preset whose memories last a hundred times longer, holding a copy of card a's history.
    const w = [...default_w];
    for (let i = 0; i < 4; i++) w[i] = w[i]! * 100;
    db.prepare("INSERT INTO presets (id, name, config) VALUES (7, 'Long', ?)").run(JSON.stringify({ fsrsWeights: w }));
    const other = Number(db.prepare("INSERT INTO decks (name, preset_id, created_at) VALUES ('Long memories', 7, 0)").run().lastInsertRowid);
    const noteId = Number(
      db
        .prepare("INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES ('copy', ?, 0, '{}', '[]', '', 'test', 'h', 0, 0)")
        .run(other).lastInsertRowid,
    );
    const copy = Number(db.prepare('INSERT INTO cards (note_id, deck_id, ord, due, state, created_at) VALUES (?, ?, 0, 0, 2, 0)').run(noteId, other).lastInsertRowid);
    db.prepare(
      `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind)
       SELECT ?, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind FROM review_log WHERE card_id = ?`,
    ).run(copy, cards.a);
    t.app.services.decks.invalidate();
    try {
      const all = await t.call<Calibration>('stats.calibration', {});
      const long = await t.call<Calibration>('stats.calibration', { deckId: other });
      expect(long.reviews).toBe(2);
      // The copy's predictions are the long-memory preset's, higher than card a's under the defaults.
      const aOnly = (before.predicted! * 3 - recall(20, memory([[0, 4]]).stability)) / 2;
      expect(long.predicted!).toBeGreaterThan(aOnly + 0.05);
      expect(all.reviews).toBe(before.reviews + long.reviews);
      expect(all.predicted! * all.reviews).toBeCloseTo(before.predicted! * before.reviews + long.predicted! * long.reviews, 9);
    } finally {
      db.prepare('DELETE FROM cards WHERE id = ?').run(copy);
      t.app.services.decks.invalidate();
    }
  });

  it('gives empty figures where there is no history, and not found for an unknown deck', async () => {
    const db = t.app.services.repos.db;
    const empty = Number(db.prepare("INSERT INTO decks (name, created_at) VALUES ('Empty', 0)").run().lastInsertRowid);
    t.app.services.decks.invalidate();
    const c = await t.call<Calibration>('stats.calibration', { deckId: empty });
    expect(c).toEqual({ reviews: 0, cards: 0, predicted: null, actual: null, rmseBins: null, logLoss: null, bins: [] });
    const r = await t.app.dispatch('stats.calibration', { deckId: 99_999 });
    expect(r.ok ? null : r.error.code).toBe('not_found');
  });
});

describe.skipIf(!haveShared(...REVLOG))('stats.calibration on the real review log', () => {
  let t: TempApp;
  let work = '';
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'retain-calibration-'));
    const bytes = buildAnkiCollection({ ...ankiCollection(readRevlog()), crtSecs: Date.UTC(2024, 2, 1, 12) / 1000 }, work);
    t = tempApp({ timeZone: 'America/Los_Angeles', start: IMPORT_AT });
    await t.app.services.imports.commit({ fileName: 'josh.anki2', bytes });
  });
  afterAll(() => {
    t.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('shows the default parameters fit this learner, and badly chosen ones do not', async () => {
    const started = performance.now();
    const c = await t.call<Calibration>('stats.calibration', {});
    const ms = performance.now() - started;
    const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
    console.log(
      `calibration on the real review log: ${c.reviews} answers of ${c.cards} cards; predicted ${pct(c.predicted)}, passed ${pct(c.actual)}; ` +
        `RMSE (bins) ${pct(c.rmseBins)}; log loss ${c.logLoss?.toFixed(4)}; ${ms.toFixed(0)} ms`,
    );
    for (const b of c.bins) console.log(`  ${b.from}–${b.to}%: ${b.reviews} answers, predicted ${pct(b.predicted)}, passed ${pct(b.actual)}`);
    expect(c.reviews).toBeGreaterThan(5_000);
    expect(c.bins.reduce((n, b) => n + b.reviews, 0)).toBe(c.reviews);
    expect(Math.abs(c.predicted! - c.actual!)).toBeLessThan(0.05);
    expect(c.rmseBins!).toBeLessThan(0.08);

    // Parameters that make every memory last a hundred times as long: the check must show the misfit.
    const w = [...default_w];
    for (let i = 0; i < 4; i++) w[i] = w[i]! * 100;
    const presetId = t.app.services.decks.presetOf(t.app.services.repos.db.prepare('SELECT deck_id AS d FROM cards LIMIT 1').pluck().get() as number) ?? 1;
    const settings = t.app.services.repos.settings;
    settings.savePresetConfig(presetId, { ...(settings.presetConfig(presetId) as object), fsrsWeights: w });
    const bad = await t.call<Calibration>('stats.calibration', {});
    console.log(`with initial stabilities a hundred times the defaults: predicted ${pct(bad.predicted)}, RMSE (bins) ${pct(bad.rmseBins)}, log loss ${bad.logLoss?.toFixed(4)}`);
    expect(bad.rmseBins!).toBeGreaterThan(c.rmseBins! * 2);
    expect(bad.logLoss!).toBeGreaterThan(c.logLoss!);
  });
});
