import { describe, expect, it } from 'vitest';
import { forgottenState, parseDueSpec, pickDays, setDueState } from '../../src/main/core/reschedule';
import { CardStates, newCardState, type CardState } from '../../src/main/core/scheduler';
import { addTags, removeTags } from '../../src/main/core/tag-edit';

const review: CardState = {
  due: 5_000,
  stability: 12.5,
  difficulty: 6.1,
  elapsedDays: 9,
  scheduledDays: 14,
  learningSteps: 0,
  reps: 7,
  lapses: 2,
  state: CardStates.Review,
  lastReview: 1_000,
};

describe("Anki's set due date", () => {
  it('parses "0", "1", "3-7", "7-3" and "3-7!"; refuses anything else with the rule', () => {
    expect(parseDueSpec('0')).toEqual({ from: 0, to: 0, setInterval: false });
    expect(parseDueSpec('3-7')).toEqual({ from: 3, to: 7, setInterval: false });
    expect(parseDueSpec('7-3!')).toEqual({ from: 3, to: 7, setInterval: true });
    expect(parseDueSpec('tomorrow')).toEqual({ error: expect.stringContaining('"3-7"') });
    expect(parseDueSpec('-2')).toHaveProperty('error');
  });

  it('picks every day of the range, both ends included, and nothing outside', () => {
    const spec = { from: 3, to: 7, setInterval: false };
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) seen.add(pickDays(spec, () => i / 100));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(pickDays(spec, () => 0.999999)).toBe(7);
  });

  it('a review card keeps its interval unless "!"; memory, reviews and lapses are kept', () => {
    const kept = setDueState(review, 3, 99_000, false);
    expect(kept).toEqual({ ...review, due: 99_000 });
    expect(setDueState(review, 3, 99_000, true).scheduledDays).toBe(3);
  });

  it('a new card becomes a review card with the days as its interval (at least 1)', () => {
    const s = setDueState(newCardState(10), 0, 20, false);
    expect(s).toMatchObject({ state: CardStates.Review, due: 20, scheduledDays: 1, stability: 0 });
  });
});

describe("Anki's forget", () => {
  it('makes the card new at its original place; counts kept unless reset', () => {
    expect(forgottenState(review, 400, false)).toEqual({ ...newCardState(400), reps: 7, lapses: 2 });
    expect(forgottenState(review, 400, true)).toEqual(newCardState(400));
  });
});

describe('tags, as Anki compares them', () => {
  it('adds without duplicates in any case and removes in any case', () => {
    expect(addTags(['Exam', 'aws'], ['exam', 'new'])).toEqual(['Exam', 'aws', 'new']);
    expect(removeTags(['Exam', 'aws'], ['EXAM'])).toEqual(['aws']);
  });
});
