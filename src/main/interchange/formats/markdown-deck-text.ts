/** Text and token helpers of the Markdown deck generator: slugs, ids and tags cut to size, cloze items, table labels. */
import type { Token } from 'markdown-it';
import { MAX_ID_LENGTH, MAX_TAG_LENGTH } from './markdown-deck-limits';

/** FNV-1a over UTF-16 code units, as 8 hex digits. */
export function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Lowercase ASCII slug; link targets are dropped. Falls back to a hash for text with no ASCII letters or digits. */
export function slugify(text: string): string {
  const slug = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? `x${hash32(text)}` : slug;
}

/** "3.2 Foo" → 3.2, "3. Foo" → 3, "3.2. Foo" → 3.2; a bare "2024 Foo" is not numbering. */
export function stripNumbering(text: string): { number: string | null; title: string } {
  const m = /^(\d+(?:\.\d+)+|\d+(?=\.))\.?(?:\s+|$)/.exec(text);
  if (!m || m[1] === undefined) return { number: null, title: text };
  const title = text.slice(m[0].length).trim();
  return { number: m[1], title: title === '' ? text : title };
}

/** Cut to at most `max` UTF-16 units without splitting a code point. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.trimEnd();
}

export function fitId(id: string): string {
  if (id.length <= MAX_ID_LENGTH) return id;
  const suffix = `-${hash32(id)}`;
  const head = id.slice(0, MAX_ID_LENGTH - suffix.length).replace(/[-._]+$/, '');
  return head + suffix;
}

export function fitTag(slug: string): string {
  return slug.length <= MAX_TAG_LENGTH ? slug : slug.slice(0, MAX_TAG_LENGTH).replace(/-+$/, '');
}

export const norm = (s: string): string => s.trim().toLowerCase();

/** Line breaks inside an inline run become single spaces (hard-break backslashes are dropped). */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*\\?\n[ \t]*/g, ' ').trim();
}

export function basename(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] ?? fileName;
}

/** Count the cells of a table row the way markdown-it splits them (unescaped pipes; outer pipes optional). */
export function countCells(line: string): number {
  const cells: string[] = [];
  let current = '';
  let escaped = false;
  for (const ch of line.trim()) {
    if (ch === '|' && !escaped) {
      cells.push(current);
      current = '';
    } else current += ch;
    escaped = ch === '\\';
  }
  cells.push(current);
  if (cells.length > 0 && cells[0] === '') cells.shift();
  if (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells.length;
}

/** Blank out a leading YAML front-matter block, keeping line numbers. */
export function blankFrontMatter(src: string): string {
  const lines = src.split('\n');
  if (lines[0]?.trim() !== '---') return src;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return src;
  return lines.map((l, i) => (i <= end ? '' : l)).join('\n');
}

export const BOLD_LEAD = /^(\*\*|__)(?=\S)([\s\S]+?)(?<=\S)\1([\s\S]*)$/;
export const BOLD_ONLY = /^(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1$/;

/** One list item as a cloze line body: the bold lead (or the whole item) becomes deletion `n`. */
export function clozeItem(text: string, n: number): string | null {
  const ok = (d: string): boolean => d !== '' && !/[{}]/.test(d) && !d.includes('::');
  const m = BOLD_LEAD.exec(text);
  if (m && m[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
    const lead = m[2];
    const punct = /[\s:.]*$/.exec(lead)?.[0] ?? '';
    const core = lead.slice(0, lead.length - punct.length);
    if (!ok(core)) return null;
    return `${m[1]}{{c${n}::${core}}}${punct}${m[1]}${m[3]}`;
  }
  return ok(text) ? `{{c${n}::${text}}}` : null;
}

/** Find the index of the token closing the block opened at `open`. */
export function closingIndex(tokens: Token[], open: number): number {
  const start = tokens[open];
  if (!start) return open;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t && t.level === start.level && t.nesting === -1 && t.tag === start.tag) return i;
  }
  return tokens.length - 1;
}

/**
 * A bold-only line ending the paragraph right before index `i` ("**Components:**"), as a label
 * without its trailing colon.
 */
export function labelBefore(tokens: Token[], i: number): string | null {
  const close = tokens[i - 1];
  const inline = tokens[i - 2];
  if (close?.type !== 'paragraph_close' || inline?.type !== 'inline') return null;
  const lastLine = inline.content.split('\n').pop() ?? '';
  const m = BOLD_ONLY.exec(lastLine.trim());
  if (!m || m[2] === undefined) return null;
  const label = m[2].replace(/[\s:.]+$/, '').trim();
  return label === '' ? null : label;
}
