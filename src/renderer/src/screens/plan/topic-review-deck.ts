/**
 * The deck a review of one topic runs in, when the readiness rows cover the whole collection: the
 * deepest deck that holds every card with the tag, or, when the tag spans several top-level decks,
 * the top-level deck holding most of them.
 */
import type { DeckSummary } from '../../../../shared/api/decks-contract';

/** The deck for cards in these decks (full paths, one per card). */
export function deckForPaths(paths: readonly string[], decks: readonly DeckSummary[]): number | null {
  if (paths.length === 0) return null;
  const parts = paths.map((p) => p.split('::'));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0]![i]); i++) common.push(parts[0]![i]!);
  let path = common.join('::');
  if (common.length === 0) {
    const perRoot = new Map<string, number>();
    for (const p of parts) perRoot.set(p[0]!, (perRoot.get(p[0]!) ?? 0) + 1);
    path = [...perRoot].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  }
  return decks.find((d) => d.path === path)?.id ?? null;
}

/** The browser search for the cards with this topic tag. */
export function topicQuery(tag: string): string {
  return `"tag:${tag.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
