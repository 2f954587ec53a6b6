/** Search patterns as matchers: a whole-name regular expression for deck names (pure; SQL lives in db/repos). */
import type { Pattern } from './search-ast';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches a whole name case-insensitively; `*` any run, `_` one character. */
export function wholeNameRegExp(pattern: Pattern): RegExp {
  const body = pattern.map((p) => ('text' in p ? escapeRegExp(p.text) : 'any' in p ? '.*' : '.')).join('');
  return new RegExp(`^${body}$`, 'isu');
}

/** Whether a pattern has no wildcards (its text is matched exactly). */
export function literalText(pattern: Pattern): string | null {
  let out = '';
  for (const p of pattern) {
    if (!('text' in p)) return null;
    out += p.text;
  }
  return out;
}
