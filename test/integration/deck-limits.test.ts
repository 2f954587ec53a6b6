/**
 * Deck counts bounded by each deck's own limits (Anki's v3 scheduler): a deck's row counts its
 * own cards and its subdecks' counts within its limits; the day's summary shows what can still
 * be studied; "limits start from top" lets a parent's limit bound a subdeck studied on its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeckSummary } from '../../src/shared/api/decks-contract';
import type { Db } from '../../src/main/db/open-db';
import { tempApp, type TempApp } from '../support/temp-app';

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const DAY = 86_400_000;
let t: TempApp | undefined;
/** A collection with only the decks a test makes (no built-in decks). */
const bare = (): TempApp => tempApp({ start: NOW, decksDir: mkdtempSync(join(tmpdir(), 'retain-no-decks-')) });
afterEach(() => {
  t?.dispose();
  t = undefined;
});

/** `n` new cards (state 0) and `reviews` review cards due yesterday in the deck. */
function addCards(db: Db, deckId: number, n: number, tag: string, reviews = 0): number[] {
  const note = db.prepare(
    "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, '{}', '[]', '', 'test', 'h', ?, ?)",
  );
  const card = db.prepare('INSERT INTO cards (note_id, deck_id, ord, due, state, created_at) VALUES (?, ?, 0, ?, ?, ?)');
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < n + reviews; i++) {
      const noteId = Number(note.run(`${tag}-${i}`, deckId, NOW, NOW).lastInsertRowid);
      ids.push(Number(card.run(noteId, deckId, i < n ? NOW : NOW - DAY + i, i < n ? 0 : 2, NOW).lastInsertRowid));
    }
  })();
  return ids;
}

/** Record `count` of the deck's new cards as first studied earlier today (now in learning, due tomorrow). */
function studyNew(db: Db, deckId: number, count: number): void {
  const ids = (db.prepare('SELECT id FROM cards WHERE deck_id = ? AND state = 0 ORDER BY id LIMIT ?').all(deckId, count) as Array<{ id: number }>).map((r) => r.id);
  const log = db.prepare(
    'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, 3, 0, 0, 0, 1000, 0)',
  );
  const toLearning = db.prepare('UPDATE cards SET state = 1, due = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) {
      log.run(id, NOW - 3_600_000);
      toLearning.run(NOW + DAY, id);
    }
  })();
}

interface Listed {
  decks: DeckSummary[];
  today: { newCount: number; learningCount: number; dueCount: number };
}

async function list(app: TempApp): Promise<Listed> {
  app.app.services.decks.invalidate();
  return app.call<Listed>('decks.list');
}
const row = (l: Listed, path: string): DeckSummary => l.decks.find((d) => d.path === path)!;

function threeSubdecks(app: TempApp): { parent: number; a: number; b: number; c: number } {
  const db = app.app.services.repos.db;
  const decks = app.app.services.repos.decks;
  const ids = {
    parent: decks.ensurePath('Parent', NOW),
    a: decks.ensurePath('Parent::A', NOW),
    b: decks.ensurePath('Parent::B', NOW),
    c: decks.ensurePath('Parent::C', NOW),
  };
  addCards(db, ids.a, 30, 'a');
  addCards(db, ids.b, 30, 'b');
  addCards(db, ids.c, 30, 'c');
  return ids;
}

describe('deck counts after studying in one subdeck', () => {
  it('the summary shows the new cards the other subdecks still offer, not the parent row', async () => {
    t = bare();
    const ids = threeSubdecks(t);
    studyNew(t.app.services.repos.db, ids.a, 20);
    const l = await list(t);
    expect(row(l, 'Parent::A').newCount).toBe(0);
    expect(row(l, 'Parent::B').newCount).toBe(20);
    expect(row(l, 'Parent::C').newCount).toBe(20);
    // The parent studied as a whole has used its 20 (Anki v3: studying a subdeck counts for its parents).
    expect(row(l, 'Parent').newCount).toBe(0);
    // What can be studied today: B and C opened on their own.
    expect(l.today.newCount).toBe(40);
  });

  it('with "limits start from top" the parent limit also bounds each subdeck studied on its own', async () => {
    t = bare();
    const ids = threeSubdecks(t);
    await t.call('settings.update', { limitsStartFromTop: true });
    studyNew(t.app.services.repos.db, ids.a, 15);
    const l = await list(t);
    expect(row(l, 'Parent').newCount).toBe(5);
    expect(row(l, 'Parent::B').newCount).toBe(5);
    expect(row(l, 'Parent::C').newCount).toBe(5);
    expect(l.today.newCount).toBe(5);
    const queue = t.app.services.queue.build(t.app.services.decks.node(ids.b).subtree, 50);
    expect(queue.counts.newCount).toBe(5);
    expect(queue.cards.filter((c) => c.state === 0)).toHaveLength(5);
  });
});

describe("a parent's row", () => {
  it("counts its subdecks' counts, each within its own preset's limits, within the parent's limit", async () => {
    t = bare();
    const ids = threeSubdecks(t);
    const { presetId: few } = await t.call<{ presetId: number }>('presets.create', { name: 'Few' });
    await t.call('presets.update', { presetId: few, config: { newPerDay: 5 } });
    await t.call('deckOptions.setPreset', { deckId: ids.a, presetId: few });
    const { presetId: many } = await t.call<{ presetId: number }>('presets.create', { name: 'Many' });
    await t.call('presets.update', { presetId: many, config: { newPerDay: 50 } });
    await t.call('deckOptions.setPreset', { deckId: ids.parent, presetId: many });
    const l = await list(t);
    expect(row(l, 'Parent::A').newCount).toBe(5);
    expect(row(l, 'Parent::B').newCount).toBe(20);
    // 5 + 20 + 20, within the parent's 50.
    expect(row(l, 'Parent').newCount).toBe(45);
    const queue = t.app.services.queue.build(t.app.services.decks.node(ids.parent).subtree, 100);
    const fromA = queue.cards.filter((c) => c.deckId === ids.a);
    expect(fromA).toHaveLength(5);
    expect(queue.cards).toHaveLength(45);
    // A today-only limit for the parent bounds its row that day.
    await t.call('deckOptions.setLimits', { deckId: ids.parent, limits: { newPerDay: null, reviewsPerDay: null, newToday: 30, reviewsToday: null } });
    expect(row(await list(t), 'Parent').newCount).toBe(30);
  });
});

describe("the studied deck's preset orders the queue", () => {
  it('reviews by interval (descending) and new cards shuffled the same all day', async () => {
    t = bare();
    const db = t.app.services.repos.db;
    const deck = t.app.services.repos.decks.ensurePath('Ordered', NOW);
    addCards(db, deck, 30, 'o', 12);
    db.prepare("UPDATE cards SET scheduled_days = (id * 37) % 11 + 1, stability = 5, difficulty = 5, last_review = due - 86400000 WHERE state = 2").run();
    t.app.services.decks.invalidate();
    const subtree = t.app.services.decks.node(deck).subtree;
    const build = () => t!.app.services.queue.build(subtree, 100).cards;
    const byDue = build().filter((c) => c.state === 2);
    expect(byDue.map((c) => c.due)).toEqual([...byDue.map((c) => c.due)].sort((a, b) => a - b));

    await t.call('presets.update', { presetId: 1, config: { reviewOrder: 'intervalsDescending', newCardOrder: 'random' } });
    const cards = build();
    const reviews = cards.filter((c) => c.state === 2).map((c) => c.scheduledDays);
    expect(reviews).toHaveLength(12);
    expect(reviews).toEqual([...reviews].sort((a, b) => b - a));
    const fresh = cards.filter((c) => c.state === 0).map((c) => c.id);
    expect(fresh).toHaveLength(20);
    expect(fresh).not.toEqual([...fresh].sort((a, b) => a - b));
    t.clock.advance(60_000);
    expect(build().filter((c) => c.state === 0).map((c) => c.id)).toEqual(fresh);
  });
});
