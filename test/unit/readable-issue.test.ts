/** Import messages name places and rules in words, never JSON paths or schema wording (issue 12, polish). */
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/main/interchange/formats/bundle';
import { readRetainDeck } from '../../src/main/interchange/formats/retain-json';
import { placeLabel } from '../../src/renderer/src/screens/import-state';
import { readableJsonPath, readablePath } from '../../src/shared/readable-issue';

const base = { format: 'retain-deck', formatVersion: 1 };
const note = { id: 'a', kind: 'basic', front: 'f', back: 'b', tags: ['t'], section: '§1' };

function refusal(file: unknown): ImportError {
  try {
    readRetainDeck(JSON.stringify(file), 'deck.json');
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('Retain deck file errors', () => {
  it('a deck title that is a number: "deck title: must be text"', () => {
    const err = refusal({ ...base, deck: { id: 'd', title: 5, version: 1 }, notes: [] });
    expect(err.message).toBe('deck.json (deck title): must be text');
  });

  it('a missing field, a wrong kind, a wrong list: named by note number, counted from 1', () => {
    expect(refusal({ ...base, deck: { id: 'd', title: 'D', version: 1 }, notes: [note, { ...note, id: 'b', section: undefined }] }).message).toBe(
      'deck.json (note 2, section): is missing',
    );
    expect(refusal({ ...base, deck: { id: 'd', title: 'D', version: 1 }, notes: 'none' }).message).toBe('deck.json (notes): must be a list');
    expect(refusal({ ...base, formatVersion: 2, deck: { id: 'd', title: 'D', version: 1 }, notes: [] }).message).toBe('deck.json (format version): must be 1');
  });

  it('no message carries a JSON path or "Invalid input"', () => {
    const files = [
      { ...base, deck: { id: 'd', version: 1 }, notes: [] },
      { ...base, deck: { id: 'd', title: 'D', version: 'one' }, notes: [] },
      { ...base, deck: { id: 'd', title: 'D', version: 1 }, notes: [{ ...note, kind: 'choice', distractors: [1] }] },
      { ...base, deck: { id: 'd', title: 'D', version: 1 }, notes: [{ ...note, kind: 'nope' }] },
    ];
    for (const f of files) {
      const m = refusal(f).message;
      expect(m).not.toMatch(/\$|\[\d|Invalid input/);
    }
  });

  it('notes are located as "note N" for the preview', () => {
    const bundle = readRetainDeck(JSON.stringify({ ...base, deck: { id: 'd', title: 'D', version: 1 }, notes: [note, { ...note, id: 'b' }] }), 'deck.json');
    expect(bundle.notes.map((n) => n.location)).toEqual(['note 1', 'note 2']);
  });
});

describe('readable paths', () => {
  it('turns paths and old JSON paths into words', () => {
    expect(readablePath(['notes', 0, 'distractors', 1])).toBe('note 1, distractor 2');
    expect(readablePath(['deck', 'source', 'title'])).toBe('deck source, title');
    expect(readablePath([])).toBe('file');
    expect(readableJsonPath('$.notes[3].front')).toBe('note 4, front');
    expect(readableJsonPath('line 12')).toBe('line 12');
  });
});

describe('places on the import screen', () => {
  it('shows JSON paths in words, leaves Anki note ids out of the sample but in the issue lists', () => {
    expect(placeLabel('$.notes[0]', 'sample')).toBe('note 1');
    expect(placeLabel('line 7', 'sample')).toBe('line 7');
    expect(placeLabel('note 1555579337683', 'sample')).toBe('');
    expect(placeLabel('note 1555579337683', 'issue')).toBe('note 1555579337683');
  });
});
