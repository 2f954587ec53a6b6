/**
 * Export as an Anki package (.apkg, legacy schema 11) that Anki imports: deck-file notes become
 * Basic / Basic (and reversed card) / Cloze notes with their text rendered to HTML; imported notes
 * keep their note type and fields. Cards keep their FSRS state; with `includeHistory` the review
 * log goes along. Media files the notes refer to are included. Note and card ids are derived
 * from their creation times (Anki shows them as the "Added" date).
 */
import { tmpdir } from 'node:os';
import { AppError } from '../../../shared/api/errors';
import { mediaReferences } from '../../../shared/media-references';
import type { Clock } from '../../core/clock';
import { renderCard } from '../../core/render-card';
import type { Repos } from '../../db/repos';
import type { DeckService } from '../../services/deck-service';
import type { MediaStore } from '../../services/media-store';
import { writeAnkiPackage, type ExportCard, type ExportNote, type ExportReview } from '../anki/write-anki-package';
import { sideHtml, type NoteGroup } from './note-groups';

export interface ApkgDeps {
  repos: Repos;
  decks: DeckService;
  mediaStore: MediaStore;
  clock: Clock;
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

export function toApkg(
  groups: NoteGroup[],
  deckIds: number[] | null,
  includeHistory: boolean,
  deps: ApkgDeps,
): { bytes: Uint8Array; reviews: number } {
  const { repos, decks, mediaStore, clock } = deps;
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

