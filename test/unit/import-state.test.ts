import { describe, it, expect } from 'vitest';
import { IMPORT_MAX_BYTES, type ImportPreview, type ImportResult } from '../../src/shared/api/import-contract';
import {
  callInput,
  canImport,
  deckFieldText,
  fileProblem,
  importReducer,
  initialImportState,
  progressFraction,
  type ImportAction,
  type ImportState,
} from '../../src/renderer/src/screens/import-state';
import { inlineMedia, mediaReferences as mediaNames } from '../../src/shared/media-references';

function preview(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    fileName: 'words.csv',
    format: 'csv',
    bytes: 120,
    defaultDeck: 'words',
    decks: ['words'],
    counts: { new: 3, updated: 1, unchanged: 2, skipped: 1 },
    adds: { cards: 3, reviews: 0, media: 0, decks: 1 },
    sample: [],
    skipped: [{ location: 'line 4', reason: 'first field is empty' }],
    warnings: [],
    warningCount: 0,
    sampleMedia: [],
    csv: { delimiter: '\t', hasHeader: false, columns: ['Column 1', 'Column 2', 'Column 3'], columnCount: 3, html: false, mapping: { front: 0, back: 1, tags: 2 } },
    ...over,
  };
}

const result: ImportResult = {
  importId: 1,
  fileName: 'words.csv',
  format: 'csv',
  notes: 3,
  updated: 1,
  unchanged: 2,
  skipped: 1,
  warnings: 0,
  cards: 3,
  decks: 1,
  media: 0,
  reviews: 0,
  deckIds: [{ id: 7, path: 'words' }],
};

const run = (actions: ImportAction[], from: ImportState = initialImportState): ImportState => actions.reduce(importReducer, from);

/** A state showing `p` for words.csv. */
function previewing(p: ImportPreview = preview()): ImportState {
  return run([
    { type: 'choose', name: 'words.csv', size: 120 },
    { type: 'staged', stageId: 'stage-1' },
    { type: 'previewed', seq: 1, preview: p },
  ]);
}

describe('choosing and reading a file', () => {
  it('refuses a file over the limit before reading it, naming the limit', () => {
    const s = run([{ type: 'choose', name: 'big.apkg', size: IMPORT_MAX_BYTES + 1 }]);
    expect(s.phase).toBe('idle');
    expect(s.file).toBeNull();
    expect(s.error).toBe('big.apkg is 100.0 MiB; files up to 100 MiB can be imported.');
    expect(fileProblem('a.csv', IMPORT_MAX_BYTES)).toBeNull();
    expect(fileProblem('a.csv', 0)).toBe('a.csv is empty.');
  });

  it('sends the file, then asks for a preview by its id with no options', () => {
    let s = run([{ type: 'choose', name: 'words.csv', size: 120 }]);
    expect(s.phase).toBe('reading');
    expect(callInput(s)).toBeNull();
    s = importReducer(s, { type: 'staged', stageId: 'stage-2' });
    expect(s.phase).toBe('previewing');
    expect(s.previewSeq).toBe(1);
    expect(callInput(s)).toEqual({ stageId: 'stage-2', options: {} });
  });

  it('shows the preview and fills the deck field with the file’s deck', () => {
    const s = previewing();
    expect(s.phase).toBe('preview');
    expect(s.deckDraft).toBe('words');
    expect(canImport(s)).toBe(true);
  });

  it('leaves the deck field empty for a file with several decks', () => {
    const s = previewing(preview({ decks: ['A', 'B'], defaultDeck: 'A' }));
    expect(s.deckDraft).toBe('');
    expect(deckFieldText({ deckName: 'X' }, preview())).toBe('X');
  });

  it('ignores the answer to an older preview request', () => {
    const s = run([
      { type: 'choose', name: 'words.csv', size: 120 },
      { type: 'staged', stageId: 'stage-1' },
      { type: 'previewed', seq: 0, preview: preview() },
    ]);
    expect(s.phase).toBe('previewing');
    expect(s.preview).toBeNull();
  });

  it('a first preview that fails drops the file and shows the error', () => {
    const s = run([
      { type: 'choose', name: 'bad.csv', size: 10 },
      { type: 'staged', stageId: 'stage-1' },
      { type: 'failed', seq: 1, message: 'bad.csv (line 3): unterminated quoted field' },
    ]);
    expect(s.phase).toBe('idle');
    expect(s.file).toBeNull();
    expect(s.error).toBe('bad.csv (line 3): unterminated quoted field');
  });
});

describe('changing options', () => {
  it('a new deck name asks for a new preview; the same one does not', () => {
    let s = previewing();
    const same = run([{ type: 'deckDraft', text: 'words' }, { type: 'applyDeck' }], s);
    expect(same.phase).toBe('preview');
    expect(same.previewSeq).toBe(1);
    expect(same.options).toEqual({});
    s = run([{ type: 'deckDraft', text: '  Languages::Chinese ' }, { type: 'applyDeck' }], s);
    expect(s.phase).toBe('previewing');
    expect(s.previewSeq).toBe(2);
    expect(s.options).toEqual({ deckName: 'Languages::Chinese' });
    // Clearing the field goes back to the file's decks.
    s = run([{ type: 'previewed', seq: 2, preview: preview() }, { type: 'deckDraft', text: '' }, { type: 'applyDeck' }], s);
    expect(s.options).toEqual({});
    expect(s.phase).toBe('previewing');
  });

  it('mapping a column sends the whole mapping with the detected separator and header setting', () => {
    const s = run([{ type: 'mapping', role: 'front', column: 2 }], previewing());
    expect(s.phase).toBe('previewing');
    // Column 2 held tags: it cannot hold both, so tags are dropped.
    expect(s.options.csv).toEqual({ delimiter: '\t', hasHeader: false, mapping: { front: 2, back: 1 } });
  });

  it('choosing the back column for the front swaps the two', () => {
    const s = run([{ type: 'mapping', role: 'front', column: 1 }], previewing());
    expect(s.options.csv?.mapping).toEqual({ front: 1, back: 0, tags: 2 });
  });

  it('an optional role can be set to none', () => {
    const s = run([{ type: 'mapping', role: 'tags', column: null }], previewing());
    expect(s.options.csv?.mapping).toEqual({ front: 0, back: 1 });
    expect(run([{ type: 'mapping', role: 'front', column: null }], previewing()).phase).toBe('preview');
  });

  it('a new separator lets the reader map the columns again', () => {
    const s = run([{ type: 'mapping', role: 'tags', column: null }, { type: 'previewed', seq: 2, preview: preview() }, { type: 'csv', patch: { delimiter: ',' } }], previewing());
    expect(s.options.csv).toEqual({ delimiter: ',', hasHeader: false });
  });

  it('a failed re-preview restores the options of the preview still shown', () => {
    const s = run([{ type: 'deckDraft', text: 'Other' }, { type: 'applyDeck' }, { type: 'failed', seq: 2, message: 'nope' }], previewing());
    expect(s.phase).toBe('preview');
    expect(s.options).toEqual({});
    expect(s.deckDraft).toBe('words');
    expect(s.error).toBe('nope');
  });

  it('mapping is ignored for a file that is not delimited text', () => {
    const s = previewing(preview({ format: 'apkg', csv: null }));
    expect(importReducer(s, { type: 'mapping', role: 'front', column: 1 })).toBe(s);
  });
});

describe('importing', () => {
  it('runs start → progress → finished', () => {
    let s = run([{ type: 'start', jobId: 'j1' }], previewing());
    expect(s.phase).toBe('importing');
    expect(canImport(s)).toBe(false);
    s = importReducer(s, { type: 'progress', progress: { jobId: 'j1', state: 'writing', done: 2000, total: 8000, message: null } });
    expect(progressFraction(s.progress)).toBe(0.25);
    // Progress of another job, or a "reading" report, changes nothing.
    expect(importReducer(s, { type: 'progress', progress: { jobId: 'other', state: 'writing', done: 8000, total: 8000, message: null } })).toBe(s);
    expect(importReducer(s, { type: 'progress', progress: { jobId: 'j1', state: 'reading', done: 0, total: 0, message: null } })).toBe(s);
    s = importReducer(s, { type: 'finished', result });
    expect(s.phase).toBe('done');
    expect(s.result).toEqual(result);
    expect(progressFraction(s.progress)).toBe(1);
  });

  it('a failed import keeps the preview and shows the error', () => {
    const s = run([{ type: 'start', jobId: 'j1' }, { type: 'failed', message: 'words.csv: disk full' }], previewing());
    expect(s.phase).toBe('preview');
    expect(s.preview).not.toBeNull();
    expect(s.error).toBe('words.csv: disk full');
    expect(s.jobId).toBeNull();
  });

  it('cannot import a file whose notes are all unchanged', () => {
    const s = previewing(preview({ counts: { new: 0, updated: 0, unchanged: 5, skipped: 0 } }));
    expect(canImport(s)).toBe(false);
  });

  it('reset starts over', () => {
    const s = run([{ type: 'reset' }], previewing());
    expect(s.phase).toBe('idle');
    expect(s.preview).toBeNull();
  });

  it('progressFraction stays within 0..1', () => {
    expect(progressFraction(null)).toBe(0);
    expect(progressFraction({ done: 5, total: 0 })).toBe(0);
    expect(progressFraction({ done: 12, total: 10 })).toBe(1);
  });
});

describe('media in card HTML', () => {
  it('lists the files an HTML side refers to, not URLs', () => {
    expect(mediaNames('<img src="cat.jpg"> [sound:meow.mp3] <img src=\'a&amp;b.png\'> <img src="https://x.test/y.png"> <img src="data:image/png;base64,AA">')).toEqual([
      'cat.jpg',
      'a&b.png',
      'meow.mp3',
    ]);
  });

  it('inlines known files and leaves unknown ones', () => {
    const urls: Record<string, string> = { 'cat.jpg': 'data:image/jpeg;base64,AAA', 'meow.mp3': 'data:audio/mpeg;base64,BBB' };
    const html = inlineMedia('<img alt="c" src="cat.jpg"><img src="dog.jpg">[sound:meow.mp3][sound:bark.mp3]', (n) => urls[n]);
    expect(html).toBe(
      '<img alt="c" src="data:image/jpeg;base64,AAA"><img src="dog.jpg"><audio controls preload="none" src="data:audio/mpeg;base64,BBB" title="meow.mp3"></audio>[sound:bark.mp3]',
    );
  });
});
