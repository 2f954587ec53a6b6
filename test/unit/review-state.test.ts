import { describe, expect, it } from 'vitest';
import type { CardView, ReviewSession } from '../../src/shared/api/review-contract';
import { initialReviewState, keyCommand, progress, reviewReducer, type ReviewState } from '../../src/renderer/src/screens/review-state';

const cardView = (cardId: number): CardView => ({
  cardId,
  noteId: 3,
  deckName: 'D',
  kind: 'basic',
  format: 'markdown',
  front: `Q${cardId}`,
  back: 'A',
  section: '§1',
  tags: ['t'],
  state: 0,
  intervals: ['1m', '6m', '10m', '8d'],
  info: { retrievability: null, stability: null, difficulty: null, due: 0, lastReview: null, reps: 0, lapses: 0 },
});
const session = (withCard: boolean, canUndo = false, upcoming: number | null = null): ReviewSession => ({
  deckId: 1,
  deckName: 'D',
  card: withCard ? cardView(7) : null,
  upcoming: upcoming === null ? null : cardView(upcoming),
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

describe('one round trip per answer, next card shown at once', () => {
  const answering = (upcoming: number | null): ReviewState => ({
    ...reviewReducer(initialReviewState, { type: 'loaded', session: session(true, false, upcoming), at: 1 }),
    phase: 'answer',
  });
  it('a rating shows the upcoming card as a new question, pending until the answer comes back', () => {
    const s = reviewReducer(answering(8), { type: 'advanced', at: 50 });
    expect(s.phase).toBe('question');
    expect(s.session?.card?.cardId).toBe(8);
    expect(s.session?.upcoming).toBeNull();
    expect(s.pending).toBe(true);
    expect(s.shownAt).toBe(50);
    // Counts wait for the server.
    expect(s.session?.counts).toEqual(session(true).counts);
  });
  it('without an upcoming card nothing moves', () => {
    const a = answering(null);
    expect(reviewReducer(a, { type: 'advanced', at: 50 })).toBe(a);
  });
  it('the answer confirming the shown card keeps its phase and time and takes the new counts', () => {
    let s = reviewReducer(answering(8), { type: 'advanced', at: 50 });
    s = reviewReducer(s, { type: 'reveal' });
    const fromServer = { ...session(true, true, 9), card: cardView(8), counts: { newCount: 2, learningCount: 2, dueCount: 0 } };
    const done = reviewReducer(s, { type: 'answered', session: fromServer, at: 60 });
    expect(done.phase).toBe('answer');
    expect(done.shownAt).toBe(50);
    expect(done.pending).toBe(false);
    expect(done.session).toBe(fromServer);
  });
  it('the answer naming another card replaces the shown one as a fresh question', () => {
    let s = reviewReducer(answering(8), { type: 'advanced', at: 50 });
    s = reviewReducer(s, { type: 'reveal' });
    const fromServer = { ...session(true, true), card: cardView(11) };
    const replaced = reviewReducer(s, { type: 'answered', session: fromServer, at: 70 });
    expect(replaced.phase).toBe('question');
    expect(replaced.session?.card?.cardId).toBe(11);
    expect(replaced.shownAt).toBe(70);
    expect(reviewReducer(s, { type: 'answered', session: session(false, true), at: 70 }).phase).toBe('done');
  });
  it('with nothing shown ahead, the rated card coming back (learn-ahead) is a fresh question', () => {
    const waiting = reviewReducer(answering(null), { type: 'busy' });
    const back = reviewReducer(waiting, { type: 'answered', session: session(true, true), at: 90 });
    expect(back).toMatchObject({ phase: 'question', shownAt: 90, busy: false });
  });
  it('a rating queued from a pending render after the confirming answer arrived is kept, to be sent at once', () => {
    const pending = reviewReducer(answering(8), { type: 'advanced', at: 50 });
    const shown = reviewReducer(pending, { type: 'reveal' });
    const confirmed = reviewReducer(shown, { type: 'answered', session: { ...session(true, true), card: cardView(8) }, at: 60 });
    expect(confirmed).toMatchObject({ pending: false, phase: 'answer' });
    expect(reviewReducer(confirmed, { type: 'queue', rating: 4 }).queued).toBe(4);
  });

  it('while an answer is pending the next card can be revealed and rated (the rating waits), but not undone', () => {
    let s = reviewReducer(answering(8), { type: 'advanced', at: 50 });
    s = { ...s, session: { ...s.session!, canUndo: true } };
    expect(keyCommand(s, key(' '))).toEqual({ type: 'reveal' });
    const shown = reviewReducer(s, { type: 'reveal' });
    expect(keyCommand(shown, key('3'))).toEqual({ type: 'rate', rating: 3 });
    expect(keyCommand(shown, key('z', { ctrlKey: true }))).toBeNull();
    // Not revealed yet: nothing to queue.
    expect(reviewReducer(s, { type: 'queue', rating: 3 }).queued).toBeNull();
    const queued = reviewReducer(shown, { type: 'queue', rating: 2 });
    expect(queued.queued).toBe(2);
    // Confirmed: the rating is kept for the screen to send; replaced: it is dropped.
    const confirmed = reviewReducer(queued, { type: 'answered', session: { ...session(true, true), card: cardView(8) }, at: 60 });
    expect(confirmed).toMatchObject({ pending: false, queued: 2, phase: 'answer' });
    const replaced = reviewReducer(queued, { type: 'answered', session: { ...session(true, true), card: cardView(12) }, at: 60 });
    expect(replaced).toMatchObject({ pending: false, queued: null, phase: 'question' });
    const failed = reviewReducer(queued, { type: 'failed', message: 'offline' });
    expect(failed).toMatchObject({ pending: false, queued: null, error: 'offline' });
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
    expect(progress(session(true).counts, 4)).toBeCloseTo(4 / 8);
    expect(progress(undefined, 0)).toBe(0);
    expect(progress({ newCount: 0, learningCount: 0, dueCount: 0 }, 0)).toBe(1);
  });
});
