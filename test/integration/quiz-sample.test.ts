/**
 * Quiz candidate samples found through indexes (random rowid probes, or a small set read whole):
 * seed-determined, only passing cards, no duplicates, and uniform over the passing cards however
 * their ids are spread. Real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_KIND_CODES } from '../../src/shared/enums';
import { createApp, type RetainApp } from '../../src/main/app';
import { manualClock } from '../../src/main/core/clock';
import { cardKey } from '../../src/main/core/quiz/build-quiz';
import type { CandidateFilter } from '../../src/main/db/repos/quiz-repo';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const ALL = Object.values(NOTE_KIND_CODES);
const BASIC = [NOTE_KIND_CODES.basic];
let dir = '';
let app: RetainApp;
let bigDeck = 0;
let smallDeck = 0;
/** Card ids by role. */
const cards = { clustered: [] as number[], isolated: [] as number[], small: [] as number[], prompts: [] as number[], suspended: [] as number[], removed: [] as number[] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'retain-quiz-sample-'));
  app = createApp({ dataDir: dir, decksDir: dir, clock: manualClock(T0), timeZone: 'UTC' });
  const { repos } = app.services;
  repos.db.transaction(() => {
    bigDeck = repos.decks.ensurePath('Big', T0);
    smallDeck = repos.decks.ensurePath('Small', T0);
    const add = (i: number, deckId: number, tags: string[]): number => {
      const noteId = repos.notes.insert(
        { guid: `s-${i}`, deckId, content: { kind: 'basic', front: `Q ${i}?`, back: `A ${i}` }, tags, section: '', source: 'generated', contentHash: `h${i}` },
        T0,
      );
      return repos.cards.insert(noteId, deckId, 0, T0, T0);
    };
    // 6,000 cards. "topic" sits on one run of 300 consecutive notes and on 300 notes spread one in
    // 15 over the rest: a sampler that took "the next tagged card after a random point" would pick
    // the spread ones far more often than the clustered ones.
    for (let i = 0; i < 6000; i++) {
      const clustered = i >= 1000 && i < 1300;
      const isolated = !clustered && i >= 1300 && (i - 1300) % 15 === 0 && cards.isolated.length < 300;
      const id = add(i, bigDeck, clustered || isolated ? ['topic'] : ['other']);
      if (clustered) cards.clustered.push(id);
      else if (isolated) cards.isolated.push(id);
      else if (i % 500 === 7) cards.prompts.push(id);
      else if (i % 500 === 9) cards.suspended.push(id);
      else if (i % 500 === 11) cards.removed.push(id);
    }
    for (let i = 0; i < 12; i++) cards.small.push(add(10_000 + i, smallDeck, ['small']));
    const ids = (list: number[]) => list.join(', ');
    repos.db.exec(`UPDATE notes SET kind = ${NOTE_KIND_CODES.prompt} WHERE id IN (SELECT note_id FROM cards WHERE id IN (${ids(cards.prompts)}))`);
    repos.db.exec(`UPDATE cards SET suspended = 1 WHERE id IN (${ids(cards.suspended)})`);
    repos.db.exec(`UPDATE notes SET removed_at = ${T0} WHERE id IN (SELECT note_id FROM cards WHERE id IN (${ids(cards.removed)}))`);
  })();
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const filter = (f: Partial<CandidateFilter>): CandidateFilter => ({ deckIds: [], tags: [], noteKinds: ALL, ...f });
const sample = (f: CandidateFilter, salt: number, limit: number): number[] => app.services.repos.quiz.sample(f, salt, limit).map((r) => r.cardId);
const smallestKeys = (ids: number[], salt: number, n: number): number[] =>
  [...ids].sort((a, b) => cardKey(salt, a) - cardKey(salt, b) || a - b).slice(0, n);

describe('quiz candidate samples', () => {
  it('are seed-determined, without duplicates, and hold only cards that pass the filter', () => {
    const f = filter({ deckIds: [bigDeck], tags: ['topic'], noteKinds: BASIC });
    const topic = new Set([...cards.clustered, ...cards.isolated]);
    const a = sample(f, 17, 50);
    expect(a).toHaveLength(50);
    expect(new Set(a).size).toBe(50);
    expect(a.every((id) => topic.has(id))).toBe(true);
    expect(sample(f, 17, 50)).toEqual(a);
    expect(sample(f, 18, 50)).not.toEqual(a);
    // No filter: never a suspended card, a removed note, or a kind not asked for.
    const excluded = new Set([...cards.suspended, ...cards.removed, ...cards.prompts]);
    for (let salt = 0; salt < 20; salt++) {
      const all = sample(filter({ noteKinds: BASIC }), salt, 200);
      expect(all).toHaveLength(200);
      expect(all.filter((id) => excluded.has(id))).toEqual([]);
    }
  });

  it('are uniform over the passing cards, however their ids are spread', () => {
    const f = filter({ tags: ['topic'], noteKinds: BASIC });
    const clustered = new Set(cards.clustered);
    let fromCluster = 0;
    let picks = 0;
    const seen = new Map<number, number>();
    for (let salt = 1; salt <= 300; salt++) {
      for (const id of sample(f, salt, 20)) {
        picks++;
        if (clustered.has(id)) fromCluster++;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    }
    expect(picks).toBe(6000);
    // Half of the 600 topic cards are clustered: 3,000 expected, standard deviation about 39.
    expect(Math.abs(fromCluster - 3000)).toBeLessThan(200);
    // Each card about 10 times; none never or far too often.
    expect(seen.size).toBeGreaterThan(590);
    expect(Math.max(...seen.values())).toBeLessThan(30);
  });

  it('read a small set whole: the cards with the smallest seeded keys, all of them when fewer than asked', () => {
    const f = filter({ deckIds: [smallDeck] });
    expect(sample(f, 5, 50).sort((a, b) => a - b)).toEqual([...cards.small].sort((a, b) => a - b));
    expect(sample(f, 5, 4)).toEqual(smallestKeys(cards.small, 5, 4));
    const prompts = filter({ noteKinds: [NOTE_KIND_CODES.prompt] });
    expect(sample(prompts, 9, 5)).toEqual(smallestKeys(cards.prompts, 9, 5));
    expect(sample(prompts, 9, 100).sort((a, b) => a - b)).toEqual([...cards.prompts].sort((a, b) => a - b));
    // A tag every card must carry, within the filter's decks.
    expect(app.services.repos.quiz.sampleWithTag(filter({ deckIds: [smallDeck] }), 'topic', 3, 10)).toEqual([]);
    expect(app.services.repos.quiz.sampleInDeck(filter({ deckIds: [bigDeck] }), smallDeck, 3, 10)).toEqual([]);
    expect(app.services.repos.quiz.sampleInDeck(filter({}), smallDeck, 3, 3).map((r) => r.cardId)).toEqual(smallestKeys(cards.small, 3, 3));
  });
});
