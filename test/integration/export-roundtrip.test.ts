/**
 * Export → import round trips: a studied built-in deck to .apkg with its review history and into
 * a fresh collection (notes' fields, cards and decks, review history and FSRS state survive);
 * Retain JSON and CSV; every deck at once; media files along with their notes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import type { DeckSummary } from '../../src/shared/api/decks-contract';
import type { ExportResult, ImportResult, ImportPreview } from '../../src/shared/api/import-contract';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import type { NoteContent, RenderedNote } from '../../src/shared/note-content';
import { readAnkiPackage } from '../../src/main/interchange/anki/read-anki-package';
import { renderCard } from '../../src/main/core/render-card';
import { haveShared, sharedPath } from '../support/shared-dir';
import { tempApp, type TempApp } from '../support/temp-app';
import { tmpdir } from 'node:os';
import { stageFile } from '../support/staged-import';

const START = Date.UTC(2026, 2, 10, 9, 0);
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const html = (markdown: string): string => md.render(markdown).trim();

interface NoteRow {
  id: number;
  guid: string;
  content: string;
  tags: string;
}
interface CardRow {
  id: number;
  guid: string;
  ord: number;
  deck: string;
  state: number;
  due: number;
  reps: number;
  lapses: number;
  stability: number;
  difficulty: number;
}

function notes(t: TempApp): Map<string, NoteRow> {
  const rows = t.app.services.repos.db.prepare('SELECT id, guid, content, tags FROM notes WHERE removed_at IS NULL').all() as NoteRow[];
  return new Map(rows.map((r) => [r.guid, r]));
}

function cards(t: TempApp, deckIds?: number[]): CardRow[] {
  const rows = t.app.services.repos.db
    .prepare(
      `SELECT c.id, n.guid, c.ord, c.deck_id AS deckId, c.state, c.due, c.reps, c.lapses, c.stability, c.difficulty
       FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.removed_at IS NULL ORDER BY n.guid, c.ord`,
    )
    .all() as Array<Omit<CardRow, 'deck'> & { deckId: number }>;
  return rows
    .filter((r) => !deckIds || deckIds.includes(r.deckId))
    .map(({ deckId, ...r }) => ({ ...r, deck: t.app.services.decks.path(deckId) }));
}

function history(t: TempApp, cardId: number): Array<[number, number]> {
  return t.app.services.repos.reviewLog.forCard(cardId).map((r) => [r.reviewedAt, r.rating]);
}

async function exportDeck(t: TempApp, deckId: number | null, format: 'apkg' | 'json' | 'csv', includeHistory = false): Promise<{ file: ExportResult; bytes: Buffer }> {
  const file = await t.call<ExportResult>('export.deck', { deckId, format, includeHistory });
  return { file, bytes: Buffer.from(file.dataBase64, 'base64') };
}

function importInto(t: TempApp, fileName: string, bytes: Uint8Array): Promise<ImportResult> {
  return stageFile(t.app.dispatch, fileName, bytes).then((stageId) => t.call<ImportResult>('import.commit', { stageId }));
}

/** The Anki fields a deck-file note is exported with (Markdown rendered to HTML). */
function expectedFields(content: NoteContent): Array<{ name: string; value: string }> {
  switch (content.kind) {
    case 'basic':
      return [
        { name: 'Front', value: html(content.front) },
        { name: 'Back', value: html(content.back) },
      ];
    case 'cloze':
      return [
        { name: 'Text', value: html(content.text) },
        { name: 'Back Extra', value: content.extra ? html(content.extra) : '' },
      ];
    case 'rendered':
      return content.fields;
    default: {
      const r = renderCard(content, 0);
      return [
        { name: 'Front', value: html(r.front) },
        { name: 'Back', value: html(r.back) },
      ];
    }
  }
}

describe('a studied deck to .apkg with history and back', () => {
  let src: TempApp;
  let deck: DeckSummary;
  const reviewed: number[] = [];

  beforeAll(async () => {
    src = tempApp({ start: START });
    const list = await src.call<{ decks: DeckSummary[] }>('decks.list');
    deck = list.decks.find((d) => d.depth > 0 && d.totalCards >= 10) ?? (list.decks[0] as DeckSummary);
    // Study: a few new cards through learning, one lapse, then a review two days later.
    const ratings = [3, 3, 1, 4, 3, 3, 2, 3];
    for (const rating of ratings) {
      const s = await src.call<ReviewSession>('review.next', { deckId: deck.id });
      if (!s.card) break;
      await src.call('review.answer', { cardId: s.card.cardId, rating, durationMs: 1500 + rating * 100 });
      reviewed.push(s.card.cardId);
      src.clock.advance(11 * 60_000);
    }
    src.clock.advance(2 * 86_400_000);
    for (let i = 0; i < 3; i++) {
      const s = await src.call<ReviewSession>('review.next', { deckId: deck.id });
      if (!s.card) break;
      await src.call('review.answer', { cardId: s.card.cardId, rating: 3, durationMs: 2000 });
      reviewed.push(s.card.cardId);
      src.clock.advance(60_000);
    }
  });
  afterAll(() => src.dispose());

  it('keeps notes (fields), cards (count and deck) and review history (ratings and times)', async () => {
    expect(reviewed.length).toBeGreaterThanOrEqual(8);
    const subtree = src.app.services.decks.node(deck.id).subtree;
    const srcCards = cards(src, subtree);
    const srcNotes = notes(src);
    const totalReviews = srcCards.reduce((n, c) => n + history(src, c.id).length, 0);
    expect(totalReviews).toBe(reviewed.length);

    const { file, bytes } = await exportDeck(src, deck.id, 'apkg', true);
    expect(file.fileName).toBe(`${deck.path.split('::').join(' - ')}.apkg`);
    expect(file).toMatchObject({ cards: srcCards.length, reviews: totalReviews });
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const dst = tempApp({ start: START + 5 * 86_400_000, decksDir: undefined });
    try {
      const r = await importInto(dst, file.fileName, bytes);
      const guids = new Set(srcCards.map((c) => c.guid));
      expect(r).toMatchObject({ format: 'apkg', notes: guids.size, cards: srcCards.length, reviews: totalReviews, updated: 0 });

      // Notes: same GUIDs, the fields the export promises.
      const dstNotes = notes(dst);
      for (const guid of guids) {
        const before = srcNotes.get(guid) as NoteRow;
        const after = dstNotes.get(guid);
        expect(after, guid).toBeDefined();
        const content = JSON.parse(after?.content ?? '{}') as RenderedNote;
        expect(content.kind).toBe('rendered');
        expect(content.fields).toEqual(expectedFields(JSON.parse(before.content) as NoteContent));
        expect(JSON.parse(after?.tags ?? '[]')).toEqual(JSON.parse(before.tags));
      }

      // Cards: same count, ords and decks; history and FSRS state carried over.
      const dstCards = cards(dst);
      expect(dstCards.map((c) => [c.guid, c.ord, c.deck])).toEqual(srcCards.map((c) => [c.guid, c.ord, c.deck]));
      for (const [i, s] of srcCards.entries()) {
        const d = dstCards[i] as CardRow;
        expect(history(dst, d.id), `${s.guid}:${s.ord}`).toEqual(history(src, s.id));
        expect(d.state).toBe(s.state);
        expect(d.reps).toBe(s.reps);
        expect(d.lapses).toBe(s.lapses);
        expect(d.stability).toBeCloseTo(s.stability, 6);
        expect(d.difficulty).toBeCloseTo(s.difficulty, 6);
        // Learning steps are exact (fuzz only moves review-state due dates; new cards are due when imported).
        if (s.state === 1 || s.state === 3) expect(d.due).toBe(s.due);
      }
      expect(dst.app.services.repos.db.prepare('SELECT count(*) AS n FROM review_log r LEFT JOIN review_undo u ON u.log_id = r.id WHERE r.kind = 3 AND u.log_id IS NULL').get()).toEqual({
        n: totalReviews,
      });
    } finally {
      dst.dispose();
    }
  });

  it('without history the package has no review log and the cards keep their schedule', async () => {
    const { file, bytes } = await exportDeck(src, deck.id, 'apkg', false);
    expect(file.reviews).toBe(0);
    const bundle = readAnkiPackage(bytes, 'x.apkg', tmpdir());
    expect(bundle.reviews).toEqual([]);
    const dst = tempApp({ start: START, decksDir: undefined });
    try {
      const r = await importInto(dst, 'x.apkg', bytes);
      expect(r.reviews).toBe(0);
      // The Anki card's type and memory state (cards.data) carry the schedule over.
      const studied = cards(src, src.app.services.decks.node(deck.id).subtree).filter((c) => c.state !== 0);
      expect(studied.length).toBeGreaterThan(0);
      expect(dst.app.services.repos.db.prepare('SELECT count(*) AS n FROM cards WHERE state != 0').get()).toEqual({ n: studied.length });
    } finally {
      dst.dispose();
    }
  });

  it('Retain JSON: the notes come back as they were, and re-importing into the source changes nothing', async () => {
    const { file, bytes } = await exportDeck(src, deck.id, 'json');
    const parsed = JSON.parse(bytes.toString('utf8')) as { format: string; deck: { path: string }; notes: Array<{ id: string }> };
    expect(parsed.format).toBe('retain-deck');
    expect(parsed.deck.path).toBe(deck.path);
    const srcNotes = [...notes(src).values()].filter((n) => cards(src, src.app.services.decks.node(deck.id).subtree).some((c) => c.guid === n.guid));
    expect(parsed.notes).toHaveLength(srcNotes.length);

    const stageId = await stageFile(src.app.dispatch, file.fileName, Buffer.from(file.dataBase64, 'base64'));
    const back = await src.call<ImportPreview>('import.preview', { stageId });
    expect(back.counts).toEqual({ new: 0, updated: 0, unchanged: srcNotes.length, skipped: 0 });

    const dst = tempApp({ start: START, decksDir: undefined });
    try {
      expect(await importInto(dst, file.fileName, bytes)).toMatchObject({ format: 'retain-json', notes: srcNotes.length });
      const dstNotes = notes(dst);
      for (const n of srcNotes) expect(JSON.parse(dstNotes.get(n.guid)?.content ?? 'null')).toEqual(JSON.parse(n.content));
    } finally {
      dst.dispose();
    }
  });

  it('CSV: one row per note with its deck and GUID; it imports back with the same fronts', async () => {
    const { file, bytes } = await exportDeck(src, deck.id, 'csv');
    expect(file.mime).toBe('text/csv');
    const text = bytes.toString('utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['#separator:comma', '#html:true', '#columns:Front,Back,Tags,Deck,GUID']);
    const dst = tempApp({ start: START, decksDir: undefined });
    try {
      const r = await importInto(dst, file.fileName, bytes);
      expect(r).toMatchObject({ format: 'csv', notes: file.notes, skipped: 0 });
      const dstNotes = notes(dst);
      for (const [guid, n] of notes(src)) {
        const d = dstNotes.get(guid);
        if (!d) continue;
        const srcFront = renderCard(JSON.parse(n.content) as NoteContent, 0).front;
        expect((JSON.parse(d.content) as RenderedNote).fields[0]?.value).toBe(html(srcFront));
      }
      expect(dstNotes.size).toBe(file.notes);
    } finally {
      dst.dispose();
    }
  });

  it('all decks at once', async () => {
    const { file, bytes } = await exportDeck(src, null, 'apkg', true);
    expect(file.fileName).toBe('retain-decks.apkg');
    const dst = tempApp({ start: START, decksDir: undefined });
    try {
      const r = await importInto(dst, file.fileName, bytes);
      expect(r.notes).toBe(notes(src).size);
      expect(r.cards).toBe(cards(src).length);
      const srcDecks = new Set(cards(src).map((c) => c.deck));
      expect(new Set(cards(dst).map((c) => c.deck))).toEqual(srcDecks);
    } finally {
      dst.dispose();
    }
  });

  it('an unknown deck is not_found', async () => {
    await expect(src.call('export.deck', { deckId: 999_999, format: 'csv' })).rejects.toThrow(/not_found/);
  });
});

describe.skipIf(!haveShared('fixtures', 'apkg', 'anki__media.apkg'))('media files travel with their notes', () => {
  it('anki__media.apkg → Retain → .apkg → a fresh collection keeps foo.wav', async () => {
    const a = tempApp({ start: START, decksDir: undefined });
    const b = tempApp({ start: START, decksDir: undefined });
    try {
      const original = readFileSync(sharedPath('fixtures', 'apkg', 'anki__media.apkg'));
      await importInto(a, 'anki__media.apkg', original);
      const deckId = (await a.call<{ decks: DeckSummary[] }>('decks.list')).decks[0]?.id ?? 0;
      const { bytes } = await exportDeck(a, deckId, 'apkg');
      const bundle = readAnkiPackage(bytes, 'again.apkg', tmpdir());
      expect(bundle.media.map((m) => [m.name, m.data.length])).toEqual([['foo.wav', 4]]);
      expect(await importInto(b, 'again.apkg', bytes)).toMatchObject({ notes: 1, media: 1 });
      expect(readFileSync(`${b.dataDir}/media/foo.wav`)).toEqual(readFileSync(`${a.dataDir}/media/foo.wav`));
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});
