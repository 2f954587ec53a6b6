/** The rules a deck name follows, with the message shown at the name field when one is broken. */

const MAX_NAME = 200;

/** Why `name` cannot name one deck level, or null. */
export function deckNameProblem(name: string): string | null {
  const t = name.trim();
  if (t === '') return 'a deck name cannot be empty';
  if (t.includes('::')) return '"::" separates a parent from a subdeck; to put a deck under another, use Move';
  if (/[\u0000-\u001f\u007f]/.test(t)) return 'a deck name cannot contain control characters';
  if (t.length > MAX_NAME) return `a deck name can be at most ${MAX_NAME} characters`;
  return null;
}

/** Why `path` ("Parent::Child") cannot name a new deck, or null. */
export function pathNameProblem(path: string): string | null {
  if (path.trim() === '') return 'a deck name cannot be empty';
  const parts = path.split('::');
  if (parts.some((p) => p.trim() === '')) return '"::" must have a deck name on each side, as in "Parent::Child"';
  for (const p of parts) {
    const problem = deckNameProblem(p);
    if (problem) return problem;
  }
  return null;
}
