/**
 * Media file references in card HTML, one rule for both sides: the import (which files a note
 * uses, renames), the export (which files to pack) and the renderer (which files to fetch and
 * inline). A reference is the value of a `src` attribute or the name in `[sound:name]`; values
 * that are URLs (a scheme, `//host`) or absolute paths are not media files. Attribute values are
 * read as HTML writes them: character references decoded, then %-escapes.
 */
import { decodeEntities } from './html-text';

const SRC = /(\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;
const SOUND = /\[sound:([^\]]+)\]/g;

/** The media file name an attribute value names, or null for a URL, an absolute path or nothing. */
export function mediaNameOf(raw: string): string | null {
  if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('/')) return null;
  let out = decodeEntities(raw);
  if (/%[0-9a-f]{2}/i.test(out)) {
    try {
      out = decodeURIComponent(out);
    } catch {
      // keep as written
    }
  }
  return out;
}

/** Media file names an HTML text refers to: <img src="…">, <audio/source src="…">, [sound:…]; each once. */
export function mediaReferences(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(SRC)) {
    const name = mediaNameOf(m[2] ?? m[3] ?? m[4] ?? '');
    if (name) out.add(name);
  }
  for (const m of html.matchAll(SOUND)) if (m[1]) out.add(m[1]);
  return [...out];
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Rewrite media references: `src` values and sound tags whose name `replace` maps get its answer
 * (an attribute value is written double-quoted and escaped); `sound` may turn a sound tag into
 * something else. Names `replace` does not know are left as they are.
 */
export function replaceMediaReferences(
  html: string,
  replace: (name: string) => string | undefined,
  sound: (name: string, to: string) => string = (_name, to) => `[sound:${to}]`,
): string {
  return html
    .replace(SRC, (whole, pre: string, dq?: string, sq?: string, bare?: string) => {
      const name = mediaNameOf(dq ?? sq ?? bare ?? '');
      const to = name === null ? undefined : replace(name);
      return to === undefined ? whole : `${pre}"${attr(to)}"`;
    })
    .replace(SOUND, (whole, name: string) => {
      const to = replace(name);
      return to === undefined ? whole : sound(name, to);
    });
}

/** Rewrite references to renamed media files. */
export function renameMediaReferences(html: string, renames: ReadonlyMap<string, string>): string {
  return renames.size === 0 ? html : replaceMediaReferences(html, (name) => renames.get(name));
}

/**
 * Card HTML with known media files inlined as data URLs: image sources are replaced, and
 * [sound:x] becomes an audio player. Unknown names are left as they are.
 */
export function inlineMedia(html: string, urlOf: (name: string) => string | undefined): string {
  return replaceMediaReferences(html, urlOf, (name, url) => `<audio controls preload="none" src="${attr(url)}" title="${attr(name)}"></audio>`);
}
