/**
 * Export as a Retain deck file (format v1). Notes of a deck-file kind are written as they are.
 * Imported ('rendered') notes become basic notes made of their first card's front and back,
 * turned from HTML into plain text. The deck file has one deck, so subdecks are merged into it.
 * No history.
 */
import { createHash } from 'node:crypto';
import { DECK_FORMAT, DECK_FORMAT_VERSION, deckNoteSchema, type DeckFile, type DeckNote } from '../../../shared/deck-format';
import { htmlToText } from '../../../shared/html-text';
import type { RenderedNote } from '../../../shared/note-content';
import { normalizeTags } from '../../../shared/tags';
import { renderCard } from '../../core/render-card';
import { slugify } from '../formats/markdown-deck';
import type { NoteGroup } from './note-groups';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** What is exported: a deck's path, title and description ("All decks" for every deck). */
export interface DeckScope {
  path: string;
  title: string;
  description: string;
}

export function toDeckJson(groups: NoteGroup[], s: DeckScope, allDecks: boolean): Uint8Array {
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
    const tags = normalizeTags(normalizeTags(g.tags).map((t) => t.slice(0, 60)));
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
  const text = (s: string): string => (content.format === 'html' ? htmlToText(s, { keepLines: true }) : s.trim());
  return { ...meta, kind: 'basic', front: text(card?.front ?? '') || '(empty)', back: text(card?.back ?? '') || '(empty)' };
}

