/** A built-in deck update after the user edited one of its notes: the edit is kept and reported as kept. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeckFile } from '../../src/shared/deck-format';
import type { EditableNote, SaveResult } from '../../src/shared/api/notes-contract';
import { DECKS_DIR, tempApp, type TempApp } from '../support/temp-app';

let t: TempApp | undefined;
const dirs: string[] = [];
afterEach(() => {
  t?.dispose();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const FILE = 'aws-lambda-cold-starts.json';

describe('a built-in deck update after a user edit', () => {
  it('keeps the edited note as the user left it, updates the others, and reports the edit as kept', async () => {
    const decksDir = mkdtempSync(join(tmpdir(), 'retain-decks-'));
    dirs.push(decksDir);
    cpSync(DECKS_DIR, decksDir, { recursive: true });
    const deck = JSON.parse(readFileSync(join(decksDir, FILE), 'utf8')) as DeckFile;
    t = tempApp({ decksDir });
    const repos = () => t!.app.services.repos;
    const noteOf = (id: string) => repos().notes.byGuid(`${deck.deck.id}/${id}`)!;
    const [edited, other, untouched] = deck.notes.filter((n) => n.kind === 'basic').slice(0, 3);
    if (!edited || !other || !untouched) throw new Error('the cold-starts deck has fewer than three basic notes');

    const mine = await t.call<EditableNote>('notes.get', { noteId: noteOf(edited.id).id });
    const myContent = { ...mine.content, back: 'My own wording of the answer.' };
    const saved = await t.call<SaveResult>('notes.update', { noteId: mine.noteId, draft: { deckId: mine.deckId, content: myContent, tags: [...mine.tags, 'mine'] } });
    expect(saved.status).toBe('saved');
    const cardsBefore = repos().cards.byNote(mine.noteId);
    // Also edited, but version 2 leaves it as it was: nothing to report for it.
    const alsoMine = await t.call<EditableNote>('notes.get', { noteId: noteOf(untouched.id).id });
    await t.call('notes.update', { noteId: alsoMine.noteId, draft: { deckId: alsoMine.deckId, content: { ...alsoMine.content, front: 'Reworded by me?' }, tags: alsoMine.tags } });

    // Version 2 rewords both notes.
    const v2: DeckFile = structuredClone(deck);
    v2.deck.version = deck.deck.version + 1;
    for (const n of v2.notes) if ((n.id === edited.id || n.id === other.id) && n.kind === 'basic') n.back = `${n.back} (v2)`;
    writeFileSync(join(decksDir, FILE), JSON.stringify(v2, null, 2));
    t.reopen();

    const kept = noteOf(edited.id);
    expect(kept.content).toMatchObject({ back: 'My own wording of the answer.' });
    expect(kept.tags).toContain('mine');
    expect(repos().cards.byNote(kept.id)).toEqual(cardsBefore);
    expect(noteOf(untouched.id).content).toMatchObject({ front: 'Reworded by me?' });
    expect(noteOf(other.id).content).toMatchObject({ back: `${other.kind === 'basic' ? other.back : ''} (v2)` });

    const { notices } = await t.call<{ notices: Array<{ updated: number; kept: number; toVersion: number }> }>('decks.list');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ toVersion: v2.deck.version, updated: 1, kept: 1 });
  });
});
