/**
 * Deck options presets: named option sets shared by decks (create, clone, rename, delete with
 * the decks falling back to Default, assignment with subdecks), every option reaching the
 * scheduler, a deck's own and today-only limits, and settings saved before presets existed kept.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeckOptions, PresetSummary, PresetView } from '../../src/shared/api/presets-contract';
import { newCardState, Ratings } from '../../src/main/core/scheduler';
import { tempApp, type TempApp } from '../support/temp-app';

const NOW = Date.UTC(2026, 2, 10, 9, 0);
let t: TempApp | undefined;
afterEach(() => {
  t?.dispose();
  t = undefined;
});
const bare = (): TempApp => tempApp({ start: NOW, decksDir: mkdtempSync(join(tmpdir(), 'retain-no-decks-')) });

async function failure(app: TempApp, method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await app.app.dispatch(method, input);
  if (r.ok) throw new Error(`${method} succeeded`);
  return r.error;
}

describe('presets', () => {
  it('are created, cloned, renamed and deleted; a deleted preset\'s decks take Default', async () => {
    t = bare();
    const deck = t.app.services.repos.decks.ensurePath('Languages', NOW);
    t.app.services.decks.invalidate();
    const { presetId: slow } = await t.call<{ presetId: number }>('presets.create', { name: 'Slow' });
    await t.call('presets.update', { presetId: slow, config: { newPerDay: 5, learningSteps: ['2m', '1h'] } });
    const { presetId: copy } = await t.call<{ presetId: number }>('presets.create', { name: 'Slow copy', cloneFrom: slow });
    expect((await t.call<PresetView>('presets.get', { presetId: copy })).config).toMatchObject({ newPerDay: 5, learningSteps: ['2m', '1h'] });
    await t.call('presets.rename', { presetId: copy, name: 'Careful' });
    await t.call('deckOptions.setPreset', { deckId: deck, presetId: copy });

    const listed = (await t.call<{ presets: PresetSummary[] }>('presets.list')).presets;
    expect(listed.map((p) => [p.name, p.deckCount, p.isDefault])).toEqual([
      ['Default', 0, true],
      ['Slow', 0, false],
      ['Careful', 1, false],
    ]);

    expect(await t.call('presets.delete', { presetId: copy })).toEqual({ movedDecks: 1 });
    expect((await t.call<DeckOptions>('deckOptions.get', { deckId: deck })).presetId).toBe(1);
    expect(t.app.services.decks.presetOf(deck)).toBe(1);
    expect((await failure(t, 'presets.delete', { presetId: 1 })).code).toBe('invalid_input');
  });

  it('refuse an empty or taken name and bad options, naming the field, and write nothing', async () => {
    t = bare();
    const { presetId } = await t.call<{ presetId: number }>('presets.create', { name: 'Exam' });
    const before = t.app.services.repos.db.prepare('SELECT id, name, config FROM presets ORDER BY id').all();
    expect(await failure(t, 'presets.create', { name: '  ' })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^name: /) });
    expect(await failure(t, 'presets.create', { name: 'exam' })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^name: .*"exam" already exists/) });
    expect(await failure(t, 'presets.rename', { presetId, name: 'Default' })).toMatchObject({ code: 'conflict' });
    const bad = await failure(t, 'presets.update', { presetId, config: { learningSteps: ['1m', '10x'] } });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/learningSteps/);
    expect(bad.message).toMatch(/"10x" is not a step/);
    expect(t.app.services.repos.db.prepare('SELECT id, name, config FROM presets ORDER BY id').all()).toEqual(before);
  });

  it('are given to a deck alone or with its subdecks', async () => {
    t = bare();
    const decks = t.app.services.repos.decks;
    const parent = decks.ensurePath('P', NOW);
    const child = decks.ensurePath('P::C', NOW);
    const grandchild = decks.ensurePath('P::C::G', NOW);
    t.app.services.decks.invalidate();
    const { presetId } = await t.call<{ presetId: number }>('presets.create', { name: 'Exam' });
    await t.call('deckOptions.setPreset', { deckId: parent, presetId });
    expect([parent, child, grandchild].map((id) => t!.app.services.decks.presetOf(id))).toEqual([presetId, 1, 1]);
    const opts = await t.call<DeckOptions>('deckOptions.setPreset', { deckId: child, presetId, includeSubdecks: true });
    expect(opts.subdeckCount).toBe(1);
    expect([parent, child, grandchild].map((id) => t!.app.services.decks.presetOf(id))).toEqual([presetId, presetId, presetId]);
  });
});

describe("the deck options screen's save", () => {
  it('writes the preset, its assignment and the deck limits together, or nothing when one part is refused', async () => {
    t = bare();
    const parent = t.app.services.repos.decks.ensurePath('P', NOW);
    const child = t.app.services.repos.decks.ensurePath('P::C', NOW);
    t.app.services.decks.invalidate();
    const { presetId } = await t.call<{ presetId: number }>('presets.create', { name: 'Exam' });
    const snapshot = () => t!.app.services.repos.db.prepare('SELECT (SELECT json_group_array(json_array(id, preset_id, limits)) FROM decks) AS d, (SELECT json_group_array(config) FROM presets) AS p').get();
    const before = snapshot();
    const limits = { newPerDay: 4, reviewsPerDay: null, newToday: null, reviewsToday: 90 };
    const bad = await failure(t, 'deckOptions.save', { deckId: parent, presetId, includeSubdecks: true, limits, config: { newPerDay: 3, relearningSteps: ['0m'] } });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/relearningSteps/);
    expect(snapshot()).toEqual(before);

    const saved = await t.call<DeckOptions>('deckOptions.save', { deckId: parent, presetId, includeSubdecks: true, limits, config: { newPerDay: 3 } });
    expect(saved).toMatchObject({ presetId, limits });
    expect(t.app.services.decks.presetOf(child)).toBe(presetId);
    expect(t.app.services.settings.presetConfig(presetId).newPerDay).toBe(3);
  });
});

describe("a preset's scheduler", () => {
  it('applies the preset\'s steps, maximum interval, retention and FSRS parameters', async () => {
    t = bare();
    const settings = t.app.services.settings;
    const { presetId } = await t.call<{ presetId: number }>('presets.create', { name: 'Other' });
    await t.call('presets.update', { presetId, config: { learningSteps: ['7m'], relearningSteps: ['3m'], maximumIntervalDays: 3, desiredRetention: 0.8 } });
    const fresh = newCardState(NOW);
    const againDefault = settings.schedulerForPreset(1).schedule(fresh, NOW, Ratings.Again, 1);
    const againOther = settings.schedulerForPreset(presetId).schedule(fresh, NOW, Ratings.Again, 1);
    expect(againDefault.due - NOW).toBe(60_000);
    expect(againOther.due - NOW).toBe(7 * 60_000);

    // A card well learned: Easy goes far with Default, at most 3 days with the other preset.
    let card = fresh;
    for (let i = 0; i < 4; i++) card = settings.schedulerForPreset(1).schedule(card, card.due, Ratings.Easy, 1);
    const easyDefault = settings.schedulerForPreset(1).schedule(card, card.due, Ratings.Easy, 1);
    const easyOther = settings.schedulerForPreset(presetId).schedule(card, card.due, Ratings.Easy, 1);
    expect(easyDefault.scheduledDays).toBeGreaterThan(3);
    expect(easyOther.scheduledDays).toBeLessThanOrEqual(3);

    // Retention: the same card gets a longer interval at 0.8 than at 0.9 once the cap is lifted.
    await t.call('presets.update', { presetId, config: { maximumIntervalDays: 36500 } });
    const good = (id: number) => settings.schedulerForPreset(id).schedule(card, card.due, Ratings.Good, 1).scheduledDays;
    expect(good(presetId)).toBeGreaterThan(good(1));

    // FSRS parameters an imported preset carries: kept when its options are edited, and used.
    const weights = [0.2, 1.2, 3.1, 15.5, 7.2, 0.5, 1.5, 0.005, 1.5, 0.1, 1.0, 1.9, 0.1, 0.3, 2.3, 0.2, 3.0, 0.5, 0.7, 0.1, 0.5];
    const anki = t.app.services.repos.settings.createPreset('Imported (Anki)', { desiredRetention: 0.9, fsrsWeights: weights });
    await t.call('presets.update', { presetId: anki, config: { newPerDay: 3 } });
    expect((t.app.services.repos.settings.presetConfig(anki) as { fsrsWeights: number[] }).fsrsWeights).toEqual(weights);
    expect((await t.call<PresetView>('presets.get', { presetId: anki })).hasFsrsWeights).toBe(true);
    const firstGood = (id: number) => settings.schedulerForPreset(id).schedule(fresh, NOW, Ratings.Good, 1).stability;
    expect(firstGood(anki)).toBeCloseTo(weights[2]!, 5);
    expect(firstGood(1)).not.toBeCloseTo(weights[2]!, 2);
  });
});

describe("a deck's own limits", () => {
  it('"this deck" and "today only" limits bound the deck; a today-only raise ends with the day', async () => {
    t = bare();
    const db = t.app.services.repos.db;
    const deck = t.app.services.repos.decks.ensurePath('Vocab', NOW);
    const note = db.prepare(
      "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, '{}', '[]', '', 'test', 'h', ?, ?)",
    );
    const card = db.prepare('INSERT INTO cards (note_id, deck_id, ord, due, state, created_at) VALUES (?, ?, 0, ?, 0, ?)');
    for (let i = 0; i < 60; i++) card.run(Number(note.run(`v-${i}`, deck, NOW, NOW).lastInsertRowid), deck, NOW, NOW);
    t.app.services.decks.invalidate();
    const newCount = () => t!.app.services.queue.counts(t!.app.services.decks.node(deck).subtree).newCount;
    expect(newCount()).toBe(20);
    await t.call('deckOptions.setLimits', { deckId: deck, limits: { newPerDay: 8, reviewsPerDay: null, newToday: null, reviewsToday: null } });
    expect(newCount()).toBe(8);
    const opts = await t.call<DeckOptions>('deckOptions.setLimits', { deckId: deck, limits: { newPerDay: 8, reviewsPerDay: null, newToday: 45, reviewsToday: null } });
    expect(opts.limits).toEqual({ newPerDay: 8, reviewsPerDay: null, newToday: 45, reviewsToday: null });
    expect(newCount()).toBe(45);
    t.clock.set(NOW + 86_400_000);
    expect(newCount()).toBe(8);
    expect((await t.call<DeckOptions>('deckOptions.get', { deckId: deck })).limits.newToday).toBeNull();
  });
});

describe('settings saved before presets were split', () => {
  it('keep their values: collection settings and the Default preset read from the old preset config', async () => {
    t = bare();
    const old = { fuzz: false, loadBalancing: false, dayStartHour: 6, quizMissesToReview: false, newPerDay: 7, learningSteps: ['2m', '20m'], desiredRetention: 0.85 };
    t.app.services.repos.db.prepare('UPDATE presets SET config = ? WHERE id = 1').run(JSON.stringify(old));
    t.app.services.repos.db.prepare("DELETE FROM settings WHERE key = 'collection'").run();
    const app = t.reopen();
    expect(app.services.settings.collection()).toEqual({ fuzz: false, loadBalancing: false, dayStartHour: 6, quizMissesToReview: false });
    expect(app.services.settings.presetConfig(1)).toMatchObject({ newPerDay: 7, learningSteps: ['2m', '20m'], desiredRetention: 0.85 });
    // Editing one part keeps the other.
    await t.call('presets.update', { presetId: 1, config: { newPerDay: 9 } });
    await t.call('settings.update', { dayStartHour: 5 });
    const again = t.reopen();
    expect(again.services.settings.collection()).toEqual({ fuzz: false, loadBalancing: false, dayStartHour: 5, quizMissesToReview: false });
    expect(again.services.settings.presetConfig(1)).toMatchObject({ newPerDay: 9, learningSteps: ['2m', '20m'], desiredRetention: 0.85 });
    expect(await t.call('settings.get')).toMatchObject({ dayStartHour: 5, fuzz: false, newPerDay: 9 });
  });
});
