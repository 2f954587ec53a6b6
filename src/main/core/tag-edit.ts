/**
 * Adding and removing tags on a note as Anki does: tags compare without regard to case, a tag
 * already there (in any case) is not added twice, and removing "a" also removes "A".
 */

const key = (tag: string): string => tag.toLowerCase();

/** The note's tags with `added` appended where not already present; order kept. */
export function addTags(tags: readonly string[], added: readonly string[]): string[] {
  const out = [...tags];
  const seen = new Set(tags.map(key));
  for (const t of added) {
    if (seen.has(key(t))) continue;
    seen.add(key(t));
    out.push(t);
  }
  return out;
}

/** The note's tags without any of `removed`. */
export function removeTags(tags: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed.map(key));
  return tags.filter((t) => !gone.has(key(t)));
}
