/**
 * Plain text from rendered card HTML, for quiz prompts and answer choices (which are shown as
 * text, never as markup).
 */

const NAMED_ENTITIES: Record<string, string> = {
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

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Text content of an HTML fragment: scripts, styles and tags removed, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(?:br|hr|\/?(?:p|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|pre))\b[^>]*>/gi, ' ')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The answer side of a rendered back: Anki backs usually repeat the front, then `<hr id=answer>`,
 * then the answer; only what follows the marker is kept when it is there.
 */
export function answerSideOfBack(back: string): string {
  const m = /<hr\b[^>]*\bid\s*=\s*["']?answer["']?[^>]*>/i.exec(back);
  return m ? back.slice(m.index + m[0].length) : back;
}
