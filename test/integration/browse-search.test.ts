/** The browser's search on a real SQLite collection, through the dispatch: every operator gives exactly the expected cards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowseRow, CardPreview } from '../../src/shared/api/browse-contract';
import { tempApp, type TempApp } from '../support/temp-app';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 9, 0); // study day starts at 04:00 UTC

let t: TempApp;
/** Card ids by their name in this fixture. */
const id: Record<string, number> = {};

beforeAll(() => {
  t = tempApp({ start: NOW, decksDir: undefined });
  const db = t.app.services.repos.db;
  const deck = db.prepare('INSERT INTO decks (id, name, parent_id, created_at) VALUES (?, ?, ?, ?)');
  deck.run(101, 'AWS', null, NOW);
  deck.run(102, 'EC2', 101, NOW);
  deck.run(103, 'AWSome', null, NOW);
  deck.run(104, 'My Deck', null, NOW);
  const note = db.prepare(
    "INSERT INTO notes (id, guid, deck_id, kind, content, tags, source, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'test', 'h', ?, ?)",
  );
  const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  const addNote = (nid: number, deckId: number, kind: number, content: object, tags: string[]) => {
    note.run(nid, `g${nid}`, deckId, kind, JSON.stringify(content), JSON.stringify(tags), NOW, NOW);
    for (const x of tags) tag.run(nid, x);
  };
  addNote(1, 102, 0, { kind: 'basic', front: 'What is EC2?', back: 'Elastic compute' }, ['aws', 'aws::ec2']);
  addNote(2, 104, 0, { kind: 'basic', front: 'The dog barks', back: 'woof' }, ['animals']);
  addNote(3, 103, 1, { kind: 'cloze', text: 'A {{c1::dig}} site' }, []);
  addNote(4, 101, 6, { kind: 'rendered', noteType: 'Basic', fields: [{ name: 'Front', value: 'Doug <b>bold</b>' }], cards: [{ ord: 0, front: 'Doug', back: 'Doug<hr id=answer>x' }], format: 'html' }, ['AWSome']);
  addNote(5, 104, 0, { kind: 'basic', front: 'front text with kind word', back: 'name' }, ['Animals::Cats']);
  const card = db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, scheduled_days, reps, lapses, state, last_review, suspended, flag, created_at)
     VALUES (@note, @deck, @ord, @due, @s, @d, @ivl, @reps, @lapses, @state, @last, @queue, @flag, @created)`,
  );
  const add = (name: string, c: Record<string, number | null>) => {
    const base = { ord: 0, s: 0, d: 0, ivl: 0, reps: 0, lapses: 0, state: 0, last: null, queue: 0, flag: 0, created: NOW };
    id[name] = Number(card.run({ ...base, ...c }).lastInsertRowid);
  };
  add('c1', { note: 1, deck: 102, due: NOW - DAY, s: 12, d: 5, ivl: 10, reps: 5, lapses: 1, state: 2, last: NOW - 10 * DAY, flag: 1, created: NOW - 30 * DAY });
  add('c2', { note: 2, deck: 104, due: NOW, created: NOW });
  add('c3', { note: 3, deck: 103, due: NOW - 60_000, s: 1, d: 6, reps: 1, state: 1, last: NOW - 10 * 60_000, created: NOW - 2 * DAY });
  add('c4', { note: 4, deck: 101, due: NOW + 3 * DAY, s: 30, d: 3, ivl: 20, reps: 3, state: 2, last: NOW - 17 * DAY, queue: 1, created: NOW - 40 * DAY });
  add('c5', { note: 5, deck: 104, due: NOW + 11 * 3_600_000, s: 6, d: 8, ivl: 5, reps: 8, lapses: 3, state: 2, last: NOW - 7 * DAY, queue: 3, flag: 4 });
  add('c6', { note: 2, ord: 1, deck: 104, due: NOW + 5 * 60_000, s: 2, d: 9, reps: 6, lapses: 2, state: 3, last: NOW - 3_600_000 });
  const log = db.prepare(
    'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, ?, 2, 1, 1, 5000, ?)',
  );
  log.run(id.c1, NOW - 3_600_000, 3, 0);
  log.run(id.c3, NOW - 10 * 60_000, 1, 0);
  log.run(id.c4, NOW - 3 * DAY, 4, 3);
  log.run(id.c5, NOW - 60_000, 3, 2); // a manual reschedule: not an answer
});
afterAll(() => t?.dispose());

async function search(query: string, more: Record<string, unknown> = {}) {
  return t.call<{ rows: BrowseRow[]; total: number }>('browse.search', { query, ...more });
}
/** The fixture names of the cards a search finds, sorted by name. */
async function found(query: string): Promise<string[]> {
  const r = await search(query, { limit: 500 });
  expect(r.total).toBe(r.rows.length);
  const names = Object.fromEntries(Object.entries(id).map(([k, v]) => [v, k]));
  return r.rows.map((row) => names[row.cardId]!).sort();
}

describe('browse.search on a real collection', () => {
  it.each([
    ['', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']],
    ['deck:AWS', ['c1', 'c4']],
    ['deck:aws::ec2', ['c1']],
    ['deck:AWS*', ['c1', 'c3', 'c4']],
    ['deck:"My Deck"', ['c2', 'c5', 'c6']],
    ['"deck:my deck"', ['c2', 'c5', 'c6']],
    ['deck:My_Deck', ['c2', 'c5', 'c6']],
    ['deck:nothing', []],
    ['tag:aws', ['c1']],
    ['tag:AWS::EC2', ['c1']],
    ['tag:aws*', ['c1', 'c4']],
    ['tag:animals', ['c2', 'c5', 'c6']],
    ['tag:none', ['c3']],
    ['deck:"My Deck" tag:animals', ['c2', 'c5', 'c6']],
    ['deck:AWS* tag:AWS', ['c1']],
    ['deck:* (tag:aws::ec2 or tag:animals::cats)', ['c1', 'c5']],
    ['deck:AWS* -tag:aws', ['c3', 'c4']],
    ['dog', ['c2', 'c6']],
    ['DOG', ['c2', 'c6']],
    ['d_g', ['c2', 'c3', 'c6']],
    ['d*g', ['c2', 'c3', 'c4', 'c6']],
    ['basic', []],
    ['front', ['c5']],
    ['"dog barks"', ['c2', 'c6']],
    ['"barks dog"', []],
    ['dog -barks', []],
    ['-dog', ['c1', 'c3', 'c4', 'c5']],
    ['dog or dig', ['c2', 'c3', 'c6']],
    ['(dog or dig) is:new', ['c2']],
    ['-(dog or dig) deck:AWS*', ['c1', 'c4']],
    ['is:new', ['c2']],
    ['is:learn', ['c3', 'c6']],
    ['is:review', ['c1', 'c4', 'c5', 'c6']],
    ['is:due', ['c1', 'c3']],
    ['is:suspended', ['c4']],
    ['is:buried', ['c5']],
    ['flag:1', ['c1']],
    ['flag:4', ['c5']],
    ['flag:0', ['c2', 'c3', 'c4', 'c6']],
    ['prop:ivl>=10', ['c1', 'c4']],
    ['prop:ivl<10', ['c5']],
    ['prop:ivl=20', ['c4']],
    ['prop:due=3', ['c4']],
    ['prop:due<0', ['c1']],
    ['prop:due=0', ['c5']],
    ['prop:due>0', ['c4']],
    ['prop:due!=0', ['c1', 'c4']],
    ['prop:reps>5', ['c5', 'c6']],
    ['prop:lapses=0', ['c2', 'c3', 'c4']],
    ['prop:lapses!=0', ['c1', 'c5', 'c6']],
    ['prop:s>10', ['c1', 'c4']],
    ['prop:s<=2', ['c3', 'c6']],
    ['prop:d>0.5', ['c3', 'c5', 'c6']],
    ['prop:r<0.9', ['c5']],
    ['prop:r>=0.9', ['c1', 'c3', 'c4', 'c6']],
    ['rated:1', ['c1', 'c3']],
    ['rated:1:1', ['c3']],
    ['rated:3', ['c1', 'c3']],
    ['rated:4', ['c1', 'c3', 'c4']],
    ['added:1', ['c2', 'c5', 'c6']],
    ['added:3', ['c2', 'c3', 'c5', 'c6']],
    ['kind:cloze', ['c3']],
    ['kind:rendered', ['c4']],
    ['kind:basic tag:animals -is:review', ['c2']],
  ])('%s', async (query, expected) => {
    expect(await found(query)).toEqual(expected);
  });

  it('sorts by each column, empty values last both ways, ties by card id', async () => {
    const order = async (sort: string, descending = false) => (await search('', { sort, descending })).rows.map((r) => r.cardId);
    expect(await order('interval')).toEqual([id.c5, id.c1, id.c4, id.c2, id.c3, id.c6]);
    expect(await order('interval', true)).toEqual([id.c4, id.c1, id.c5, id.c6, id.c3, id.c2]);
    expect(await order('deck')).toEqual([id.c4, id.c1, id.c3, id.c2, id.c5, id.c6]);
    expect(await order('sortField')).toEqual([id.c3, id.c4, id.c5, id.c2, id.c6, id.c1]);
    expect(await order('lapses', true)).toEqual([id.c5, id.c6, id.c1, id.c4, id.c3, id.c2]);
    expect(await order('reviews')).toEqual([id.c2, id.c3, id.c4, id.c1, id.c6, id.c5]);
    expect(await order('added')).toEqual([id.c4, id.c1, id.c3, id.c2, id.c5, id.c6]);
    expect(await order('stability')).toEqual([id.c3, id.c6, id.c5, id.c1, id.c4, id.c2]);
    expect(await order('difficulty', true)).toEqual([id.c6, id.c5, id.c3, id.c1, id.c4, id.c2]);
    expect(await order('due')).toEqual([id.c1, id.c3, id.c6, id.c5, id.c4, id.c2]);
    const byR = await order('retrievability');
    expect(byR[0]).toBe(id.c5);
    expect(byR[5]).toBe(id.c2);
  });

  it('pages with the total of all matches and shows each column', async () => {
    const page = await search('', { sort: 'added', offset: 2, limit: 2 });
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => r.cardId)).toEqual([id.c3, id.c2]);
    const [c1] = (await search('tag:aws::ec2')).rows;
    expect(c1).toMatchObject({ sortField: 'What is EC2?', deckName: 'AWS::EC2', kind: 'basic', state: 2, queue: 0, flag: 1, interval: 10, stability: 12, lapses: 1, reviews: 5 });
    expect(c1!.difficulty).toBeCloseTo(4 / 9, 6);
    expect(c1!.retrievability).toBeGreaterThan(0.9);
    expect(c1!.retrievability).toBeLessThan(1);
    expect((await search('kind:rendered')).rows[0]!.sortField).toBe('Doug bold');
    expect((await search('is:new')).rows[0]).toMatchObject({ interval: null, stability: null, difficulty: null, retrievability: null });
  });

  it('refuses a malformed search with invalid_input pointing at the column', async () => {
    const cases: Array<[string, RegExp]> = [
      ['dog "barks', /^Column 5: this quote is never closed/],
      ['(dog or dig', /^Column 1: this \( is never closed/],
      ['dog)', /^Column 4: this \) has no matching \(/],
      ['is:dew', /^Column 4: is: "dew" is not a card state; use one of new, learn, review, due, suspended, buried\./],
      ['prop:ivl>=ten', /^Column 6: prop: "ten" is not a whole number/],
      ['kind:essay', /^Column 6: kind: "essay" is not a note kind; use one of basic, cloze/],
    ];
    for (const [query, message] of cases) {
      const r = await t.app.dispatch('browse.search', { query });
      expect(r.ok, query).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toMatch(message);
      }
    }
  });

  it('a search of a thousand terms still runs (the SQL stays within SQLite\'s expression depth)', async () => {
    expect(await found(Array(1300).fill('o').join(' '))).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].filter((c) => c !== 'c3'));
    expect(await found(Array(560).fill('dog').join(' or '))).toEqual(['c2', 'c6']);
  });

  it('select all gives every matching card and its notes', async () => {
    expect(await t.call('browse.ids', { query: 'tag:animals' })).toEqual({ cardIds: [id.c2, id.c5, id.c6].sort((a, b) => a! - b!), noteIds: [2, 5] });
  });

  it('previews a card as review shows it, with its history newest first', async () => {
    const p = await t.call<CardPreview>('browse.card', { cardId: id.c1 });
    expect(p).toMatchObject({ noteId: 1, deckName: 'AWS::EC2', front: 'What is EC2?', back: 'Elastic compute', format: 'markdown', tags: ['aws', 'aws::ec2'], flag: 1, queue: 0 });
    expect(p.history).toEqual([{ at: NOW - 3_600_000, rating: 3, kind: 'review', stateBefore: 2, elapsedDays: 1, scheduledDays: 1, durationMs: 5000 }]);
    expect(p.backIsAnswerSide).toBe(false);
    // An imported card whose back is Anki's whole answer side: the preview shows it alone, as review does.
    expect(await t.call<CardPreview>('browse.card', { cardId: id.c4 })).toMatchObject({ format: 'html', back: 'Doug<hr id=answer>x', backIsAnswerSide: true, queue: 1 });
    const buried = await t.call<CardPreview>('browse.card', { cardId: id.c5 });
    expect(buried.queue).toBe(3);
    expect(await t.app.dispatch('browse.card', { cardId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
