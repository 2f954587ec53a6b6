/** Queue spacing by sibling key: notes of one fact count as one group, notes without one by their id. */
import { describe, expect, it } from 'vitest';
import { hasAdjacentSiblings, spreadSiblings, type SiblingKey } from '../../src/main/core/sibling-rules';

const q = (...notes: number[]) => notes.map((noteId, i) => ({ id: i + 1, noteId }));
const notesOf = (cards: Array<{ noteId: number }>) => cards.map((c) => c.noteId);
// Notes 1 and 2 state one fact (a choice and a cloze), 3 and 4 another; 5 and 6 have none.
const facts = new Map<number, string>([
  [1, '9/eventbridge-filtering'],
  [2, '9/eventbridge-filtering'],
  [3, '9/step-functions'],
  [4, '9/step-functions'],
]);
const keyOf = (c: { noteId: number }): SiblingKey => facts.get(c.noteId) ?? c.noteId;

describe('spacing notes of one fact', () => {
  it('two notes of one fact in a row get another card between them; by note alone they would not', () => {
    expect(hasAdjacentSiblings(q(1, 2, 5), undefined, keyOf)).toBe(true);
    expect(hasAdjacentSiblings(q(1, 2, 5))).toBe(false);
    expect(notesOf(spreadSiblings(q(1, 2, 5, 3, 4, 6), undefined, keyOf))).toEqual([1, 5, 2, 3, 6, 4]);
  });

  it('the first card is not of the fact answered last', () => {
    expect(notesOf(spreadSiblings(q(2, 5), keyOf({ noteId: 1 }), keyOf))).toEqual([5, 2]);
  });

  it('a note id never equals a fact key, and notes without a fact keep the per-note rule', () => {
    expect(notesOf(spreadSiblings(q(5, 5, 6), undefined, keyOf))).toEqual([5, 6, 5]);
    expect(hasAdjacentSiblings(q(1, 3, 2, 4), undefined, keyOf)).toBe(false);
  });

  it('when only one fact is left its notes come in order', () => {
    expect(notesOf(spreadSiblings(q(1, 2), undefined, keyOf))).toEqual([1, 2]);
  });
});
