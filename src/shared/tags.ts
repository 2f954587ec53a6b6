/**
 * The one rule for a tag: no whitespace (a run of it inside a tag becomes "_", as Anki does), not
 * empty, each tag once per note in first-seen order. Readers that split a tag text (CSV, Anki)
 * and the Anki writer all normalise through here, so a note's tags survive a round trip.
 */

/** Tags trimmed, inner whitespace as "_", empty ones dropped, repeats removed (first kept). */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of tags) {
    const tag = /\s/.test(t) ? t.trim().replace(/\s+/g, '_') : t;
    if (tag !== '' && !seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out;
}

/** A text holding several tags, split on whitespace and commas, then normalised. */
export function splitTagText(text: string): string[] {
  return normalizeTags(text.split(/[\s,]+/));
}
