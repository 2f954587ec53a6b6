/** The browser's search parser (Anki's syntax): every operator, and every error with its column. */
import { describe, expect, it } from 'vitest';
import type { SearchNode } from '../../src/main/core/search/search-ast';
import { parseSearch } from '../../src/main/core/search/search-parser';
import { wholeNameRegExp } from '../../src/main/core/search/search-patterns';
import { searchProblemColumn } from '../../src/shared/api/browse-contract';

const ok = (query: string): SearchNode => {
  const r = parseSearch(query);
  if (!r.ok) throw new Error(`${query}: ${r.problem.message}`);
  return r.node;
};
const text = (t: string): SearchNode => ({ type: 'text', pattern: [{ text: t }] });

describe('search parser: terms and operators', () => {
  it('an empty or blank search matches everything', () => {
    expect(ok('')).toEqual({ type: 'all' });
    expect(ok('   ')).toEqual({ type: 'all' });
  });

  it('free text, wildcards and escapes', () => {
    expect(ok('dog')).toEqual(text('dog'));
    expect(ok('d*g_')).toEqual({ type: 'text', pattern: [{ text: 'd' }, { any: true }, { text: 'g' }, { one: true }] });
    expect(ok('a\\*b\\_c')).toEqual(text('a*b_c'));
    expect(ok('"a dog"')).toEqual(text('a dog'));
    expect(ok('"say \\"hi\\""')).toEqual(text('say "hi"'));
    expect(ok('well-known')).toEqual(text('well-known'));
    expect(ok('"http://x.org"')).toEqual(text('http://x.org'));
  });

  it('implicit AND, or, and, negation and parentheses, with or binding looser than AND', () => {
    expect(ok('a b')).toEqual({ type: 'and', children: [text('a'), text('b')] });
    expect(ok('a and b')).toEqual({ type: 'and', children: [text('a'), text('b')] });
    expect(ok('a or b c')).toEqual({ type: 'or', children: [text('a'), { type: 'and', children: [text('b'), text('c')] }] });
    expect(ok('a OR b')).toEqual({ type: 'or', children: [text('a'), text('b')] });
    expect(ok('(a or b) c')).toEqual({ type: 'and', children: [{ type: 'or', children: [text('a'), text('b')] }, text('c')] });
    expect(ok('-a')).toEqual({ type: 'not', child: text('a') });
    expect(ok('-(a or b)')).toEqual({ type: 'not', child: { type: 'or', children: [text('a'), text('b')] } });
    expect(ok('-"a b"')).toEqual({ type: 'not', child: text('a b') });
    expect(ok('"or"')).toEqual(text('or'));
    expect(ok('((a))')).toEqual(text('a'));
  });

  it('deck: with quotes, subdeck paths and wildcards', () => {
    expect(ok('deck:AWS')).toEqual({ type: 'deck', pattern: [{ text: 'AWS' }] });
    expect(ok('deck:"A B"')).toEqual({ type: 'deck', pattern: [{ text: 'A B' }] });
    expect(ok('"deck:A B"')).toEqual({ type: 'deck', pattern: [{ text: 'A B' }] });
    expect(ok('DECK:AWS::EC2')).toEqual({ type: 'deck', pattern: [{ text: 'AWS::EC2' }] });
    expect(ok('deck:AWS*')).toEqual({ type: 'deck', pattern: [{ text: 'AWS' }, { any: true }] });
  });

  it('tag:, including tag:none and wildcards', () => {
    expect(ok('tag:aws::ec2')).toEqual({ type: 'tag', pattern: [{ text: 'aws::ec2' }] });
    expect(ok('tag:none')).toEqual({ type: 'tag', pattern: null });
    expect(ok('tag:a*')).toEqual({ type: 'tag', pattern: [{ text: 'a' }, { any: true }] });
  });

  it.each(['new', 'learn', 'review', 'due', 'suspended', 'buried'])('is:%s', (value) => {
    expect(ok(`is:${value}`)).toEqual({ type: 'is', value });
    expect(ok(`is:${value.toUpperCase()}`)).toEqual({ type: 'is', value });
  });

  it('flag:0 to flag:7', () => {
    for (let f = 0; f <= 7; f++) expect(ok(`flag:${f}`)).toEqual({ type: 'flag', flag: f });
  });

  it.each([
    ['prop:ivl>=10', 'ivl', '>=', 10],
    ['prop:due<3', 'due', '<', 3],
    ['prop:due=-1', 'due', '=', -1],
    ['prop:reps!=0', 'reps', '!=', 0],
    ['prop:lapses>2', 'lapses', '>', 2],
    ['prop:s<=1.5', 's', '<=', 1.5],
    ['prop:d>0.3', 'd', '>', 0.3],
    ['prop:r<.9', 'r', '<', 0.9],
    ['prop:r=1', 'r', '=', 1],
  ])('%s', (query, prop, op, value) => {
    expect(ok(query)).toEqual({ type: 'prop', prop, op, value });
  });

  it('rated:, added: and kind:', () => {
    expect(ok('rated:1')).toEqual({ type: 'rated', days: 1, rating: null });
    expect(ok('rated:7:3')).toEqual({ type: 'rated', days: 7, rating: 3 });
    expect(ok('added:30')).toEqual({ type: 'added', days: 30 });
    expect(ok('kind:cloze')).toEqual({ type: 'kind', kind: 'cloze' });
    expect(ok('kind:TYPED')).toEqual({ type: 'kind', kind: 'typed' });
  });

  it('a whole query', () => {
    expect(ok('deck:AWS tag:x is:due -flag:1 (prop:ivl>5 or rated:2)')).toEqual({
      type: 'and',
      children: [
        { type: 'deck', pattern: [{ text: 'AWS' }] },
        { type: 'tag', pattern: [{ text: 'x' }] },
        { type: 'is', value: 'due' },
        { type: 'not', child: { type: 'flag', flag: 1 } },
        { type: 'or', children: [{ type: 'prop', prop: 'ivl', op: '>', value: 5 }, { type: 'rated', days: 2, rating: null }] },
      ],
    });
  });
});

describe('search parser: errors say what is wrong and where', () => {
  it.each([
    ['dog "barks', 5, 6, 'this quote is never closed'],
    ['deck:"A B', 6, 4, 'this quote is never closed'],
    ['(dog or cat', 1, 1, 'this ( is never closed'],
    ['((dog) cat', 1, 1, 'this ( is never closed'],
    ['dog)', 4, 1, 'this ) has no matching ('],
    ['()', 1, 2, 'these parentheses hold no search'],
    ['dog or', 5, 2, '"or" needs a search on both sides'],
    ['or dog', 1, 2, '"or" needs a search on both sides'],
    ['dog or or cat', 5, 2, '"or" needs a search on both sides'],
    ['dog and', 5, 3, '"and" needs a search on both sides'],
    ['dog -', 5, 1, 'this - has nothing after it to exclude'],
    ['dog\\', 4, 1, 'backslash at the end'],
    ['""', 1, 2, 'empty quotes search for nothing'],
    ['dek:AWS', 1, 4, '"dek:" is not a search keyword; use one of deck: tag: is: flag: prop: rated: added: kind:'],
    ['deck:', 6, 1, 'deck: needs a value'],
    ['is:dew', 4, 3, 'is: "dew" is not a card state; use one of new, learn, review, due, suspended, buried.'],
    ['flag:8', 6, 1, 'flag: "8" is not a flag; use 0 (no flag) to 7'],
    ['flag:red', 6, 3, 'is not a flag'],
    ['prop:foo>1', 6, 5, 'prop: "foo" is not a property; use one of ivl, due, reps, lapses, s, d, r'],
    ['prop:ivl', 6, 3, 'prop: "ivl" needs a comparison (=, !=, <, <=, >, >=) and a number'],
    ['prop:ivl>ten', 6, 7, 'prop: "ten" is not a whole number'],
    ['prop:ivl>=1.5', 6, 8, '"1.5" is not a whole number'],
    ['prop:s>x', 6, 3, '"x" is not a number'],
    ['prop:d>3', 6, 3, 'prop:d compares a fraction from 0 to 1, not 3'],
    ['prop:r<-0.1', 6, 6, 'prop:r compares a fraction from 0 to 1'],
    ['rated:x', 7, 1, 'rated: "x" is not a number of days'],
    ['rated:0', 7, 1, 'the number of days starts at 1'],
    ['rated:2:5', 7, 3, 'rating 5 does not exist; use 1 (Again) to 4 (Easy)'],
    ['added:0', 7, 1, 'added: "0" is not a number of days'],
    ['kind:essay', 6, 5, 'kind: "essay" is not a note kind; use one of basic, cloze, choice, truefalse, typed, prompt, rendered'],
  ])('%s → column %i', (query, column, length, message) => {
    const r = parseSearch(query);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.column).toBe(column);
    expect(r.problem.length).toBe(length);
    expect(r.problem.message).toContain(message);
    expect(searchProblemColumn(r.problem.message)).toBe(column);
  });

  it('refuses nesting deeper than 50, and takes 50', () => {
    expect(parseSearch(`${'('.repeat(50)}a${')'.repeat(50)}`)).toEqual({ ok: true, node: text('a') });
    const r = parseSearch(`${'('.repeat(51)}a${')'.repeat(51)}`);
    expect(r).toMatchObject({ ok: false, problem: { column: 51, message: 'Column 51: searches nest at most 50 deep (parentheses and -).' } });
    expect(parseSearch('-'.repeat(60) + 'a').ok).toBe(false);
  });

  it('never throws on arbitrary input', () => {
    const alphabet = ['a', ' ', '(', ')', '"', '\\', '-', 'or', ':', 'deck:', 'is:', 'prop:', '*', '_', 'é'];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let q = '';
      for (let k = 0; k < 12; k++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        q += alphabet[seed % alphabet.length];
      }
      const r = parseSearch(q);
      if (!r.ok) expect(r.problem.column).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('deck name patterns', () => {
  it('match whole names case-insensitively, * any run and _ one character', () => {
    const re = wholeNameRegExp([{ text: 'aws' }, { any: true }]);
    expect(['AWS', 'AWSome', 'aws::EC2'].map((n) => re.test(n))).toEqual([true, true, true]);
    expect(wholeNameRegExp([{ text: 'AWS' }]).test('AWSome')).toBe(false);
    expect(wholeNameRegExp([{ text: 'a' }, { one: true }, { text: 'c' }]).test('a.c')).toBe(true);
    expect(wholeNameRegExp([{ text: 'a.c' }]).test('abc')).toBe(false);
  });
});
