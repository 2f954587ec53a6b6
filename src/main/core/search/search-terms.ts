/**
 * One search term: free text, or a keyword search (`deck:`, `tag:`, `is:`, `flag:`, `prop:`,
 * `rated:`, `added:`, `kind:`). An unquoted `word:` that is not a keyword is refused (quote it to
 * search for text with a colon); a quoted one is text.
 */
import {
  COMPARISONS,
  IS_VALUES,
  KIND_NAMES,
  PROP_NAMES,
  type Comparison,
  type IsValue,
  type KindName,
  type Pattern,
  type PropName,
  type SearchNode,
} from './search-ast';
import { problemAt, type TermChar, type Token } from './search-lexer';

type TermToken = Extract<Token, { type: 'term' }>;

export const KEYWORDS = ['deck', 'tag', 'is', 'flag', 'prop', 'rated', 'added', 'kind'] as const;
type Keyword = (typeof KEYWORDS)[number];

const list = (values: readonly string[]): string => values.join(', ');

/** The literal text and wildcards of a run of term characters. */
export function toPattern(chars: TermChar[]): Pattern {
  const out: Pattern = [];
  for (const ch of chars) {
    if (!ch.escaped && ch.c === '*') out.push({ any: true });
    else if (!ch.escaped && ch.c === '_') out.push({ one: true });
    else {
      const last = out[out.length - 1];
      if (last && 'text' in last) last.text += ch.c;
      else out.push({ text: ch.c });
    }
  }
  return out;
}

const plain = (chars: TermChar[]): string => chars.map((c) => c.c).join('');

export function parseTerm(t: TermToken): SearchNode {
  const colon = t.chars.findIndex((c) => c.c === ':' && !c.escaped);
  const name = colon > 0 ? plain(t.chars.slice(0, colon)).toLowerCase() : '';
  if (colon > 0 && (KEYWORDS as readonly string[]).includes(name)) {
    return keywordTerm(name as Keyword, t.chars.slice(colon + 1), t, t.chars[colon]!.at + 1);
  }
  if (colon > 0 && !t.quoted && /^[a-z_]+$/.test(name)) {
    throw problemAt(t.at, colon + 1, `"${name}:" is not a search keyword; use one of ${KEYWORDS.map((k) => `${k}:`).join(' ')}, or put text with a colon in quotes.`);
  }
  if (t.chars.length === 0) throw problemAt(t.at, t.length, 'these empty quotes search for nothing.');
  return { type: 'text', pattern: toPattern(t.chars) };
}

function keywordTerm(keyword: Keyword, value: TermChar[], t: TermToken, valueAt: number): SearchNode {
  const text = plain(value);
  const lower = text.toLowerCase();
  const at = value[0]?.at ?? valueAt;
  const fail = (message: string): never => {
    throw problemAt(at, Math.max(1, text.length), `${keyword}: ${message}`);
  };
  if (value.length === 0) fail(`needs a value, e.g. ${EXAMPLES[keyword]}.`);
  switch (keyword) {
    case 'deck':
      return { type: 'deck', pattern: toPattern(value) };
    case 'tag':
      return { type: 'tag', pattern: lower === 'none' ? null : toPattern(value) };
    case 'is':
      if (!(IS_VALUES as readonly string[]).includes(lower)) fail(`"${text}" is not a card state; use one of ${list(IS_VALUES)}.`);
      return { type: 'is', value: lower as IsValue };
    case 'flag':
      if (!/^[0-7]$/.test(text)) fail(`"${text}" is not a flag; use 0 (no flag) to 7 (1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple).`);
      return { type: 'flag', flag: Number(text) };
    case 'prop':
      return propTerm(lower, fail);
    case 'rated': {
      const m = /^(\d{1,5})(?::(\d+))?$/.exec(text);
      if (!m) return fail(`"${text}" is not a number of days; write rated:N or rated:N:R (R from 1 Again to 4 Easy).`);
      const days = Number(m[1]);
      if (days < 1) fail('the number of days starts at 1 (today).');
      const rating = m[2] === undefined ? null : Number(m[2]);
      if (rating !== null && (rating < 1 || rating > 4)) fail(`rating ${m[2]} does not exist; use 1 (Again) to 4 (Easy).`);
      return { type: 'rated', days, rating };
    }
    case 'added': {
      if (!/^\d{1,5}$/.test(text) || Number(text) < 1) fail(`"${text}" is not a number of days; write added:N with N 1 (today) or more.`);
      return { type: 'added', days: Number(text) };
    }
    case 'kind':
      if (!(KIND_NAMES as readonly string[]).includes(lower)) fail(`"${text}" is not a note kind; use one of ${list(KIND_NAMES)}.`);
      return { type: 'kind', kind: lower as KindName };
  }
}

const EXAMPLES: Record<Keyword, string> = {
  deck: 'deck:AWS or deck:"My deck"',
  tag: 'tag:aws',
  is: 'is:due',
  flag: 'flag:1',
  prop: 'prop:ivl>=10',
  rated: 'rated:7',
  added: 'added:7',
  kind: 'kind:cloze',
};

/** Integer properties; the rest take decimals. d and r are fractions from 0 to 1, as in Anki. */
const INTEGER_PROPS: readonly PropName[] = ['ivl', 'due', 'reps', 'lapses'];

function propTerm(text: string, fail: (message: string) => never): SearchNode {
  const m = /^([a-z]+)(!=|<=|>=|=|<|>)(.*)$/.exec(text);
  const name = m?.[1] ?? /^[a-z]*/.exec(text)?.[0] ?? '';
  if (!(PROP_NAMES as readonly string[]).includes(name)) {
    return fail(`"${name || text}" is not a property; use one of ${list(PROP_NAMES)} (s stability, d difficulty, r retrievability).`);
  }
  if (!m) return fail(`"${name}" needs a comparison (${list(COMPARISONS)}) and a number, e.g. prop:${name}>=10.`);
  const prop = name as PropName;
  const raw = m[3] ?? '';
  const number = INTEGER_PROPS.includes(prop) ? /^-?\d{1,7}$/ : /^-?(\d{1,7}(\.\d*)?|\.\d+)$/;
  if (!number.test(raw)) {
    fail(`"${raw}" is not ${INTEGER_PROPS.includes(prop) ? 'a whole number' : 'a number'}, in prop:${name}${m[2]}${raw}.`);
  }
  const value = Number(raw);
  if ((prop === 'd' || prop === 'r') && (value < 0 || value > 1)) fail(`prop:${prop} compares a fraction from 0 to 1, not ${raw}.`);
  return { type: 'prop', prop, op: m[2] as Comparison, value };
}
