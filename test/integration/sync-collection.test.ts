/**
 * Notes, decks, presets and settings synced between two real apps (real SQLite files): each
 * device's events (repos.sync.localAfter) merged into the other (mergeEvents). Edits, deletes,
 * revivals, deck renames, moves and deletes, preset and setting changes converge; the same
 * built-in decks installed on both devices merge without duplicates.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveResult } from '../../src/shared/api/notes-contract';
import type { SyncEvent } from '../../src/main/core/sync/sync-events';
import { createAppliers } from '../../src/main/services/sync/appliers';
import type { ApplierDeps } from '../../src/main/services/sync/applier-deps';
import { mergeEvents } from '../../src/main/services/sync/merge-events';
import { recordUnjournaled } from '../../src/main/services/sync/sync-genesis';
import { BUILTIN_DECK_DIR } from '../support/builtin-decks';
import { tempApp, type TempApp } from '../support/temp-app';

interface Device {
  t: TempApp;
  deps: () => ApplierDeps;
  /** Per other device: the last of its seqs merged here. */
  merged: Map<Device, number>;
}

const devices: Device[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.t.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function device(decksDir?: string, start = Date.UTC(2026, 2, 10, 9, 0)): Device {
  const t = tempApp({ decksDir, start });
  const s = () => t.app.services;
  const deps = (): ApplierDeps => ({ repos: s().repos, settings: s().settings, journal: s().journal, clock: t.clock, timeZone: 'UTC', invalidateDecks: () => s().decks.invalidate() });
  const d: Device = { t, deps, merged: new Map() };
  devices.push(d);
  return d;
}

/** Turn sync on (the whole collection recorded once). */
function start(d: Device): void {
  recordUnjournaled(d.deps());
}

/** `from`'s new events merged into `to` (after `from` records what changed without a journal call). */
function send(from: Device, to: Device): void {
  recordUnjournaled(from.deps());
  const after = to.merged.get(from) ?? 0;
  const events = from.deps().repos.sync.localAfter(after, 1_000_000);
  if (events.length === 0) return;
  const r = mergeEvents(to.deps().repos, to.deps().journal, createAppliers(to.deps()), events);
  expect(r.skipped).toBe(0);
  to.merged.set(from, events[events.length - 1]!.seq);
}

function exchange(a: Device, b: Device): void {
  send(a, b);
  send(b, a);
  send(a, b);
}

const rows = <T = Record<string, unknown>>(d: Device, sql: string, ...args: unknown[]): T[] => d.t.app.services.repos.db.prepare(sql).all(...args) as T[];

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The synced collection by ids shared across devices (local ids left out). */
function snapshot(d: Device) {
  const json = (text: string | null) => (text === null ? null : canonical(JSON.parse(text)));
  return {
    decks: rows<Record<string, unknown>>(
      d,
      `SELECT d.guid, d.name, p.guid AS parent, d.description, s.guid AS preset, d.limits FROM decks d
       LEFT JOIN decks p ON p.id = d.parent_id JOIN presets s ON s.id = d.preset_id ORDER BY d.guid`,
    ),
    notes: rows<Record<string, unknown> & { content: string; tags: string }>(
      d,
      `SELECT n.guid, d.guid AS deck, n.kind, n.content, n.tags, n.section, n.source, n.content_hash, n.fact, n.created_at, n.removed_at, n.edited_at
       FROM notes n JOIN decks d ON d.id = n.deck_id ORDER BY n.guid`,
    ).map((n) => ({ ...n, content: json(n.content), tags: JSON.parse(n.tags) as unknown })),
    tags: rows(d, 'SELECT n.guid, t.tag FROM note_tags t JOIN notes n ON n.id = t.note_id ORDER BY n.guid, t.tag'),
    cards: rows(d, 'SELECT n.guid, c.ord, d.guid AS deck FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id ORDER BY n.guid, c.ord'),
    presets: rows<{ guid: string; name: string; config: string }>(d, 'SELECT guid, name, config FROM presets ORDER BY guid').map((p) => ({ ...p, config: json(p.config) })),
    settings: rows(d, "SELECT key, value FROM settings WHERE key IN ('collection', 'builtinDecksRemoved') ORDER BY key"),
  };
}

async function addNote(d: Device, deckId: number, front: string, tags = ['mine']): Promise<number> {
  const r = await d.t.call<SaveResult>('notes.add', { draft: { deckId, content: { kind: 'basic', front, back: 'back' }, tags } });
  if (r.status !== 'saved') throw new Error(JSON.stringify(r));
  return r.noteId;
}
const noteId = (d: Device, front: string): number | undefined =>
  rows<{ id: number }>(d, "SELECT id FROM notes WHERE json_extract(content, '$.front') = ?", front)[0]?.id;
const deckId = (d: Device, name: string): number => rows<{ id: number }>(d, 'SELECT id FROM decks WHERE name = ?', name)[0]!.id;
const note = (d: Device, id: number) => d.t.app.services.noteEditor.get(id);

async function pair(): Promise<[Device, Device]> {
  const a = device();
  const b = device();
  start(a);
  start(b);
  return [a, b];
}

describe('sync of notes', () => {
  it('keeps concurrent edits of different fields of one note on both devices', async () => {
    const [a, b] = await pair();
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    const id = await addNote(a, mine, 'What is FSRS?');
    exchange(a, b);
    const onB = noteId(b, 'What is FSRS?')!;
    expect(note(b, onB).tags).toEqual(['mine']);
    expect(rows(b, 'SELECT ord FROM cards WHERE note_id = ?', onB)).toEqual([{ ord: 0 }]);

    a.t.clock.advance(60_000);
    b.t.clock.advance(61_000);
    await a.t.call('notes.update', { noteId: id, draft: { deckId: mine, content: { kind: 'basic', front: 'What is FSRS, briefly?', back: 'back' }, tags: ['mine'] } });
    const bDeck = deckId(b, 'Mine');
    await b.t.call('notes.update', { noteId: onB, draft: { deckId: bDeck, content: { kind: 'basic', front: 'What is FSRS?', back: 'back', reversed: true }, tags: ['mine', 'fsrs'] } });
    exchange(a, b);
    for (const d of [a, b]) {
      const n = note(d, rows<{ id: number }>(d, 'SELECT id FROM notes')[0]!.id);
      expect(n.content).toMatchObject({ front: 'What is FSRS, briefly?', reversed: true });
      expect(n.tags).toEqual(['mine', 'fsrs']);
    }
    // The reverse card B's edit made exists on A too.
    expect(rows(a, 'SELECT ord FROM cards ORDER BY ord')).toEqual([{ ord: 0 }, { ord: 1 }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('leaves out the cards an edit removed, on a device that gets the note and the edit at once', async () => {
    const [a, b] = await pair();
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    const r = await a.t.call<SaveResult>('notes.add', { draft: { deckId: mine, content: { kind: 'cloze', text: '{{c1::One}} and {{c2::two}}' }, tags: ['c'] } });
    if (r.status !== 'saved') throw new Error('not saved');
    const cardIds = r.cardIds;
    expect(cardIds).toHaveLength(2);
    await a.t.call('notes.update', { noteId: r.noteId, draft: { deckId: mine, content: { kind: 'cloze', text: '{{c1::One}} and two' }, tags: ['c'] }, confirmDelete: [cardIds[1]] });
    expect(rows(a, 'SELECT ord FROM cards')).toEqual([{ ord: 0 }]);
    exchange(a, b);
    expect(rows(b, 'SELECT ord FROM cards')).toEqual([{ ord: 0 }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('gives one field edited on both devices the later edit', async () => {
    const [a, b] = await pair();
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    const id = await addNote(a, mine, 'Q');
    exchange(a, b);
    const onB = noteId(b, 'Q')!;
    b.t.clock.advance(10_000);
    await b.t.call('notes.update', { noteId: onB, draft: { deckId: deckId(b, 'Mine'), content: { kind: 'basic', front: 'Q from B', back: 'back' }, tags: ['mine'] } });
    a.t.clock.advance(20_000);
    await a.t.call('notes.update', { noteId: id, draft: { deckId: mine, content: { kind: 'basic', front: 'Q from A', back: 'back' }, tags: ['mine'] } });
    exchange(b, a);
    expect(noteId(a, 'Q from A')).toBeDefined();
    expect(noteId(b, 'Q from A')).toBeDefined();
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('deletes a note edited before the delete, and brings it back with its cards after a later edit', async () => {
    const [a, b] = await pair();
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    const id = await addNote(a, mine, 'Doomed');
    exchange(a, b);
    const onB = noteId(b, 'Doomed')!;
    const bDeck = deckId(b, 'Mine');
    b.t.clock.advance(10_000);
    await b.t.call('notes.update', { noteId: onB, draft: { deckId: bDeck, content: { kind: 'basic', front: 'Doomed', back: 'edited before' }, tags: ['mine'] } });
    a.t.clock.advance(20_000);
    await a.t.call('notes.delete', { noteIds: [id] });
    exchange(a, b);
    expect(rows(a, 'SELECT id FROM notes')).toEqual([]);
    expect(rows(b, 'SELECT id FROM notes')).toEqual([]);
    expect(rows(b, 'SELECT id FROM cards')).toEqual([]);

    // Undo of the delete is newer than it: the note comes back everywhere as the undo restored it.
    a.t.clock.advance(10_000);
    await a.t.call('actions.undo', {});
    exchange(a, b);
    const back = noteId(b, 'Doomed');
    expect(back).toBeDefined();
    expect(note(b, back!).content).toMatchObject({ back: 'back' });
    expect(rows(b, 'SELECT ord FROM cards WHERE note_id = ?', back)).toEqual([{ ord: 0 }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('brings back, on undo of a delete, the answers another device made on the note before the delete', async () => {
    const [a, b] = await pair();
    const id = await addNote(a, (await a.t.call<{ deckId: number }>('decks.create', { name: 'Kept' })).deckId, 'Answered elsewhere');
    exchange(a, b);
    const onB = noteId(b, 'Answered elsewhere')!;
    const cardB = rows<{ id: number }>(b, 'SELECT id FROM cards WHERE note_id = ?', onB)[0]!.id;
    b.t.clock.advance(60_000);
    await b.t.call('review.answer', { cardId: cardB, rating: 3, durationMs: 1000 });
    a.t.clock.advance(120_000);
    a.t.app.services.deletes.deleteNotes([id]);
    // The answer is older than the delete: on A it waits in the journal while the note is gone.
    send(b, a);
    expect(noteId(a, 'Answered elsewhere')).toBeUndefined();
    await a.t.call('actions.undo', {});
    exchange(a, b);
    const cardState = (d: Device) =>
      rows(d, "SELECT c.reps, c.state, c.due, c.sync_head FROM cards c JOIN notes n ON n.id = c.note_id WHERE json_extract(n.content, '$.front') = 'Answered elsewhere'");
    const log = (d: Device) => rows(d, 'SELECT uid, reviewed_at, rating, scheduled_days FROM review_log ORDER BY uid');
    expect(cardState(a)).toEqual(cardState(b));
    expect(log(a)).toEqual(log(b));
    expect(log(a)).toHaveLength(1);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('keeps a note edited after a delete it had not seen', async () => {
    const [a, b] = await pair();
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    const id = await addNote(a, mine, 'Contested');
    exchange(a, b);
    a.t.clock.advance(10_000);
    await a.t.call('notes.delete', { noteIds: [id] });
    b.t.clock.advance(20_000);
    const onB = noteId(b, 'Contested')!;
    await b.t.call('notes.update', { noteId: onB, draft: { deckId: deckId(b, 'Mine'), content: { kind: 'basic', front: 'Contested', back: 'edited later' }, tags: ['kept'] } });
    exchange(a, b);
    const onA = noteId(a, 'Contested');
    expect(onA).toBeDefined();
    expect(note(a, onA!)).toMatchObject({ tags: ['kept'], content: { back: 'edited later' } });
    expect(rows(a, 'SELECT ord FROM cards WHERE note_id = ?', onA)).toEqual([{ ord: 0 }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});

describe('a device re-folding its own events', () => {
  it('gets exactly the rows it wrote', async () => {
    const [a] = await pair();
    const parent = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Parent::Child' })).deckId;
    const id = await addNote(a, parent, 'Own', ['x', 'y']);
    await a.t.call('notes.update', { noteId: id, draft: { deckId: parent, content: { kind: 'cloze', text: 'The {{c1::answer}} and {{c2::more}}' }, tags: ['y'] } });
    await addNote(a, parent, 'Other');
    await a.t.call('decks.rename', { deckId: parent, name: 'Renamed' });
    const exam = (await a.t.call<{ presetId: number }>('presets.create', { name: 'Exam' })).presetId;
    await a.t.call('presets.update', { presetId: exam, config: { newPerDay: 3 } });
    await a.t.call('settings.update', { dayStartHour: 5 });
    const raw = () => ({
      notes: rows(a, 'SELECT * FROM notes ORDER BY id'),
      decks: rows(a, 'SELECT * FROM decks ORDER BY id'),
      presets: rows(a, 'SELECT * FROM presets ORDER BY id'),
      settings: rows(a, 'SELECT * FROM settings ORDER BY key'),
      tags: rows(a, 'SELECT * FROM note_tags ORDER BY note_id, tag'),
    });
    const before = raw();
    const byEntity = new Map<string, SyncEvent[]>();
    for (const e of a.deps().repos.sync.localAfter(0, 1_000_000)) byEntity.set(e.entity, [...(byEntity.get(e.entity) ?? []), e]);
    const appliers = createAppliers(a.deps());
    a.deps().repos.db.transaction(() => {
      for (const kind of ['setting', 'preset', 'deck', 'note'] as const) {
        const fresh = new Map([...byEntity].filter(([entity]) => entity.startsWith(`${kind}:`)));
        expect(appliers[kind].apply(fresh).skipped).toBe(0);
      }
    })();
    expect(raw()).toEqual(before);
  });
});

describe('changes made without a journal call', () => {
  it('reach the other device at the next sync (an import adding and updating notes)', async () => {
    const [a, b] = await pair();
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    const id = await addNote(a, mine, 'Imported later');
    exchange(a, b);
    // What an import does: notes and cards written by the repos, no journal call.
    const repos = a.t.app.services.repos;
    a.t.clock.advance(60_000);
    const now = a.t.clock.now();
    repos.db.transaction(() => {
      const content = { kind: 'basic' as const, front: 'Imported later', back: 'updated by the import' };
      repos.notes.update(id, { guid: repos.notes.syncGuid(id)!, deckId: mine, content, tags: ['imported'], section: '', source: 'user', contentHash: 'f'.repeat(32) }, now);
      const fresh = repos.notes.insert({ guid: 'import-guid-1', deckId: mine, content: { kind: 'basic', front: 'Brand new', back: 'b' }, tags: ['imported'], section: '', source: 'import:csv', contentHash: 'e'.repeat(32) }, now);
      repos.cards.insert(fresh, mine, 0, now, now);
    })();
    exchange(a, b);
    const onB = noteId(b, 'Imported later')!;
    expect(note(b, onB)).toMatchObject({ tags: ['imported'], content: { back: 'updated by the import' } });
    expect(rows(b, "SELECT n.guid, c.ord FROM notes n JOIN cards c ON c.note_id = n.id WHERE n.guid = 'import-guid-1'")).toEqual([{ guid: 'import-guid-1', ord: 0 }]);
    // Nothing new is recorded when nothing changed since.
    const before = a.t.app.services.repos.sync.countLocal();
    recordUnjournaled(a.deps());
    expect(a.t.app.services.repos.sync.countLocal()).toBe(before);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('syncs tags added and removed in the browser, and their undo', async () => {
    const [a, b] = await pair();
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    const id = await addNote(a, mine, 'Tagged');
    exchange(a, b);
    await a.t.call('notes.addTags', { noteIds: [id], tags: ['extra'] });
    exchange(a, b);
    expect(note(b, noteId(b, 'Tagged')!).tags).toEqual(['mine', 'extra']);
    await a.t.call('actions.undo', {});
    exchange(a, b);
    expect(note(b, noteId(b, 'Tagged')!).tags).toEqual(['mine']);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});

describe('sync of decks, presets and settings', () => {
  it('merges a rename on one device with a move on the other', async () => {
    const [a, b] = await pair();
    const parent = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Parent' })).deckId;
    await a.t.call('decks.create', { name: 'Parent::Child' });
    exchange(a, b);
    expect(rows(b, "SELECT p.name FROM decks c JOIN decks p ON p.id = c.parent_id WHERE c.name = 'Child'")).toEqual([{ name: 'Parent' }]);
    a.t.clock.advance(1000);
    await a.t.call('decks.rename', { deckId: parent, name: 'Renamed' });
    b.t.clock.advance(2000);
    await b.t.call('decks.move', { deckId: deckId(b, 'Child'), parentId: null });
    exchange(a, b);
    for (const d of [a, b]) {
      expect(rows(d, 'SELECT name, parent_id AS parent FROM decks ORDER BY name')).toEqual([
        { name: 'Child', parent: null },
        { name: 'Renamed', parent: null },
      ]);
    }
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('undoes a loop two devices made by moving decks under each other, the same way on both', async () => {
    const [a, b] = await pair();
    const x = (await a.t.call<{ deckId: number }>('decks.create', { name: 'X' })).deckId;
    await a.t.call('decks.create', { name: 'Y' });
    exchange(a, b);
    a.t.clock.advance(1000);
    await a.t.call('decks.move', { deckId: x, parentId: deckId(a, 'Y') });
    b.t.clock.advance(2000);
    await b.t.call('decks.move', { deckId: deckId(b, 'Y'), parentId: deckId(b, 'X') });
    exchange(a, b);
    // path:x < path:y: X goes to the top level, Y stays under it.
    for (const d of [a, b]) {
      expect(rows(d, 'SELECT c.name, p.name AS parent FROM decks c LEFT JOIN decks p ON p.id = c.parent_id ORDER BY c.name')).toEqual([
        { name: 'X', parent: null },
        { name: 'Y', parent: 'X' },
      ]);
    }
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('deletes a deck and its notes; a note added to it elsewhere meanwhile moves to Default', async () => {
    const [a, b] = await pair();
    const gone = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Gone' })).deckId;
    await addNote(a, gone, 'Seen by A');
    exchange(a, b);
    b.t.clock.advance(1000);
    await addNote(b, deckId(b, 'Gone'), 'Unseen by A');
    a.t.clock.advance(2000);
    await a.t.call('decks.delete', { deckId: gone });
    exchange(a, b);
    for (const d of [a, b]) {
      expect(rows(d, "SELECT id FROM decks WHERE name = 'Gone'")).toEqual([]);
      expect(noteId(d, 'Seen by A')).toBeUndefined();
      expect(rows(d, "SELECT d.name FROM notes n JOIN decks d ON d.id = n.deck_id WHERE json_extract(n.content, '$.front') = 'Unseen by A'")).toEqual([{ name: 'Default' }]);
    }
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('puts the cards of a note that came before its deck in that deck when the deck comes', async () => {
    const [a, b] = await pair();
    const inbox = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Inbox' })).deckId;
    await addNote(a, inbox, 'Before its deck');
    // B merges the note and its card first; the deck's events come later.
    const early = a.deps().repos.sync.localAfter(0, 1_000_000).filter((e) => !e.entity.startsWith('deck:'));
    mergeEvents(b.deps().repos, b.deps().journal, createAppliers(b.deps()), early);
    expect(rows(b, "SELECT d.name FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id WHERE json_extract(n.content, '$.front') = 'Before its deck'")).toEqual([{ name: 'Default' }]);
    exchange(a, b);
    expect(rows(b, "SELECT d.name FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id WHERE json_extract(n.content, '$.front') = 'Before its deck'")).toEqual([{ name: 'Inbox' }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('keeps the other cards of a note where they are when moving its first card moves the note', async () => {
    const [a, b] = await pair();
    const home = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Home' })).deckId;
    const away = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Away' })).deckId;
    const r = await a.t.call<SaveResult>('notes.add', { draft: { deckId: home, content: { kind: 'cloze', text: '{{c1::one}} {{c2::two}} {{c3::three}}' }, tags: [] } });
    if (r.status !== 'saved') throw new Error(JSON.stringify(r));
    exchange(a, b);
    const first = rows<{ id: number }>(a, 'SELECT id FROM cards WHERE note_id = ? ORDER BY ord LIMIT 1', r.noteId)[0]!.id;
    a.t.clock.advance(1000);
    await a.t.call('cards.setDeck', { cardIds: [first], deckId: away });
    exchange(a, b);
    expect(rows(a, 'SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.note_id = ? ORDER BY c.ord', r.noteId)).toEqual([{ name: 'Away' }, { name: 'Home' }, { name: 'Home' }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('gives two decks made with one name on two devices one deck', async () => {
    const [a, b] = await pair();
    await a.t.call('decks.create', { name: 'Exam::Week 1' });
    b.t.clock.advance(5000);
    await b.t.call('decks.create', { name: 'Exam::Week 1' });
    exchange(a, b);
    expect(rows(a, 'SELECT name FROM decks ORDER BY name')).toEqual([{ name: 'Exam' }, { name: 'Week 1' }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('gives a name two different decks took under one parent to the smaller guid, on both devices', async () => {
    const [a, b] = await pair();
    const alpha = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Alpha' })).deckId;
    const beta = (await b.t.call<{ deckId: number }>('decks.create', { name: 'Beta' })).deckId;
    exchange(a, b);
    a.t.clock.advance(1000);
    await a.t.call('decks.rename', { deckId: alpha, name: 'Gamma' });
    b.t.clock.advance(2000);
    await b.t.call('decks.rename', { deckId: beta, name: 'Gamma' });
    exchange(a, b);
    // path:alpha < path:beta: Alpha's deck keeps the name, Beta's gets its guid's tail.
    for (const d of [a, b]) {
      expect(rows(d, "SELECT guid, name FROM decks WHERE guid IN ('path:alpha', 'path:beta') ORDER BY guid")).toEqual([
        { guid: 'path:alpha', name: 'Gamma' },
        { guid: 'path:beta', name: 'Gamma (thbeta)' },
      ]);
    }
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('syncs preset changes, deletes and the collection settings; display settings stay', async () => {
    const [a, b] = await pair();
    const exam = (await a.t.call<{ presetId: number }>('presets.create', { name: 'Exam' })).presetId;
    const mine = (await a.t.call<{ deckId: number }>('decks.create', { name: 'Mine' })).deckId;
    await a.t.call('deckOptions.setPreset', { deckId: mine, presetId: exam, includeSubdecks: false });
    exchange(a, b);
    const onB = rows<{ id: number }>(b, "SELECT id FROM presets WHERE name = 'Exam'")[0]!.id;
    expect(rows(b, "SELECT p.name FROM decks d JOIN presets p ON p.id = d.preset_id WHERE d.name = 'Mine'")).toEqual([{ name: 'Exam' }]);

    a.t.clock.advance(1000);
    await a.t.call('presets.update', { presetId: exam, config: { desiredRetention: 0.95 } });
    b.t.clock.advance(2000);
    await b.t.call('presets.update', { presetId: onB, config: { newPerDay: 7 } });
    await b.t.call('settings.update', { fuzz: false });
    b.t.app.services.settings.display.update({ loadRemoteImages: true });
    exchange(a, b);
    for (const d of [a, b]) {
      const id = rows<{ id: number }>(d, "SELECT id FROM presets WHERE name = 'Exam'")[0]!.id;
      expect(d.t.app.services.settings.presetConfig(id)).toMatchObject({ desiredRetention: 0.95, newPerDay: 7 });
      expect(d.t.app.services.settings.collection().fuzz).toBe(false);
    }
    expect(rows(a, "SELECT key FROM settings WHERE key = 'display'")).toEqual([]);

    a.t.clock.advance(1000);
    await a.t.call('presets.delete', { presetId: exam });
    exchange(a, b);
    expect(rows(b, "SELECT id FROM presets WHERE name = 'Exam'")).toEqual([]);
    expect(rows(b, "SELECT p.guid FROM decks d JOIN presets p ON p.id = d.preset_id WHERE d.name = 'Mine'")).toEqual([{ guid: 'default' }]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});

describe('first sync of two collections', () => {
  it('merges the same built-in decks installed on both devices without duplicates', async () => {
    const decksDir = mkdtempSync(join(tmpdir(), 'retain-decks-'));
    dirs.push(decksDir);
    mkdirSync(decksDir, { recursive: true });
    for (const [file, n] of [
      ['aws-lambda-cold-starts.json', 6],
      ['aws-lambda-concurrency.json', 4],
    ] as const) {
      const deck = JSON.parse(readFileSync(join(BUILTIN_DECK_DIR, file), 'utf8')) as { notes: unknown[] };
      deck.notes = deck.notes.slice(0, n);
      writeFileSync(join(decksDir, file), JSON.stringify(deck));
    }
    const a = device(decksDir);
    const b = device(decksDir, Date.UTC(2026, 2, 11, 9, 0));
    // B has a note of its own before the first sync.
    await addNote(b, deckId(b, rows<{ name: string }>(b, 'SELECT name FROM decks ORDER BY id')[0]!.name), 'B only', ['own']);
    start(a);
    start(b);
    const before = rows<{ n: number }>(a, 'SELECT count(*) AS n FROM notes')[0]!.n;
    exchange(a, b);
    expect(rows(a, 'SELECT count(*) AS n FROM notes')).toEqual([{ n: before + 1 }]);
    expect(rows(a, 'SELECT guid FROM decks WHERE guid LIKE ? ORDER BY guid', 'builtin:%').length).toBe(2);
    expect(rows(a, 'SELECT count(*) AS n FROM decks')).toEqual(rows(b, 'SELECT count(*) AS n FROM decks'));
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});
