/**
 * The HTML-cleaning step of an import: imported HTML loses all active content before it is
 * stored (scripts, event handlers, javascript: URLs, frames, forms, meta/base, CSS that loads
 * anything; see clean-html.ts), and references to renamed media files are rewritten. The
 * renderer sanitizes again when a card is shown.
 */
import { renameMediaReferences } from '../../../shared/media-references';
import type { RenderedNote } from '../../../shared/note-content';
import { cleanHtml, isPlainHtml } from './clean-html';

/** Imported HTML without active content (see clean-html.ts). */
export const stripActiveHtml = cleanHtml;

/** Whether any field or card side of the note holds more than plain formatting (and so needs cleaning). */
function hasActiveHtml(content: RenderedNote): boolean {
  for (const f of content.fields) if (!isPlainHtml(f.value)) return true;
  // A side that is one of the fields (a Basic note's front, delimited text) was just judged.
  const judged = (s: string): boolean => content.fields.some((f) => f.value === s);
  for (const c of content.cards) {
    if (!judged(c.front) && !isPlainHtml(c.front)) return true;
    if (!judged(c.back) && !isPlainHtml(c.back)) return true;
  }
  return false;
}

/** The note with media renames applied and, for HTML, active content removed; the same object when nothing changes. */
export function cleanRendered(content: RenderedNote, renames: ReadonlyMap<string, string>): RenderedNote {
  if (renames.size === 0 && (content.format !== 'html' || !hasActiveHtml(content))) return content;
  const fix = (s: string): string => {
    const renamed = renameMediaReferences(s, renames);
    return content.format === 'html' ? stripActiveHtml(renamed) : renamed;
  };
  let changed = false;
  const fields = content.fields.map((f) => {
    const value = fix(f.value);
    if (value !== f.value) changed = true;
    return value === f.value ? f : { name: f.name, value };
  });
  const cards = content.cards.map((c) => {
    const front = fix(c.front);
    const back = fix(c.back);
    if (front !== c.front || back !== c.back) changed = true;
    return front === c.front && back === c.back ? c : { ord: c.ord, front, back };
  });
  return changed ? { ...content, fields, cards } : content;
}
