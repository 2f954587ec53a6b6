/**
 * Imported Anki cards in review, from real Anki packages: the back is Anki's whole answer side
 * (its template brings the front back with {{FrontSide}}), and no internal id reaches the card.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/shared/api/import-contract';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { haveShared, sharedPath } from '../support/shared-dir';
import { stageFile } from '../support/staged-import';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
afterEach(() => t?.dispose());

const MEDIA = ['fixtures', 'apkg', 'anki__media.apkg'];
const WORDS = ['fixtures', 'apkg', 'mujing__basic_word.apkg'];

async function importAndOpen(parts: string[]): Promise<ReviewSession> {
  t = tempApp();
  const file = sharedPath(...parts);
  const stageId = await stageFile(t.app.dispatch, parts[parts.length - 1] ?? 'x.apkg', new Uint8Array(readFileSync(file)));
  const result = await t.call<ImportResult>('import.commit', { stageId });
  const deckId = result.deckIds[0]?.id;
  if (deckId === undefined) throw new Error('the import made no deck');
  return t.call<ReviewSession>('review.next', { deckId });
}

describe.skipIf(!haveShared(...MEDIA))('Anki cards in review', () => {
  it('a card whose answer template repeats the front is shown as its answer side alone', async () => {
    const s = await importAndOpen(MEDIA);
    const card = s.card!;
    expect(card.front).toContain('[sound:foo.wav]');
    // Anki's answer side: {{FrontSide}}<hr id=answer>{{Back}}, so the sound is on the back once already.
    expect(card.back).toContain('[sound:foo.wav]');
    expect(card.backIsAnswerSide).toBe(true);
    expect(card.section).toBe('');
  });
});

describe.skipIf(!haveShared(...WORDS))('Anki cards in review (a real word deck)', () => {
  it('shows the answer side alone and no "Anki note <id>" provenance', async () => {
    const s = await importAndOpen(WORDS);
    const card = s.card!;
    expect(card.backIsAnswerSide).toBe(true);
    expect(`${card.section} ${card.deckName} ${card.tags.join(' ')}`).not.toMatch(/Anki note|\d{10,}/);
  });
});

describe('audio autoplay in review', () => {
  it('follows the deck preset\'s "play audio when a side appears"', async () => {
    t = tempApp();
    const { decks } = await t.call<{ decks: Array<{ id: number; path: string }> }>('decks.list');
    const deckId = decks.find((d) => d.path === 'AWS Lambda::Cold starts')?.id ?? 0;
    expect((await t.call<ReviewSession>('review.next', { deckId })).autoplayAudio).toBe(true);
    await t.call('settings.update', { autoplayAudio: false });
    expect((await t.call<ReviewSession>('review.next', { deckId })).autoplayAudio).toBe(false);
  });
});
