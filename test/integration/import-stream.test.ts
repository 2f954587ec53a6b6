/**
 * A large staged file is read from its staged path and written batch by batch while the reader
 * thread is still reading, in one transaction: a fault found near the end of the file, after
 * many batches went in, still leaves nothing written. Previews of a large file work by staged id
 * (each reads the file again rather than keeping its notes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportProgress, ImportResult } from '../../src/shared/api/import-contract';
import { KEEP_READ_MAX_BYTES } from '../../src/main/interchange/import/staged-imports';
import { tempApp, type TempApp } from '../support/temp-app';

/** About 9.5 MB of tab-separated notes (more than a read kept between previews). */
function largeTsv(notes: number, last = ''): string {
  const filler = 'x'.repeat(440);
  const rows = Array.from({ length: notes }, (_, i) => `question ${i}\tanswer ${i} ${filler}\ttopic-${i % 7}`);
  return `#separator:tab\n#html:false\n#tags column:3\n${rows.join('\n')}\n${last}`;
}

const count = (t: TempApp, table: string): number =>
  (t.app.services.repos.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a large file, streamed', () => {
  let t: TempApp;
  beforeAll(() => {
    t = tempApp();
  });
  afterAll(() => t.dispose());

  it('a fault in the last line, after many batches were written, writes nothing', async () => {
    const text = largeTsv(20_000, 'broken\t"never closed\n');
    expect(text.length).toBeGreaterThan(KEEP_READ_MAX_BYTES);
    const imports = t.app.services.imports;
    const { stageId } = imports.stageBytes('large.tsv', new TextEncoder().encode(text));
    const before = { notes: count(t, 'notes'), cards: count(t, 'cards'), tags: count(t, 'note_tags'), imports: count(t, 'imports') };
    const seen: ImportProgress[] = [];
    await expect(imports.commitStaged(stageId, {}, { onProgress: (p) => seen.push({ ...p }) })).rejects.toThrow(
      'large.tsv (line 20004): unterminated quoted field',
    );
    // Batches went in before the fault was found…
    const written = Math.max(...seen.filter((p) => p.state === 'writing').map((p) => p.done));
    expect(written).toBeGreaterThanOrEqual(10_000);
    expect(seen.at(-1)?.state).toBe('failed');
    // …and all of them were rolled back.
    expect({ notes: count(t, 'notes'), cards: count(t, 'cards'), tags: count(t, 'note_tags'), imports: count(t, 'imports') }).toEqual(before);
    expect(t.app.services.repos.db.inTransaction).toBe(false);
    imports.discard(stageId);
  }, 180_000);

  it('previews by staged id, reading the file again each time; the commit writes every note', async () => {
    const imports = t.app.services.imports;
    const { stageId } = imports.stageBytes('large.tsv', new TextEncoder().encode(largeTsv(20_000)));
    const notesBefore = count(t, 'notes');
    const tagsBefore = count(t, 'note_tags');
    const first = await t.call<ImportPreview>('import.preview', { stageId });
    expect(first.counts).toEqual({ new: 20_000, updated: 0, unchanged: 0, skipped: 0 });
    expect(first.sample[0]).toMatchObject({ location: 'line 4', status: 'new', deckPath: 'large', tags: ['topic-0'] });
    const other = await t.call<ImportPreview>('import.preview', { stageId, options: { deckName: 'Elsewhere' } });
    expect(other.decks).toEqual(['Elsewhere']);
    expect(imports.stagedReads(stageId)).toBe(2);
    const result = await t.call<ImportResult>('import.commit', { stageId, options: { deckName: 'Elsewhere' } });
    expect(result).toMatchObject({ notes: 20_000, cards: 20_000, skipped: 0 });
    expect(count(t, 'notes')).toBe(notesBefore + 20_000);
    expect(count(t, 'note_tags')).toBe(tagsBefore + 20_000);
    // The same file again: every note is found by its GUID and is unchanged.
    const again = imports.stageBytes('large.tsv', new TextEncoder().encode(largeTsv(20_000)));
    const repeat = await t.call<ImportResult>('import.commit', { stageId: again.stageId, options: { deckName: 'Elsewhere' } });
    expect(repeat).toMatchObject({ notes: 0, unchanged: 20_000 });
  }, 240_000);
});
