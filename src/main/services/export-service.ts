/**
 * Export of one deck (with its subdecks) or of every deck, as:
 * - Retain deck JSON (format v1). Notes of a deck-file kind are written as they are. Imported
 *   ('rendered') notes become basic notes made of their first card's front and back, turned from
 *   HTML into plain text. The deck file has one deck, so subdecks are merged into it. No history.
 * - CSV in Anki's text-export layout (Front, Back, Tags, Deck, GUID; HTML on). One row per note:
 *   its first exported card, Markdown rendered to HTML. No history.
 * - An Anki package (.apkg, legacy schema 11) that Anki imports: deck-file notes become Basic /
 *   Basic (and reversed card) / Cloze notes with their text rendered to HTML; imported notes keep
 *   their note type and fields. Cards keep their FSRS state; with `includeHistory` the review log
 *   goes along. Media files the notes refer to are included. Note and card ids are derived from
 *   their creation times (Anki shows them as the "Added" date).
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import MarkdownIt from 'markdown-it';
import { AppError } from '../../shared/api/errors';
import type { ExportFormat } from '../../shared/api/import-contract';
import { DECK_FORMAT, DECK_FORMAT_VERSION, deckNoteSchema, type DeckFile, type DeckNote } from '../../shared/deck-format';
import type { NoteContent, RenderedNote } from '../../shared/note-content';
import type { Clock } from '../core/clock';
import { writeCsv, type CsvRow } from '../core/export/csv-writer';
import { slugify } from '../core/markdown-deck';
import { renderCard, type RenderedCard } from '../core/render-card';
import { writeAnkiPackage, type ExportCard, type ExportNote, type ExportReview } from '../db/anki/write-anki-package';
import type { Repos } from '../db/repos';
import type { ExportCardRow } from '../db/repos/import-repo';
import type { DeckService } from './deck-service';
import { mediaReferences } from './import-service';
import type { MediaStore } from './media-store';
import { deckPathParts } from '../../shared/deck-path';

export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  notes: number;
  cards: number;
  reviews: number;
}

interface NoteGroup {
  noteId: number;
  guid: string;
  content: NoteContent;
  tags: string[];
  section: string;
  createdAt: number;
  updatedAt: number;
  cards: ExportCardRow[];
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Card HTML as readable plain text: line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<img[^>]*\bsrc\s*=\s*["']?([^"'>\s]+)["']?[^>]*>/gi, ' [$1] ')
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
      if (body.startsWith('#')) {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[body.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A card side as HTML (what Anki and the CSV export expect). */
function sideHtml(text: string, format: RenderedCard['format']): string {
  if (format === 'html') return text;
  if (format === 'text') return md.utils.escapeHtml(text).replace(/\n/g, '<br>');
  return md.render(text).trim();
}

/** A safe file name from a deck path: "A::B" → "A - B". */
export function exportFileName(path: string, ext: string): string {
  const base = deckPathParts(path)
    .join(' - ')
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return `${base || 'retain-export'}.${ext}`;
}

function cleanTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim().replace(/\s+/g, '_').slice(0, 60);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Millisecond-style ids from creation times, unique and increasing (Anki derives "Added" from them). */
function timeIds<T>(items: T[], createdAt: (t: T) => number): Map<T, number> {
  const order = items.map((item, i) => ({ item, i, t: Math.max(1, Math.round(createdAt(item))) })).sort((a, b) => a.t - b.t || a.i - b.i);
  const out = new Map<T, number>();
  let last = 0;
  for (const o of order) {
    last = Math.max(o.t, last + 1);
    out.set(o.item, last);
  }
  return out;
}

function groupByNote(rows: ExportCardRow[]): NoteGroup[] {
  const groups: NoteGroup[] = [];
  const byId = new Map<number, NoteGroup>();
  for (const r of rows) {
    let g = byId.get(r.noteId);
    if (!g) {
      g = {
        noteId: r.noteId,
        guid: r.guid,
        content: JSON.parse(r.content) as NoteContent,
        tags: JSON.parse(r.tags) as string[],
        section: r.section,
        createdAt: r.noteCreatedAt,
        updatedAt: r.noteUpdatedAt,
        cards: [],
      };
      byId.set(r.noteId, g);
      groups.push(g);
    }
    g.cards.push(r);
  }
  return groups;
}

/** Field names must be unique and non-empty for Anki. */
function uniqueFields(fields: Array<{ name: string; value: string }>): Array<{ name: string; value: string }> {
  const seen = new Set<string>();
  return fields.map((f, i) => {
    let name = f.name.trim() || `Field ${i + 1}`;
    for (let n = 2; seen.has(name); n++) name = `${f.name.trim() || 'Field'} ${n}`;
    seen.add(name);
    return { name, value: f.value };
  });
}

export function createExportService(repos: Repos, decks: DeckService, mediaStore: MediaStore, clock: Clock) {
  function scope(deckId: number | null): { deckIds: number[] | null; path: string; title: string; description: string } {
    if (deckId === null) return { deckIds: null, path: 'All decks', title: 'All decks', description: '' };
    const node = decks.node(deckId);
    return { deckIds: node.subtree, path: node.path, title: node.name, description: node.description };
  }

  function toDeckJson(groups: NoteGroup[], s: { path: string; title: string; description: string }, allDecks: boolean): Uint8Array {
    // Keep the GUIDs' deck id when every note comes from the same Retain deck, so a round trip updates in place.
    const prefixes = new Set(groups.map((g) => (g.guid.includes('/') ? g.guid.slice(0, g.guid.indexOf('/')) : '')));
    const [only] = [...prefixes];
    const sameDeck = prefixes.size === 1 && only !== undefined && ID_PATTERN.test(only) && only.length <= 120;
    const deckFileId = sameDeck ? only : (slugify(s.path).slice(0, 120).replace(/-+$/, '') || 'retain-export');
    const usedIds = new Set<string>();
    const claim = (wanted: string): string => {
      let id = wanted;
      for (let n = 2; usedIds.has(id); n++) id = `${wanted}-${n}`;
      usedIds.add(id);
      return id;
    };
    const notes: DeckNote[] = [];
    for (const g of groups) {
      const suffix = g.guid.includes('/') ? g.guid.slice(g.guid.indexOf('/') + 1) : '';
      const noteId = claim(
        sameDeck && ID_PATTERN.test(suffix) && suffix.length <= 110
          ? suffix
          : `n-${createHash('sha1').update(g.guid).digest('hex').slice(0, 16)}`,
      );
      const tags = cleanTags(g.tags);
      const meta = { id: noteId, section: g.section.trim().slice(0, 60) || 'imported', tags: tags.length ? tags : ['imported'] };
      let note: unknown =
        g.content.kind === 'rendered' ? basicFromRendered(g.content, g.cards[0]?.ord ?? 0, meta) : { ...meta, ...g.content };
      let parsed = deckNoteSchema.safeParse(note);
      if (!parsed.success) {
        const r = renderCard(g.content, g.cards[0]?.ord ?? 0);
        note = { ...meta, kind: 'basic', front: r.front.trim() || '(empty)', back: r.back.trim() || '(empty)' };
        parsed = deckNoteSchema.safeParse(note);
      }
      if (parsed.success) notes.push(parsed.data);
    }
    const file: DeckFile = {
      format: DECK_FORMAT,
      formatVersion: DECK_FORMAT_VERSION,
      deck: {
        id: deckFileId,
        title: s.title.slice(0, 200),
        description: s.description,
        version: 1,
        ...(allDecks ? {} : { path: s.path }),
      },
      notes,
    };
    return new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
  }

  function basicFromRendered(content: RenderedNote, ord: number, meta: { id: string; section: string; tags: string[] }): unknown {
    const card = content.cards.find((c) => c.ord === ord) ?? content.cards[0];
    const text = (s: string): string => (content.format === 'html' ? htmlToText(s) : s.trim());
    return { ...meta, kind: 'basic', front: text(card?.front ?? '') || '(empty)', back: text(card?.back ?? '') || '(empty)' };
  }

  function toCsv(groups: NoteGroup[]): Uint8Array {
    const rows: CsvRow[] = groups.map((g) => {
      const first = g.cards[0];
      const r = renderCard(g.content, first?.ord ?? 0);
      return {
        front: sideHtml(r.front, r.format),
        back: sideHtml(r.back, r.format),
        tags: g.tags,
        deck: first ? decks.path(first.deckId) : '',
        guid: g.guid,
      };
    });
    return new TextEncoder().encode(writeCsv(rows, { delimiter: ',' }));
  }

  function ankiNote(g: NoteGroup): Omit<ExportNote, 'id' | 'cards'> {
    const base = { guid: g.guid, tags: g.tags, modifiedAt: g.updatedAt };
    const c = g.content;
    switch (c.kind) {
      case 'basic':
        return {
          ...base,
          noteType: c.reversed ? 'Basic (and reversed card)' : 'Basic',
          fields: [
            { name: 'Front', value: sideHtml(c.front, 'markdown') },
            { name: 'Back', value: sideHtml(c.back, 'markdown') },
          ],
        };
      case 'cloze':
        return {
          ...base,
          noteType: 'Cloze',
          cloze: true,
          fields: [
            { name: 'Text', value: sideHtml(c.text, 'markdown') },
            { name: 'Back Extra', value: c.extra ? sideHtml(c.extra, 'markdown') : '' },
          ],
        };
      case 'rendered': {
        const fields = c.fields.length
          ? uniqueFields(c.fields.map((f) => ({ name: f.name, value: c.format === 'html' ? f.value : sideHtml(f.value, 'text') })))
          : [
              { name: 'Front', value: sideHtml(c.cards[0]?.front ?? '', c.format) },
              { name: 'Back', value: sideHtml(c.cards[0]?.back ?? '', c.format) },
            ];
        const cloze = /cloze/i.test(c.noteType) && fields.some((f) => /\{\{c\d+::/.test(f.value));
        return { ...base, noteType: c.noteType.trim() || 'Basic', fields, ...(cloze ? { cloze: true } : {}) };
      }
      default: {
        const r = renderCard(c, 0);
        return {
          ...base,
          noteType: 'Basic',
          fields: [
            { name: 'Front', value: sideHtml(r.front, r.format) },
            { name: 'Back', value: sideHtml(r.back, r.format) },
          ],
        };
      }
    }
  }

  function toApkg(groups: NoteGroup[], deckIds: number[] | null, includeHistory: boolean): { bytes: Uint8Array; reviews: number } {
    const noteIds = timeIds(groups, (g) => g.createdAt);
    const allCards = groups.flatMap((g) => g.cards);
    const cardIds = timeIds(allCards, (c) => c.cardCreatedAt);
    const notes: ExportNote[] = groups.map((g) => ({
      ...ankiNote(g),
      id: noteIds.get(g) ?? g.noteId,
      cards: g.cards.map(
        (c): ExportCard => ({
          id: cardIds.get(c) ?? c.cardId,
          ord: c.ord,
          deckPath: decks.path(c.deckId) || 'Default',
          due: c.due,
          state: (c.state >= 0 && c.state <= 3 ? c.state : 0) as ExportCard['state'],
          scheduledDays: c.scheduledDays,
          reps: c.reps,
          lapses: c.lapses,
          suspended: c.suspended,
          stability: c.stability,
          difficulty: c.difficulty,
        }),
      ),
    }));
    const reviews: ExportReview[] = [];
    if (includeHistory) {
      const newId = new Map(allCards.map((c) => [c.cardId, cardIds.get(c) ?? c.cardId]));
      let prevCard = -1;
      let prevScheduled = 0;
      for (const r of repos.imports.exportReviews(deckIds)) {
        const id = newId.get(r.cardId);
        if (id === undefined) continue;
        if (r.cardId !== prevCard) {
          prevCard = r.cardId;
          prevScheduled = 0;
        }
        reviews.push({
          cardId: id,
          reviewedAt: r.reviewedAt,
          rating: Math.min(4, Math.max(1, r.rating)) as ExportReview['rating'],
          durationMs: r.durationMs,
          scheduledDays: r.scheduledDays,
          lastScheduledDays: prevScheduled,
          state: (r.stateBefore >= 0 && r.stateBefore <= 3 ? r.stateBefore : 0) as ExportReview['state'],
        });
        prevScheduled = r.scheduledDays;
      }
    }
    const names = new Set<string>();
    for (const n of notes) for (const f of n.fields) for (const name of mediaReferences(f.value)) names.add(name);
    const media: Array<{ name: string; data: Uint8Array }> = [];
    for (const name of [...names].sort()) {
      if (!repos.media.get(name)) continue;
      const data = mediaStore.read(name);
      if (data) media.push({ name, data });
    }
    try {
      return { bytes: writeAnkiPackage({ notes, reviews, media, createdAt: clock.now() }, tmpdir()), reviews: reviews.length };
    } catch (err) {
      throw new AppError('internal', `the Anki package could not be written: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  return {
    /** One deck with its subdecks (or every deck for null) as a file. */
    exportDeck(deckId: number | null, format: ExportFormat, includeHistory = false): ExportFile {
      const s = scope(deckId);
      const groups = groupByNote(repos.imports.exportCards(s.deckIds));
      const cards = groups.reduce((n, g) => n + g.cards.length, 0);
      const name = deckId === null ? 'retain-decks' : s.path;
      switch (format) {
        case 'json':
          return { fileName: exportFileName(name, 'json'), mime: 'application/json', bytes: toDeckJson(groups, s, deckId === null), notes: groups.length, cards, reviews: 0 };
        case 'csv':
          return { fileName: exportFileName(name, 'csv'), mime: 'text/csv', bytes: toCsv(groups), notes: groups.length, cards, reviews: 0 };
        case 'apkg': {
          const { bytes, reviews } = toApkg(groups, s.deckIds, includeHistory);
          return { fileName: exportFileName(name, 'apkg'), mime: 'application/octet-stream', bytes, notes: groups.length, cards, reviews };
        }
      }
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
