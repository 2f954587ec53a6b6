/**
 * Repeats inside one import file, as the reader thread judges them (file-duplicates.ts) and the
 * plan reports them: a repeated GUID is skipped naming the first note, a repeated front bound for
 * the same deck is imported with a warning naming the first, a front in another deck is no repeat,
 * a note of the collection is named before a note of the file, and sending every card to one deck
 * makes the fronts of all decks meet.
 */
import { describe, it, expect } from 'vitest';
import { tmpdir } from 'node:os';
import type { ImportPreview, ImportResult } from '../../src/shared/api/import-contract';
import { writeAnkiPackage, type ExportNote } from '../../src/main/interchange/anki/write-anki-package';
import { tempApp, type TempApp } from '../support/temp-app';
import { stageFile } from '../support/staged-import';

const START = Date.UTC(2026, 2, 10, 9, 0);
const T0 = START - 86_400_000;

function note(id: number, guid: string, front: string, deckPath = 'Bench'): ExportNote {
  return {
    id,
    guid,
    noteType: 'Basic',
    fields: [
      { name: 'Front', value: front },
      { name: 'Back', value: `back of ${guid}` },
    ],
    cards: [{ id, ord: 0, deckPath, due: T0, state: 0, scheduledDays: 0, reviews: 0, reps: 0, lapses: 0, suspended: false, stability: 0, difficulty: 0 } as ExportNote['cards'][number]],
    tags: [],
    modifiedAt: T0,
  };
}

const pkg = (notes: ExportNote[]): Uint8Array => writeAnkiPackage({ notes, reviews: [], media: [], createdAt: T0 }, tmpdir());

async function preview(t: TempApp, bytes: Uint8Array, options: object = {}): Promise<ImportPreview> {
  const stageId = await stageFile(t.app.dispatch, 'dups.apkg', bytes);
  return t.call<ImportPreview>('import.preview', { stageId, options });
}
async function commit(t: TempApp, bytes: Uint8Array, options: object = {}): Promise<ImportResult> {
  const stageId = await stageFile(t.app.dispatch, 'dups.apkg', bytes);
  return t.call<ImportResult>('import.commit', { stageId, options });
}

describe('repeats inside one import file', () => {
  const file = pkg([
    note(T0 + 1, 'g1', 'What scales a Lambda function?'),
    note(T0 + 2, 'g2', 'Another question'),
    note(T0 + 3, 'g3', '  What scales a   Lambda function?'),
    note(T0 + 4, 'g1', 'A repeated GUID'),
    note(T0 + 5, 'g5', 'What scales a Lambda function?', 'Elsewhere'),
  ]);

  it('skips a repeated GUID and warns of a repeated front in the same deck, naming the first note', async () => {
    const t = tempApp({ start: START, decksDir: undefined });
    try {
      const p = await preview(t, file);
      expect(p.counts.new).toBe(4);
      expect(p.skipped.map((s) => [s.location, s.reason])).toEqual([[`note ${T0 + 4}`, `duplicate GUID of note ${T0 + 1}`]]);
      // Fronts are compared trimmed, with runs of spaces as one: g3 repeats g1.
      expect(p.warnings.map((w) => [w.location, w.reason])).toEqual([[`note ${T0 + 3}`, `duplicate front of note note ${T0 + 1} (imported anyway)`]]);
      const all = await preview(t, file, { deckName: 'One deck' });
      expect(all.warnings.map((w) => w.location)).toEqual([`note ${T0 + 3}`, `note ${T0 + 5}`]);
      const r = await commit(t, file);
      expect(r).toMatchObject({ notes: 4, skipped: 1, warnings: 1 });
    } finally {
      t.dispose();
    }
  });

  it('names the collection’s note before the file’s, and a re-imported note still counts as the first', async () => {
    const t = tempApp({ start: START, decksDir: undefined });
    try {
      await commit(t, pkg([note(T0 + 1, 'g1', 'What scales a Lambda function?')]));
      const id = (t.app.services.repos.db.prepare("SELECT id FROM notes WHERE guid = 'g1'").get() as { id: number }).id;
      // A new note repeating the collection's front.
      const again = await preview(t, pkg([note(T0 + 7, 'g7', 'What scales a Lambda function?')]));
      expect(again.warnings.map((w) => w.reason)).toEqual([`duplicate front of note #${id} in the collection (imported anyway)`]);
      // The same file again with a new note repeating it: g1 is unchanged, g8 repeats its front.
      const both = await preview(t, pkg([note(T0 + 1, 'g1', 'What scales a Lambda function?'), note(T0 + 8, 'g8', 'What scales a Lambda function?')]));
      expect(both.counts).toMatchObject({ new: 1, unchanged: 1 });
      expect(both.warnings.map((w) => [w.location, w.reason])).toEqual([[`note ${T0 + 8}`, `duplicate front of note note ${T0 + 1} (imported anyway)`]]);
    } finally {
      t.dispose();
    }
  });
});
