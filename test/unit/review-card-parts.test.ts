import { describe, expect, it } from 'vitest';
import type { NoteContent } from '../../src/shared/note-content';
import { renderCard } from '../../src/main/core/render-card';
import { backIsAnswerSide, reviewCardParts } from '../../src/main/core/review-card-parts';
import { compareTyped } from '../../src/main/core/typed-comparison';

const rendered = (front: string, back: string): NoteContent => ({ kind: 'rendered', noteType: 'Basic', fields: [], cards: [{ ord: 0, front, back }], format: 'html' });

describe('what review shows of a card', () => {
  it('an Anki card\'s back is its whole answer side; a CSV row\'s back is the answer alone', () => {
    const anki = rendered('Q', 'A');
    expect(backIsAnswerSide(anki, 'import:apkg', renderCard(anki, 0))).toBe(true);
    expect(backIsAnswerSide(anki, 'import:csv', renderCard(anki, 0))).toBe(false);
    // Another origin whose back visibly repeats the front, or holds Anki's answer rule.
    const repeats = rendered('<b>Q</b>', '<b>Q</b>\n\n<hr id=answer>\n\nA');
    expect(backIsAnswerSide(repeats, 'import:retain-json', renderCard(repeats, 0))).toBe(true);
    const rule = rendered('Q', 'Other <hr id="answer"> A');
    expect(backIsAnswerSide(rule, 'import:csv', renderCard(rule, 0))).toBe(true);
    const basic: NoteContent = { kind: 'basic', front: 'Q', back: 'Q and more' };
    expect(backIsAnswerSide(basic, 'builtin:x', renderCard(basic, 0))).toBe(false);
  });

  it('a choice card: the question alone on the front, options in the shown order with the right one', () => {
    const c: NoteContent = { kind: 'choice', question: 'Fastest?', answer: 'Go', distractors: ['Java', '.NET', 'Ruby'] };
    const parts = reviewCardParts(c, 'builtin:x', renderCard(c, 0, 7), 7);
    expect(parts.front).toBe('Fastest?');
    expect([...(parts.choices?.options ?? [])].sort()).toEqual(['.NET', 'Go', 'Java', 'Ruby']);
    expect(parts.choices?.options[parts.choices.correct]).toBe('Go');
    // The same order as the card's rendered list (A. … D.), so a key names the option shown.
    const listed = renderCard(c, 0, 7).front.match(/^- [A-D]\. (.*)$/gm)?.map((l) => l.slice(5));
    expect(parts.choices?.options).toEqual(listed);
  });

  it('true/false is a two-option choice; a typed card asks for typing', () => {
    const tf: NoteContent = { kind: 'truefalse', statement: 'Lambda runs forever.', answer: false };
    expect(reviewCardParts(tf, '', renderCard(tf, 0), 1).choices).toEqual({ options: ['True', 'False'], correct: 1 });
    const typed: NoteContent = { kind: 'typed', question: 'Max?', answers: ['15 minutes'] };
    expect(reviewCardParts(typed, '', renderCard(typed, 0), 1)).toMatchObject({ typed: true, choices: null });
  });
});

describe('typed answer comparison', () => {
  const join = (segs: ReturnType<typeof compareTyped>, kinds: string[]) =>
    segs.filter((s) => kinds.includes(s.kind)).map((s) => s.text).join('');

  it('marks a missing letter, an extra one, and keeps both texts whole', () => {
    const segs = compareTyped('15 minuts', '15 minutes');
    expect(segs).toEqual([
      { text: '15 minut', kind: 'same' },
      { text: 'e', kind: 'missing' },
      { text: 's', kind: 'same' },
    ]);
    const wrong = compareTyped('5 minutes!', '15 minutes');
    expect(join(wrong, ['same', 'wrong'])).toBe('5 minutes!');
    expect(join(wrong, ['same', 'missing'])).toBe('15 minutes');
    expect(wrong.find((s) => s.kind === 'wrong')?.text).toBe('!');
  });

  it('ignores case, and an empty answer is all missing', () => {
    expect(compareTyped('GO', 'Go')).toEqual([{ text: 'GO', kind: 'same' }]);
    expect(compareTyped('', 'Go')).toEqual([{ text: 'Go', kind: 'missing' }]);
  });

  it('a very long input is compared on its start and the rest marked wrong, quickly', () => {
    const long = 'x'.repeat(10_000);
    const t0 = performance.now();
    const segs = compareTyped(long, 'expected answer');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(join(segs, ['same', 'wrong'])).toBe(long);
  });
});
