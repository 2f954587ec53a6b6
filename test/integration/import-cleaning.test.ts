/**
 * What an import stores holds no active content: the whole XSS corpus goes through the real
 * import (a delimited-text file with HTML, and an Anki package whose fields and templates carry
 * the payloads), and every field and card side in the notes table is checked after the commit.
 */
import { strToU8 } from 'fflate';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAnkiPackage, type ExportNote } from '../../src/main/interchange/anki/write-anki-package';
import { activeContent } from '../support/active-content';
import { tempApp, type TempApp } from '../support/temp-app';
import { XSS_PAYLOADS } from '../support/xss-payloads';

const START = Date.UTC(2026, 2, 10, 9);
let t: TempApp | undefined;
afterEach(() => t?.dispose());

interface StoredContent {
  kind: string;
  fields: Array<{ value: string }>;
  cards: Array<{ front: string; back: string }>;
}

/** Every stored field and card side of the imported notes with active content, named by note GUID. */
function activeInStore(app: TempApp): string[] {
  const rows = app.app.services.repos.db.prepare('SELECT guid, content FROM notes').all() as Array<{ guid: string; content: string }>;
  const imported = rows.map((r) => ({ guid: r.guid, c: JSON.parse(r.content) as StoredContent })).filter((r) => r.c.kind === 'rendered');
  expect(imported).toHaveLength(XSS_PAYLOADS.length);
  const found: string[] = [];
  for (const { guid, c } of imported) {
    const parts = [...c.fields.map((f) => f.value), ...c.cards.flatMap((x) => [x.front, x.back])];
    for (const p of parts) for (const a of activeContent(p)) found.push(`${guid}: ${a}`);
  }
  return found;
}

describe('imports store clean HTML', () => {
  it(`a delimited-text file with ${XSS_PAYLOADS.length} payloads`, async () => {
    t = tempApp({ start: START });
    const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const rows = XSS_PAYLOADS.map((p, i) => `${q(`P${i + 1}: ${p.html}`)}\t${q(`A${i + 1} ${p.html}`)}`);
    const bytes = strToU8(`#separator:tab\n#html:true\n${rows.join('\n')}\n`);
    const r = await t.app.services.imports.commit({ fileName: 'hostile.tsv', bytes });
    expect(r.notes).toBe(XSS_PAYLOADS.length);
    expect(activeInStore(t)).toEqual([]);
  });

  it('an Anki package whose fields and card templates carry the payloads', async () => {
    t = tempApp({ start: START });
    const notes: ExportNote[] = XSS_PAYLOADS.map((p, i) => ({
      id: START - 10_000 + i,
      guid: `x${i + 1}`,
      noteType: 'Hostile',
      fields: [
        { name: 'Front', value: `P${i + 1}: ${p.html}` },
        { name: 'Back', value: `A${i + 1}` },
      ],
      cards: [{ id: START - 10_000 + i, ord: 0, deckPath: 'Hostile', due: START, state: 0, scheduledDays: 0, reps: 0, lapses: 0, suspended: false, stability: 0, difficulty: 0 }],
      tags: [],
      modifiedAt: START,
      // The template itself is hostile too: what it adds around the fields must be cleaned as well.
      templates: [{ name: 'Card 1', front: `{{Front}}${XSS_PAYLOADS[i % 40]?.html ?? ''}`, back: `{{FrontSide}}<hr id=answer>{{Back}}` }],
    }));
    const bytes = writeAnkiPackage({ notes, reviews: [], media: [], createdAt: START }, tmpdir());
    const r = await t.app.services.imports.commit({ fileName: 'hostile.apkg', bytes });
    expect(r.notes).toBe(XSS_PAYLOADS.length);
    expect(activeInStore(t)).toEqual([]);
  });
});
