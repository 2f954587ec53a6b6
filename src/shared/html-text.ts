/**
 * Text out of HTML without a DOM: character references decoded, tags, comments and script/style
 * bodies dropped. Shared by the Anki template renderer ({{text:…}}), the Anki writer (sort field
 * and field checksum), the quiz (prompts and choices shown as plain text), the text exports and
 * the media-reference scanner.
 */

/** The named references decoded; any other name is left as written. `nbsp` becomes a plain space. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  times: '×',
};

const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
/** Comments, and <script>/<style> elements with their bodies, in one left-to-right pass. */
const HIDDEN = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Tags that break a line of text when shown. */
const BLOCK_TAG = /<(?:br|hr|\/?(?:p|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|pre))\b[^>]*>/gi;
const IMG_SRC = /<img[^>]+src=["']?([^"'>]+)["']?[^>]*>/gi;
const TAG = /<[^>]*>/g;

function decodeReference(whole: string, ref: string): string {
  if (ref.charCodeAt(0) === 35 /* # */) {
    const hex = ref[1] === 'x' || ref[1] === 'X';
    const code = hex ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
}

/** Decode numeric references (&#65; &#x42;) and the common named ones (&amp; &lt; &nbsp; …). */
export function decodeEntities(s: string): string {
  return s.includes('&') ? s.replace(ENTITY, decodeReference) : s;
}

export interface StripTagsOptions {
  /** Replace each <img src="name"> with " name " first (what Anki sorts and checksums fields on). */
  keepMediaNames?: boolean;
  /**
   * Put a space where a comment, script/style element or line-breaking tag (<br>, <p>, <div>, …)
   * was, so words either side stay apart. Off: they are removed without a trace.
   */
  spaceBlocks?: boolean;
}

/** Remove comments, script/style elements and every tag, then decode references. Whitespace is kept as it is. */
export function stripTags(html: string, options: StripTagsOptions = {}): string {
  if (!html.includes('<')) return decodeEntities(html);
  const gap = options.spaceBlocks ? ' ' : '';
  let s = options.keepMediaNames ? html.replace(IMG_SRC, ' $1 ') : html;
  s = s.replace(HIDDEN, gap);
  if (options.spaceBlocks) s = s.replace(BLOCK_TAG, ' ');
  return decodeEntities(s.replace(TAG, ''));
}

/** Line breaks of shown HTML: <br> and the end of a paragraph, block, list item, row or heading. */
const LINE_END = /<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6])\s*>/gi;

export interface HtmlToTextOptions {
  /**
   * Keep the lines: <br> and block ends become line breaks (at most one blank line in a row) and
   * each <img src="name"> becomes " [name] ", for text meant to be read (an export). Off: one line.
   */
  keepLines?: boolean;
}

/** Text content of an HTML fragment: tags gone, references decoded, whitespace collapsed (to one line unless `keepLines`). */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  if (!options.keepLines) return stripTags(html, { spaceBlocks: true }).replace(/\s+/g, ' ').trim();
  return stripTags(html.replace(LINE_END, '\n').replace(IMG_SRC, ' [$1] '))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
