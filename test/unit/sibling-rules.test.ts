import { describe, expect, it } from 'vitest';
import { buriesAny, buryRulesOf, hasAdjacentSiblings, spreadSiblings } from '../../src/main/core/sibling-rules';
import { DEFAULT_PRESET_CONFIG } from '../../src/shared/settings';

const q = (...notes: number[]) => notes.map((noteId, i) => ({ id: i + 1, noteId }));
const notesOf = (cards: Array<{ noteId: number }>) => cards.map((c) => c.noteId);

describe('burying rules', () => {
  it("Anki's defaults: new and review siblings buried, interday learning siblings not", () => {
    expect(buryRulesOf(DEFAULT_PRESET_CONFIG)).toEqual({ buryNew: true, buryReview: true, buryInterday: false });
    expect(buriesAny(buryRulesOf(DEFAULT_PRESET_CONFIG))).toBe(true);
  });

  it('each option maps to its rule; all off buries nothing', () => {
    const off = { buryNewSiblings: false, buryReviewSiblings: false, buryInterdaySiblings: false };
    expect(buriesAny(buryRulesOf(off))).toBe(false);
    expect(buryRulesOf({ ...off, buryInterdaySiblings: true })).toEqual({ buryNew: false, buryReview: false, buryInterday: true });
    expect(buryRulesOf({ ...off, buryReviewSiblings: true })).toEqual({ buryNew: false, buryReview: true, buryInterday: false });
  });
});

describe('never two cards of one note in a row', () => {
  it('a cloze c1/c2/c3 in a row is interleaved with the next notes, order otherwise kept', () => {
    expect(notesOf(spreadSiblings(q(7, 7, 7, 8, 9, 10)))).toEqual([7, 8, 7, 9, 7, 10]);
  });

  it('the first card is not of the note answered last', () => {
    expect(notesOf(spreadSiblings(q(5, 6, 7), 5))).toEqual([6, 5, 7]);
  });

  it('a queue with no siblings is unchanged', () => {
    const cards = q(1, 2, 3, 4);
    expect(spreadSiblings(cards, 9)).toEqual(cards);
  });

  it('when only one note is left its cards come in order (nothing else to put between)', () => {
    expect(notesOf(spreadSiblings(q(3, 3), 3))).toEqual([3, 3]);
    expect(hasAdjacentSiblings(spreadSiblings(q(3, 3)))).toBe(true);
  });

  it('hasAdjacentSiblings sees a pair, and the note answered last before the first card', () => {
    expect(hasAdjacentSiblings(q(1, 2, 2))).toBe(true);
    expect(hasAdjacentSiblings(q(1, 2, 1))).toBe(false);
    expect(hasAdjacentSiblings(q(1, 2), 1)).toBe(true);
  });
});
