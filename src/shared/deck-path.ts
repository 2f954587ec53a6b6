/** Deck paths "Parent::Child": the one place that splits and normalizes them. */

/** The trimmed, non-empty levels of a deck path: "A :: B::" → ["A", "B"]. */
export function deckPathParts(path: string): string[] {
  return path
    .split('::')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** "A :: B::" → "A::B"; an empty path → "Default" (as the deck repo stores it). */
export function normalizeDeckPath(path: string): string {
  const parts = deckPathParts(path);
  return parts.length === 0 ? 'Default' : parts.join('::');
}
