/**
 * Parses a browser search (Anki's syntax) into a SearchNode, or reports the first problem with its
 * column. Terms side by side are ANDed; `or` binds looser than the implicit AND; `-` negates the
 * term or group after it; parentheses group. An empty search matches every card.
 */
import type { ParseResult, SearchNode } from './search-ast';
import { problemAt, SearchSyntaxError, tokenize, type Token } from './search-lexer';
import { parseTerm } from './search-terms';

export function parseSearch(query: string): ParseResult {
  try {
    const tokens = tokenize(query);
    if (tokens.length === 0) return { ok: true, node: { type: 'all' } };
    const parser = new Parser(tokens);
    const node = parser.orExpr();
    parser.expectEnd();
    return { ok: true, node };
  } catch (err) {
    if (err instanceof SearchSyntaxError) return { ok: false, problem: err.problem };
    throw err;
  }
}

/** Deeper nesting than this is refused: no real search needs it, and SQL has a limit of its own. */
export const MAX_DEPTH = 50;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  expectEnd(): void {
    const t = this.peek();
    if (t?.type === 'close') throw problemAt(t.at, 1, 'this ) has no matching (.');
  }

  orExpr(): SearchNode {
    const children = [this.andExpr()];
    for (let t = this.peek(); t?.type === 'or'; t = this.peek()) {
      this.i++;
      const next = this.peek();
      if (!next || next.type === 'close' || next.type === 'or' || next.type === 'and') {
        throw problemAt(t.at, t.length, '"or" needs a search on both sides.');
      }
      children.push(this.andExpr());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private andExpr(): SearchNode {
    const first = this.peek();
    if (first && (first.type === 'or' || first.type === 'and')) {
      throw problemAt(first.at, first.length, `"${first.type}" needs a search on both sides.`);
    }
    const children = [this.unary()];
    for (let t = this.peek(); t && t.type !== 'or' && t.type !== 'close'; t = this.peek()) {
      if (t.type === 'and') {
        this.i++;
        const next = this.peek();
        if (!next || next.type === 'close' || next.type === 'or' || next.type === 'and') {
          throw problemAt(t.at, t.length, '"and" needs a search on both sides.');
        }
      }
      children.push(this.unary());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private unary(): SearchNode {
    const t = this.peek();
    if (!t) throw new Error('unary() past the end');
    this.i++;
    if (t.type !== 'open' && t.type !== 'not') return this.primary(t);
    if (++this.depth > MAX_DEPTH) throw problemAt(t.at, 1, `searches nest at most ${MAX_DEPTH} deep (parentheses and -).`);
    try {
      return this.primary(t);
    } finally {
      this.depth--;
    }
  }

  private primary(t: Token): SearchNode {
    switch (t.type) {
      case 'not': {
        const next = this.peek();
        if (!next || next.type === 'close' || next.type === 'or' || next.type === 'and') {
          throw problemAt(t.at, 1, 'this - has nothing after it to exclude.');
        }
        return { type: 'not', child: this.unary() };
      }
      case 'open': {
        const next = this.peek();
        if (!next) throw problemAt(t.at, 1, 'this ( is never closed; add a ).');
        if (next.type === 'close') throw problemAt(t.at, 2, 'these parentheses hold no search.');
        const inner = this.orExpr();
        const close = this.peek();
        if (close?.type !== 'close') throw problemAt(t.at, 1, 'this ( is never closed; add a ).');
        this.i++;
        return inner;
      }
      case 'close':
        throw problemAt(t.at, 1, 'this ) has no matching (.');
      case 'term':
        return parseTerm(t);
      default:
        throw problemAt(t.at, t.length, `"${t.type}" needs a search on both sides.`);
    }
  }
}
