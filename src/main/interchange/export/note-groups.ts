/** Exported cards grouped by note, and what every export format shares: card sides as HTML, file names. */
import MarkdownIt from 'markdown-it';
import { deckPathParts } from '../../../shared/deck-path';
import type { NoteContent } from '../../../shared/note-content';
import type { RenderedCard } from '../../core/render-card';
import type { ExportCardRow } from '../../db/repos/import-repo';

export interface NoteGroup {
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

/** A card side as HTML (what Anki and the CSV export expect). */
export function sideHtml(text: string, format: RenderedCard['format']): string {
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

export function groupByNote(rows: ExportCardRow[]): NoteGroup[] {
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

