/**
 * Which card HTML needs no cleaning: text made only of common formatting tags with inert
 * attributes (`<b>`, `<div class="x">`, `<img src="a.png">`, `style="color: red"`). Such text is
 * stored as it is; anything else goes through the sanitizer (import/clean-html.ts).
 *
 * Every `<` must open one whole plain tag, and a tag always ends at the first `>` after its `<`
 * (no part of the pattern before the closing `>` can hold one). So plain text joined to plain text
 * is plain: each tag of the whole lies, complete, inside one of the parts. The Anki template
 * renderer relies on this to judge a rendered card side from its parts (anki/anki-template.ts).
 */
import { isPlainStyle } from '../../../shared/untrusted-html';

const PLAIN_TAGS = new Set(
  ('b i u s em strong small big mark sub sup br hr div p span font center blockquote pre code kbd samp var tt abbr cite q dfn ' +
    'ins del strike h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr td th caption colgroup col ruby rt rp wbr nobr img')
    .split(' '),
);
const PLAIN_ATTRS = new Set(
  'class id title lang dir align valign width height colspan rowspan color face size alt border cellpadding cellspacing src style'.split(' '),
);
/** One tag: name, then attributes whose values hold no quote of the other kind, no <>`, no & (entities) and no backslash. */
const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:\s*=\s*(?:"[^"<>`&\\]*"|'[^'<>`&\\]*'|[^\s"'=<>`&\\]+))?)*)\s*\/?>/iy;
const ATTR = /([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/gi;

/** Whether `html` is text and common formatting tags only, with attributes that cannot load or run anything. */
export function isPlainHtml(html: string): boolean {
  let at = html.indexOf('<');
  while (at !== -1) {
    TAG.lastIndex = at;
    const m = TAG.exec(html);
    const tag = m?.[2];
    if (!m || !tag || !(PLAIN_TAGS.has(tag) || PLAIN_TAGS.has(tag.toLowerCase()))) return false;
    const attrs = m[3];
    if (attrs && m[1]) return false;
    if (attrs) {
      for (const a of attrs.matchAll(ATTR)) {
        const name = (a[1] ?? '').toLowerCase();
        const value = a[2] ?? a[3] ?? a[4] ?? '';
        if (!PLAIN_ATTRS.has(name)) return false;
        if (name === 'src' && (/[:\\]/.test(value) || value.trimStart().startsWith('//'))) return false;
        if (name === 'style' && !isPlainStyle(value)) return false;
      }
    }
    at = html.indexOf('<', TAG.lastIndex);
  }
  return true;
}
