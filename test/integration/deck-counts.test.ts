/**
 * What the deck list and today's queue read grows with what they show, not with the collection:
 * card totals kept by the schema (checked against a real count after every kind of change),
 * the next cards of a deck with subdecks merged in queue order, and no statement of the deck
 * list or the queue scanning all cards, whatever statistics the planner holds.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeckSummary } from '../../src/shared/api/decks-contract';
import { manualClock } from '../../src/main/core/clock';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openDb, type Db } from '../../src/main/db/open-db';
import { createRepos } from '../../src/main/db/repos';
import { createBuiltinDeckService } from '../../src/main/services/builtin-deck-service';
import { createDeckService } from '../../src/main/services/deck-service';
import { createQueueService } from '../../src/main/services/queue-service';
import { createSettingsService } from '../../src/main/services/settings-service';
import { DECKS_DIR, tempApp, type TempApp } from '../support/temp-app';

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const DAY = 86_400_000;
let t: TempApp | undefined;
afterEach(() => {
  t?.dispose();
  t = undefined;
});

/** `n` one-card notes in the deck: review cards due at spread times (state 2) and new cards (state 0). */
function addCards(db: Db, deckId: number, n: number, tag: string): void {
  const note = db.prepare(
    "INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at) VALUES (?, ?, 0, '{}', '[]', '', 'test', 'h', ?, ?)",
  );
  const card = db.prepare('INSERT INTO cards (note_id, deck_id, ord, due, state, created_at) VALUES (?, ?, 0, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const noteId = Number(note.run(`${tag}-${i}`, deckId, NOW, NOW).lastInsertRowid);
      card.run(noteId, deckId, NOW - DAY + ((i * 7919) % 1000) * 60_000, i % 3 === 0 ? 0 : 2, NOW);
    }
  })();
}

const counted = (db: Db, deckIds: number[]): number =>
  (db.prepare(`SELECT count(*) AS n FROM cards WHERE deck_id IN (${deckIds.join(',')})`).get() as { n: number }).n;

/** Record every statement run on `db` (its SQL and last arguments) from now on. */
function recordStatements(db: Db): Map<string, unknown[]> {
  const ran = new Map<string, unknown[]>();
  const prepare = db.prepare.bind(db);
  (db as { prepare: Db['prepare'] }).prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const method of ['get', 'all', 'run', 'iterate'] as const) {
      const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        ran.set(sql, args);
        return original(...args);
      };
    }
    return stmt;
  }) as Db['prepare'];
  return ran;
}

const planOf = (db: Db, sql: string, args: unknown[]): string[] =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail);

async function listed(app: TempApp): Promise<DeckSummary[]> {
  return (await app.call<{ decks: DeckSummary[] }>('decks.list')).decks;
}

describe('deck list totals', () => {
  it('match a real count after inserts, moves, suspensions and deletions, for every subtree', async () => {
    t = tempApp({ start: NOW });
    const db = t.app.services.repos.db;
    const parent = t.app.services.repos.decks.ensurePath('Parent', NOW);
    const a = t.app.services.repos.decks.ensurePath('Parent::A', NOW);
    const b = t.app.services.repos.decks.ensurePath('Parent::B', NOW);
    addCards(db, a, 40, 'a');
    addCards(db, b, 25, 'b');
    t.app.services.decks.invalidate();
    const ids = (db.prepare('SELECT id FROM cards WHERE deck_id = ? ORDER BY id').all(a) as Array<{ id: number }>).map((r) => r.id);
    t.app.services.repos.cards.moveToDeck(ids[0]!, b);
    t.app.services.repos.cards.moveToDeck(ids[1]!, parent);
    t.app.services.repos.cards.setSuspended(ids[2]!, true);
    t.app.services.repos.cards.delete(ids[3]!);
    db.prepare('DELETE FROM notes WHERE guid = ?').run('b-0');

    const decks = await listed(t);
    expect(decks.length).toBeGreaterThan(3);
    for (const d of decks) {
      const subtree = t.app.services.decks.node(d.id).subtree;
      expect(d.totalCards, d.path).toBe(counted(db, subtree));
    }
    expect(decks.find((d) => d.path === 'Parent')!.totalCards).toBe(40 + 25 - 2);
    expect(decks.find((d) => d.path === 'Parent::A')!.totalCards).toBe(40 - 3);
  });

  it('are filled by the migration for cards written before it', () => {
    const db = new Database(':memory:');
    try {
      for (const m of MIGRATIONS.filter((x) => x.version < 3)) db.exec(m.sql);
      db.pragma('user_version = 2');
      const deck = Number(db.prepare("INSERT INTO decks (name, created_at) VALUES ('Old', 1)").run().lastInsertRowid);
      addCards(db, deck, 12, 'old');
      migrate(db, { backup: () => undefined });
      expect(createRepos(db).cards.totalsByDeck().get(deck)).toBe(12);
    } finally {
      db.close();
    }
  });
});

describe("a deck's queue with subdecks", () => {
  it('gives the next cards of all its decks in due order, as one sort of all of them would', () => {
    t = tempApp({ start: NOW });
    const db = t.app.services.repos.db;
    const a = t.app.services.repos.decks.ensurePath('Parent::A', NOW);
    const b = t.app.services.repos.decks.ensurePath('Parent::B', NOW);
    addCards(db, a, 300, 'a');
    addCards(db, b, 300, 'b');
    t.app.services.decks.invalidate();
    const subtree = t.app.services.decks.node(t.app.services.repos.decks.ensurePath('Parent', NOW)).subtree;
    const expected = (state: number) =>
      (
        db
          .prepare(`SELECT id FROM cards WHERE deck_id IN (${subtree.join(',')}) AND state = ? AND suspended = 0 AND due < ? ORDER BY due, id LIMIT 50`)
          .all(state, NOW + DAY) as Array<{ id: number }>
      ).map((r) => r.id);
    const cards = t.app.services.repos.cards;
    expect(cards.next('review', subtree, NOW + DAY, 50).map((c) => c.id)).toEqual(expected(2));
    expect(cards.next('new', subtree, NOW + DAY, 50).map((c) => c.id)).toEqual(expected(0));
    expect(new Set(cards.next('review', subtree, NOW + DAY, 50).map((c) => c.deckId))).toEqual(new Set([a, b]));
  });
});

describe('query plans', () => {
  it('no statement of the deck list or the queue scans all cards, even with statistics gathered on an empty review log', () => {
    t = tempApp({ start: NOW });
    const dbPath = t.app.dbPath;
    const db0 = t.app.services.repos.db;
    const a = t.app.services.repos.decks.ensurePath('Parent::A', NOW);
    const b = t.app.services.repos.decks.ensurePath('Parent::B', NOW);
    addCards(db0, a, 2000, 'a');
    addCards(db0, b, 10, 'b');
    db0.exec('ANALYZE');
    t.app.close();

    // Every statement the services run, recorded on a connection of our own.
    const db = openDb(dbPath);
    try {
      const ran = recordStatements(db);
      const repos = createRepos(db);
      const settings = createSettingsService(repos, 'UTC');
      const queue = createQueueService(repos, settings, manualClock(NOW), 'UTC');
      const decks = createDeckService(repos, queue);
      const list = decks.list();
      for (const d of list) queue.build(decks.node(d.id).subtree, 50);
      repos.reviewLog.lastUndoable(decks.node(a).subtree, NOW - DAY);

      const onCards = [...ran].filter(([sql]) => /\bcards\b/.test(sql));
      expect(onCards.length).toBeGreaterThan(5);
      for (const [sql, args] of onCards) {
        const plan = planOf(db, sql, args);
        expect(plan.filter((p) => /^SCAN (cards|c)\b/.test(p)), `${sql}\n${plan.join('\n')}`).toEqual([]);
      }
    } finally {
      db.close();
    }
  });
});

describe("the start's built-in deck check", () => {
  it('reads no note when the deck files are unchanged, and reads one deck\'s notes through an index when one changed', () => {
    t = tempApp({ start: NOW });
    const dbPath = t.app.dbPath;
    t.app.close();
    const db = openDb(dbPath);
    try {
      const ran = recordStatements(db);
      const repos = createRepos(db);
      const sync = createBuiltinDeckService(repos, manualClock(NOW)).sync(DECKS_DIR);
      expect(sync.installed).toEqual([]);
      expect(sync.unchanged.length).toBeGreaterThan(0);
      expect([...ran.keys()].filter((sql) => /\bnotes\b/.test(sql))).toEqual([]);
      // What an update of one deck reads: that deck's notes, found by the notes_source index.
      repos.notes.bySource('builtin:aws-lambda');
      const [sql, args] = [...ran].find(([q]) => /\bnotes\b/.test(q))!;
      expect(planOf(db, sql, args).join('\n')).toMatch(/SEARCH notes USING INDEX notes_source/);
    } finally {
      db.close();
    }
  });
});
