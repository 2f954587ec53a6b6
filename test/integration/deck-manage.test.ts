/** Creating, renaming and moving decks: clear errors for a bad name or move, and nothing written on error. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeckSummary } from '../../src/shared/api/decks-contract';
import type { DeckFile } from '../../src/shared/deck-format';
import { DECKS_DIR, tempApp, type TempApp } from '../support/temp-app';

const NOW = Date.UTC(2026, 2, 10, 9, 0);
let t: TempApp | undefined;
afterEach(() => {
  t?.dispose();
  t = undefined;
});
const bare = (): TempApp => tempApp({ start: NOW, decksDir: mkdtempSync(join(tmpdir(), 'retain-no-decks-')) });

const paths = async (app: TempApp): Promise<string[]> => (await app.call<{ decks: DeckSummary[] }>('decks.list')).decks.map((d) => d.path);
const deckRows = (app: TempApp): unknown[] => app.app.services.repos.db.prepare('SELECT * FROM decks ORDER BY id').all();

async function refused(app: TempApp, method: string, input: unknown, code: string, message: RegExp): Promise<void> {
  const before = deckRows(app);
  const r = await app.app.dispatch(method, input);
  expect(r, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code } });
  if (!r.ok) expect(r.error.message).toMatch(message);
  expect(deckRows(app)).toEqual(before);
}

describe('decks', () => {
  it('are created (with missing parents), renamed and moved, subdecks following', async () => {
    t = bare();
    const { deckId: spanish } = await t.call<{ deckId: number }>('decks.create', { name: ' Languages :: Spanish ' });
    const { deckId: verbs } = await t.call<{ deckId: number }>('decks.create', { name: 'Languages::Spanish::Verbs' });
    expect(await paths(t)).toEqual(['Languages', 'Languages::Spanish', 'Languages::Spanish::Verbs']);
    await t.call('decks.rename', { deckId: spanish, name: 'Español' });
    expect(await paths(t)).toEqual(['Languages', 'Languages::Español', 'Languages::Español::Verbs']);
    await t.call('decks.move', { deckId: spanish, parentId: null });
    expect(await paths(t)).toEqual(['Español', 'Español::Verbs', 'Languages']);
    const { deckId: lang } = await t.call<{ deckId: number }>('decks.create', { name: 'Grammar' });
    await t.call('decks.move', { deckId: verbs, parentId: lang });
    expect(await paths(t)).toEqual(['Español', 'Grammar', 'Grammar::Verbs', 'Languages']);
    // Renaming to the same name or moving to the same parent changes nothing and is no error.
    await t.call('decks.rename', { deckId: spanish, name: 'Español' });
    await t.call('decks.move', { deckId: verbs, parentId: lang });
    expect(await paths(t)).toEqual(['Español', 'Grammar', 'Grammar::Verbs', 'Languages']);
  });

  it('refuse an empty name, "::" misuse, a sibling\'s name and a move under itself, writing nothing', async () => {
    t = bare();
    const { deckId: a } = await t.call<{ deckId: number }>('decks.create', { name: 'A::B::C' });
    const b = t.app.services.repos.decks.childNamed(a - 2, 'B')!;
    const top = a - 2;
    await t.call('decks.create', { name: 'A::D' });
    await refused(t, 'decks.create', { name: '   ' }, 'invalid_input', /^name: a deck name cannot be empty/);
    await refused(t, 'decks.create', { name: 'A::::X' }, 'invalid_input', /^name: "::" must have a deck name on each side/);
    await refused(t, 'decks.create', { name: '::X' }, 'invalid_input', /^name: "::" must have/);
    await refused(t, 'decks.create', { name: 'A::B' }, 'conflict', /^name: a deck named "B" already exists in "A"/);
    await refused(t, 'decks.create', { name: 'A' }, 'conflict', /already exists at the top level/);
    await refused(t, 'decks.rename', { deckId: b, name: '' }, 'invalid_input', /^name: a deck name cannot be empty/);
    await refused(t, 'decks.rename', { deckId: b, name: 'X::Y' }, 'invalid_input', /^name: "::" separates a parent from a subdeck/);
    await refused(t, 'decks.rename', { deckId: b, name: 'D' }, 'conflict', /^name: a deck named "D" already exists in "A"/);
    await refused(t, 'decks.move', { deckId: b, parentId: b }, 'invalid_input', /^parentId: a deck cannot be moved under itself/);
    await refused(t, 'decks.move', { deckId: top, parentId: a }, 'invalid_input', /^parentId: "A" cannot be moved under its own subdeck "A::B::C"/);
    await refused(t, 'decks.move', { deckId: 999, parentId: null }, 'not_found', /deck 999/);
    await t.call('decks.create', { name: 'C' });
    await refused(t, 'decks.move', { deckId: a, parentId: null }, 'conflict', /"C" already exists at the top level/);
    expect(await paths(t)).toEqual(['A', 'A::B', 'A::B::C', 'A::D', 'C']);
  });
});

describe('a built-in deck the user renamed and moved', () => {
  it('keeps its name and place when its file is updated', async () => {
    const decksDir = mkdtempSync(join(tmpdir(), 'retain-decks-'));
    cpSync(DECKS_DIR, decksDir, { recursive: true });
    t = tempApp({ start: NOW, decksDir });
    const file = join(decksDir, 'aws-lambda-cold-starts.json');
    const deck = JSON.parse(readFileSync(file, 'utf8')) as DeckFile;
    const listed = (await t.call<{ decks: DeckSummary[] }>('decks.list')).decks;
    const cold = listed.find((d) => d.path === 'AWS Lambda::Cold starts')!;
    await t.call('decks.rename', { deckId: cold.id, name: 'Startup latency' });
    await t.call('decks.move', { deckId: cold.id, parentId: null });

    deck.deck.version += 1;
    deck.notes.push({ id: 'added-after-rename', kind: 'basic', section: '§9', tags: ['cold-starts'], front: 'New question?', back: 'New answer.' });
    writeFileSync(file, JSON.stringify(deck));
    t.reopen();

    const after = await paths(t);
    expect(after).toContain('Startup latency');
    expect(after).not.toContain('AWS Lambda::Cold starts');
    const added = t.app.services.repos.db.prepare('SELECT deck_id FROM notes WHERE guid = ?').get(`${deck.deck.id}/added-after-rename`) as { deck_id: number };
    expect(added.deck_id).toBe(cold.id);
  });
});
