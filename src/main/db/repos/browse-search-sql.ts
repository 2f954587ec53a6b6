/**
 * A parsed browser search as an SQL condition on `cards c` (and `notes n` when `needsNote`), with
 * its parameters. Deck names are resolved to ids by the caller; times come from the caller's clock.
 */
import { NOTE_KIND_CODES } from '../../../shared/enums';
import type { Comparison, Pattern, SearchNode } from '../../core/search/search-ast';
import { literalText } from '../../core/search/search-patterns';

export type SqlValue = number | string;

export interface SearchContext {
  now: number;
  /** Start of the study day `offset` days from today (0: today's start, 1: tomorrow's). */
  dayStart(offset: number): number;
  /** Ids of the decks whose full name matches, with all their subdecks. */
  decksMatching(pattern: Pattern): number[];
}

export interface CompiledSearch {
  where: string;
  params: SqlValue[];
  /** The condition reads the note (`n`): join notes. */
  needsNote: boolean;
}

/** The SQL function the browse repo registers for FSRS retrievability now (null for a card never answered). */
export const RETRIEVABILITY_SQL = 'browse_retrievability(c.state, c.stability, c.difficulty, c.last_review, c.deck_id)';

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, '\\$&');

/** LIKE pattern for a search pattern; `jsonText` matches the text as it is written inside a JSON string. */
export function likePattern(pattern: Pattern, jsonText = false): string {
  return pattern
    .map((p) => {
      if ('text' in p) return likeEscape(jsonText ? JSON.stringify(p.text).slice(1, -1) : p.text);
      // Inside JSON one character may be written as two ("\n"), so the prefilter lets "_" match any run.
      return 'any' in p || jsonText ? '%' : '_';
    })
    .join('');
}

const OPS: Record<Comparison, string> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Content keys that name things rather than hold note text. */
const NOT_TEXT_KEYS = "('kind', 'format', 'noteType', 'name')";

/** Terms joined as a balanced tree, so a search of a thousand terms stays within SQLite's expression depth. */
function balanced(parts: string[], op: 'AND' | 'OR'): string {
  if (parts.length <= 8) return `(${parts.join(` ${op} `)})`;
  const half = Math.ceil(parts.length / 2);
  return `(${balanced(parts.slice(0, half), op)} ${op} ${balanced(parts.slice(half), op)})`;
}

export function compileSearch(node: SearchNode, ctx: SearchContext): CompiledSearch {
  const params: SqlValue[] = [];
  let needsNote = false;
  const p = (v: SqlValue): string => {
    params.push(v);
    return '?';
  };
  const inList = (ids: number[]): string => {
    if (ids.length === 0) return '(NULL)';
    if (ids.length <= 200) return `(${ids.map(p).join(', ')})`;
    return `(SELECT value FROM json_each(${p(JSON.stringify(ids))}))`;
  };

  const dueDays = (op: Comparison, days: number): string => {
    const from = ctx.dayStart(days);
    const to = ctx.dayStart(days + 1);
    const range = (): string => {
      switch (op) {
        case '=':
          return `c.due >= ${p(from)} AND c.due < ${p(to)}`;
        case '!=':
          return `(c.due < ${p(from)} OR c.due >= ${p(to)})`;
        case '<':
          return `c.due < ${p(from)}`;
        case '<=':
          return `c.due < ${p(to)}`;
        case '>':
          return `c.due >= ${p(to)}`;
        case '>=':
          return `c.due >= ${p(from)}`;
      }
    };
    // Cards scheduled in days: reviews and interday (re)learning steps.
    return `(c.state != 0 AND c.scheduled_days > 0 AND ${range()})`;
  };

  /** `deckBound`: a deck term ANDed around this one drives the query through the queue index, so a tag is probed per card. */
  const walk = (n: SearchNode, deckBound = false): string => {
    switch (n.type) {
      case 'all':
        return '1';
      case 'and': {
        const bound = deckBound || n.children.some((c) => c.type === 'deck');
        return balanced(n.children.map((c) => walk(c, bound)), 'AND');
      }
      case 'or':
        return balanced(n.children.map((c) => walk(c, deckBound)), 'OR');
      case 'not':
        return `NOT ${walk(n.child, deckBound)}`;
      case 'text': {
        needsNote = true;
        const prefilter = p(`%${likePattern(n.pattern, true)}%`);
        const exact = p(`%${likePattern(n.pattern)}%`);
        return `(n.content LIKE ${prefilter} ESCAPE '\\' AND EXISTS (SELECT 1 FROM json_tree(n.content) j
          WHERE j.type = 'text' AND j.key NOT IN ${NOT_TEXT_KEYS} AND j.fullkey NOT LIKE '$.cards[%' AND j.value LIKE ${exact} ESCAPE '\\'))`;
      }
      case 'deck': {
        const ids = ctx.decksMatching(n.pattern);
        return ids.length === 1 ? `c.deck_id = ${p(ids[0]!)}` : `c.deck_id IN ${inList(ids)}`;
      }
      case 'tag': {
        if (n.pattern === null) return 'NOT EXISTS (SELECT 1 FROM note_tags t WHERE t.note_id = c.note_id)';
        const exact = literalText(n.pattern);
        if (exact === null) {
          const like = likePattern(n.pattern);
          return `c.note_id IN (SELECT note_id FROM note_tags WHERE tag LIKE ${p(like)} ESCAPE '\\' OR tag LIKE ${p(`${like}::%`)} ESCAPE '\\')`;
        }
        if (deckBound) {
          // Probed per card of the deck (the note's few tags), without collecting every note of the tag.
          return `EXISTS (SELECT 1 FROM note_tags t WHERE t.note_id = c.note_id
            AND (t.tag = ${p(exact)} COLLATE NOCASE OR (t.tag >= ${p(`${exact}::`)} COLLATE NOCASE AND t.tag < ${p(`${exact}:;`)} COLLATE NOCASE)))`;
        }
        // The tag itself, then its children: a range of the NOCASE tag index (":;" follows every "::…").
        return `c.note_id IN (SELECT note_id FROM note_tags WHERE tag = ${p(exact)} COLLATE NOCASE
          UNION ALL SELECT note_id FROM note_tags WHERE tag >= ${p(`${exact}::`)} COLLATE NOCASE AND tag < ${p(`${exact}:;`)} COLLATE NOCASE)`;
      }
      case 'is':
        switch (n.value) {
          case 'new':
            return 'c.state = 0';
          case 'learn':
            return 'c.state IN (1, 3)';
          case 'review':
            return 'c.state IN (2, 3)';
          case 'due':
            // Reviews due by the end of today, (re)learning cards due now; one range of the queue index.
            return `(c.suspended = 0 AND c.state IN (1, 2, 3) AND c.due < ${p(ctx.dayStart(1))} AND (c.state = 2 OR c.due <= ${p(ctx.now)}))`;
          case 'suspended':
            return 'c.suspended = 1';
          case 'buried':
            return 'c.suspended IN (2, 3)';
        }
        break;
      case 'flag':
        return `c.flag = ${p(n.flag)}`;
      case 'prop': {
        const op = OPS[n.op];
        switch (n.prop) {
          case 'ivl':
            return `(c.state = 2 AND c.scheduled_days ${op} ${p(n.value)})`;
          case 'due':
            return dueDays(n.op, n.value);
          case 'reps':
            return `c.reps ${op} ${p(n.value)}`;
          case 'lapses':
            return `c.lapses ${op} ${p(n.value)}`;
          case 's':
            return `(c.state != 0 AND c.stability ${op} ${p(n.value)})`;
          case 'd':
            return `(c.state != 0 AND (c.difficulty - 1) / 9.0 ${op} ${p(n.value)})`;
          case 'r':
            return `(c.state != 0 AND ${RETRIEVABILITY_SQL} ${op} ${p(n.value)})`;
        }
        break;
      }
      case 'rated': {
        // Manual reschedules are not answers (kind 2).
        const since = `reviewed_at >= ${p(ctx.dayStart(1 - n.days))} AND kind != 2`;
        const rating = n.rating === null ? '' : ` AND rating = ${p(n.rating)}`;
        return `c.id IN (SELECT card_id FROM review_log WHERE ${since}${rating})`;
      }
      case 'added':
        return `c.created_at >= ${p(ctx.dayStart(1 - n.days))}`;
      case 'kind':
        needsNote = true;
        return `n.kind = ${p(NOTE_KIND_CODES[n.kind])}`;
    }
  };
  const where = walk(node);
  return { where, params, needsNote };
}
