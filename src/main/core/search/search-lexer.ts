/**
 * Splits a search into tokens with their positions: parentheses, `-` (negation), `or`/`and`, and
 * terms. A term runs to the next space or parenthesis; quotes ("a b", deck:"A B") keep spaces and
 * parentheses inside it. A backslash makes the next character literal (`\*`, `\"`, `\(`).
 */
import type { SearchProblem } from './search-ast';

/** One character of a term, where it stood (0-based), and whether a backslash made it literal. */
export interface TermChar {
  c: string;
  at: number;
  escaped: boolean;
}

export type Token =
  | { type: 'open' | 'close' | 'not' | 'or' | 'and'; at: number; length: number }
  | { type: 'term'; at: number; length: number; chars: TermChar[]; quoted: boolean };

export class SearchSyntaxError extends Error {
  constructor(readonly problem: SearchProblem) {
    super(problem.message);
  }
}

export function problemAt(at: number, length: number, message: string): SearchSyntaxError {
  return new SearchSyntaxError({ message: `Column ${at + 1}: ${message}`, column: at + 1, length: Math.max(1, length) });
}

const SPACE = /\s/;

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'open' : 'close', at: i, length: 1 });
      i++;
    } else if (ch === '-') {
      tokens.push({ type: 'not', at: i, length: 1 });
      i++;
    } else {
      const term = readTerm(query, i);
      const word = term.quoted ? '' : term.chars.map((t) => (t.escaped ? '\\' : t.c)).join('').toLowerCase();
      if (word === 'or' || word === 'and') tokens.push({ type: word, at: i, length: term.end - i });
      else tokens.push({ type: 'term', at: i, length: term.end - i, chars: term.chars, quoted: term.quoted });
      i = term.end;
    }
  }
  return tokens;
}

function readTerm(query: string, start: number): { chars: TermChar[]; quoted: boolean; end: number } {
  const chars: TermChar[] = [];
  let i = start;
  let quoted = false;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === '"') {
      quoted = true;
      i = readQuoted(query, i, chars);
      continue;
    }
    if (SPACE.test(ch) || ch === '(' || ch === ')') break;
    if (ch === '\\') {
      if (i + 1 >= query.length) throw problemAt(i, 1, 'A backslash at the end has nothing to escape; write \\\\ for a backslash.');
      chars.push({ c: query[i + 1]!, at: i + 1, escaped: true });
      i += 2;
      continue;
    }
    chars.push({ c: ch, at: i, escaped: false });
    i++;
  }
  return { chars, quoted, end: i };
}

/** Reads a quoted run starting at the quote at `open`; returns the index after the closing quote. */
function readQuoted(query: string, open: number, chars: TermChar[]): number {
  let i = open + 1;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === '"') return i + 1;
    if (ch === '\\' && i + 1 < query.length) {
      chars.push({ c: query[i + 1]!, at: i + 1, escaped: true });
      i += 2;
      continue;
    }
    chars.push({ c: ch, at: i, escaped: false });
    i++;
  }
  throw problemAt(open, query.length - open, 'this quote is never closed; add a closing ".');
}
