import { describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { initialReviewState, keyCommand, progress, reviewReducer, type ReviewState } from '../../src/renderer/src/screens/review-state';

const session = (withCard: boolean, canUndo = false): ReviewSession => ({
  deckId: 1,
  deckName: 'D',
  card: withCard
    ? { cardId: 7, noteId: 3, deckName: 'D', kind: 'basic', format: 'markdown', front: 'Q', back: 'A', section: '§1', tags: ['t'], state: 0, intervals: ['1m', '6m', '10m', '8d'], info: { retrievability: null, stability: null, difficulty: null, due: 0, lastReview: null, reps: 0, lapses: 0 } }
    : null,
  counts: { newCount: 3, learningCount: 1, dueCount: 0 },
  answeredToday: 4,
  canUndo,
  nextLearningDueAt: null,
  dueTomorrow: 0,
  now: 0,
});
const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  ...mods,
});

describe('review screen reducer', () => {
  it('loads into question or done', () => {
    expect(reviewReducer(initialReviewState, { type: 'loaded', session: session(true), at: 1 }).phase).toBe('question');
    expect(reviewReducer(initialReviewState, { type: 'loaded', session: session(false), at: 1 }).phase).toBe('done');
  });
  it('reveals only from the question, and not while busy', () => {
    const q = reviewReducer(initialReviewState, { type: 'loaded', session: session(true), at: 1 });
    expect(reviewReducer(q, { type: 'reveal' }).phase).toBe('answer');
    expect(reviewReducer({ ...q, busy: true }, { type: 'reveal' }).phase).toBe('question');
  });
  it('keeps the card on a failed call and shows the error', () => {
    const q = reviewReducer(initialReviewState, { type: 'loaded', session: session(true), at: 1 });
    const f = reviewReducer(q, { type: 'failed', message: 'boom' });
    expect(f.phase).toBe('question');
    expect(f.error).toBe('boom');
  });
});

describe('review keys (as in Anki)', () => {
  const q: ReviewState = reviewReducer(initialReviewState, { type: 'loaded', session: session(true, true), at: 1 });
  const a: ReviewState = { ...q, phase: 'answer' };
  it('Space and Enter reveal the answer; 1–4 do nothing before it is shown', () => {
    expect(keyCommand(q, key(' '))).toEqual({ type: 'reveal' });
    expect(keyCommand(q, key('Enter'))).toEqual({ type: 'reveal' });
    expect(keyCommand(q, key('3'))).toBeNull();
  });
  it('1–4 rate once the answer shows; Space rates Good', () => {
    expect(keyCommand(a, key('1'))).toEqual({ type: 'rate', rating: 1 });
    expect(keyCommand(a, key('4'))).toEqual({ type: 'rate', rating: 4 });
    expect(keyCommand(a, key(' '))).toEqual({ type: 'rate', rating: 3 });
    expect(keyCommand(a, key('5'))).toBeNull();
  });
  it('Ctrl+Z and Cmd+Z undo when there is something to undo', () => {
    expect(keyCommand(a, key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(keyCommand(a, key('Z', { metaKey: true }))).toEqual({ type: 'undo' });
    const none = { ...a, session: session(true, false) };
    expect(keyCommand(none, key('z', { ctrlKey: true }))).toBeNull();
  });
  it('Escape leaves; keys are ignored while a call is in flight', () => {
    expect(keyCommand(a, key('Escape'))).toEqual({ type: 'leave' });
    expect(keyCommand({ ...a, busy: true }, key('3'))).toBeNull();
  });
  it('progress is answered over answered plus left', () => {
    expect(progress(session(true))).toBeCloseTo(4 / 8);
  });
});
