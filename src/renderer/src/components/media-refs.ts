/** Media file references in card HTML: which names a card uses, and inlining them as data URLs. */

const SRC = /(\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;
const SOUND = /\[sound:([^\]]+)\]/g;

function plainName(raw: string): string | null {
  if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//') || raw.startsWith('/')) return null;
  return raw.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** Media file names card HTML refers to (<img src="x.png">, [sound:x.mp3]); URLs are left out. */
export function mediaNames(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(SRC)) {
    const name = plainName(m[2] ?? m[3] ?? m[4] ?? '');
    if (name) out.add(name);
  }
  for (const m of html.matchAll(SOUND)) if (m[1]) out.add(m[1]);
  return [...out];
}

/**
 * Card HTML with known media files inlined as data URLs: image sources are replaced, and
 * [sound:x] becomes an audio player. Unknown names are left as they are.
 */
export function inlineMedia(html: string, urlOf: (name: string) => string | undefined): string {
  const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return html
    .replace(SRC, (whole, pre: string, dq?: string, sq?: string, bare?: string) => {
      const name = plainName(dq ?? sq ?? bare ?? '');
      const url = name ? urlOf(name) : undefined;
      return url ? `${pre}"${attr(url)}"` : whole;
    })
    .replace(SOUND, (whole, name: string) => {
      const url = urlOf(name);
      return url ? `<audio controls preload="none" src="${attr(url)}" title="${attr(name)}"></audio>` : whole;
    });
}
