import { describe, expect, it } from 'vitest';
import type { CardView, ReviewSession } from '../../src/shared/api/review-contract';
import { initialReviewState, keyCommand, nextUndo, progress, reviewReducer, suggestedRating, type ReviewState } from '../../src/renderer/src/screens/review-state';

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
  backIsAnswerSide: false,
  typed: false,
  choices: null,
  flag: 0,
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
  nextLearningShownAt: null,
  autoplayAudio: true,
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

const q0 = () => reviewReducer(initialReviewState, { type: 'loaded', session: session(true, true), at: 1 });

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

  it('while an answer is pending the next card can be revealed and rated (the rating waits), and Ctrl+Z waits for it', () => {
    let s = reviewReducer(answering(8), { type: 'advanced', at: 50 });
    s = { ...s, session: { ...s.session!, canUndo: true } };
    expect(keyCommand(s, key(' '))).toEqual({ type: 'reveal' });
    const shown = reviewReducer(s, { type: 'reveal' });
    expect(keyCommand(shown, key('3'))).toEqual({ type: 'rate', rating: 3 });
    // Ctrl+Z is not lost: it waits for the answer on its way and then takes it back (a queued rating goes).
    expect(keyCommand(shown, key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    const undoWaits = reviewReducer(reviewReducer(shown, { type: 'queue', rating: 2 }), { type: 'queueUndo' });
    expect(undoWaits).toMatchObject({ undoQueued: true, queued: null });
    expect(reviewReducer(undoWaits, { type: 'answered', session: { ...session(true, true), card: cardView(8) }, at: 60 })).toMatchObject({
      pending: false,
      undoQueued: true,
    });
    // The answer failed: there is nothing of it to undo, and an older answer must not be taken back instead.
    expect(reviewReducer(undoWaits, { type: 'failed', message: 'offline' }).undoQueued).toBe(false);
    // Nothing on its way: nothing to wait for.
    expect(reviewReducer(q0(), { type: 'queueUndo' }).undoQueued).toBe(false);
    // Without an upcoming card the screen waits (busy) for the next one: Ctrl+Z then waits too.
    const waiting = reviewReducer(q0(), { type: 'busy' });
    expect(keyCommand(waiting, key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    const waitingUndo = reviewReducer(waiting, { type: 'queueUndo' });
    expect(waitingUndo.undoQueued).toBe(true);
    expect(reviewReducer(waitingUndo, { type: 'loaded', session: session(true, true), at: 2 })).toMatchObject({ busy: false, undoQueued: true });
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

describe('review actions, undo order, choice and typed cards', () => {
  const choiceCard = (): CardView => ({ ...cardView(7), kind: 'choice', choices: { options: ['Go', 'Java', '.NET', 'Ruby'], correct: 2 } });
  const withCard = (card: CardView): ReviewState =>
    reviewReducer(initialReviewState, { type: 'loaded', session: { ...session(true), card }, at: 1 });
  const answer = (s: ReviewState) => reviewReducer(s, { type: 'reveal' });

  it('maps Anki\'s action keys only while a card is shown and nothing is in flight', () => {
    const q = withCard(cardView(7));
    expect(keyCommand(q, key('-'))).toEqual({ type: 'action', action: 'buryCard' });
    expect(keyCommand(q, key('='))).toEqual({ type: 'action', action: 'buryNote' });
    expect(keyCommand(q, key('@'))).toEqual({ type: 'action', action: 'suspendCard' });
    expect(keyCommand(q, key('!'))).toEqual({ type: 'action', action: 'suspendNote' });
    expect(keyCommand(q, key('Delete', { ctrlKey: true }))).toEqual({ type: 'action', action: 'deleteNote' });
    expect(keyCommand(q, key('e'))).toEqual({ type: 'edit' });
    expect(keyCommand(q, key('R'))).toEqual({ type: 'replay' });
    expect(keyCommand(q, key('?'))).toEqual({ type: 'overlay', open: true });
    expect(keyCommand({ ...q, pending: true }, key('-'))).toBeNull();
    expect(keyCommand({ ...q, busy: true }, key('@'))).toBeNull();
    const done = reviewReducer(initialReviewState, { type: 'loaded', session: session(false), at: 1 });
    expect(keyCommand(done, key('-'))).toBeNull();
    expect(keyCommand(done, key('Delete', { ctrlKey: true }))).toBeNull();
  });

  it('Ctrl+1…7 flag, and the card\'s own flag again removes it', () => {
    const q = withCard(cardView(7));
    expect(keyCommand(q, key('1', { ctrlKey: true }))).toEqual({ type: 'flag', flag: 1 });
    const red = reviewReducer(q, { type: 'flagged', cardId: 7, flag: 1 });
    expect(red.session?.card?.flag).toBe(1);
    expect(keyCommand(red, key('1', { ctrlKey: true }))).toEqual({ type: 'flag', flag: 0 });
    expect(keyCommand(red, key('4', { ctrlKey: true }))).toEqual({ type: 'flag', flag: 4 });
    // A flag for another card (the screen moved on) changes nothing.
    expect(reviewReducer(q, { type: 'flagged', cardId: 99, flag: 3 })).toBe(q);
  });

  it('the overlay takes Escape and ? to close, and nothing else', () => {
    const open = reviewReducer(withCard(cardView(7)), { type: 'overlay', open: true });
    expect(keyCommand(open, key('Escape'))).toEqual({ type: 'overlay', open: false });
    expect(keyCommand(open, key('?'))).toEqual({ type: 'overlay', open: false });
    expect(keyCommand(open, key('-'))).toBeNull();
    expect(keyCommand(open, key(' '))).toBeNull();
  });

  it('Ctrl+Z takes back the latest of answer and action, in that order', () => {
    let s = withCard(cardView(7));
    expect(nextUndo(s)).toBeNull();
    expect(keyCommand(s, key('z', { ctrlKey: true }))).toBeNull();
    s = reviewReducer(s, { type: 'acted', message: 'Buried 1 card', undoId: 41 });
    expect(s.toast).toEqual({ message: 'Buried 1 card', undoId: 41 });
    s = reviewReducer(s, { type: 'rated' });
    expect(s.toast).toBeNull();
    expect(nextUndo(s)).toEqual({ kind: 'answer' });
    expect(keyCommand(s, key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    s = reviewReducer(s, { type: 'undone', message: 'Answer undone' });
    expect(nextUndo(s)).toEqual({ kind: 'action', id: 41, label: 'Buried 1 card' });
    s = reviewReducer(s, { type: 'undone', message: 'Undone: bury' });
    expect(nextUndo(s)).toBeNull();
    // Answers from before this visit are still the server's to undo.
    expect(nextUndo({ ...s, session: { ...session(true, true) } })).toEqual({ kind: 'answer' });
    // A rating that was not written leaves nothing to undo of it (the action before it stays).
    const failedRating = reviewReducer(reviewReducer(reviewReducer(s, { type: 'acted', message: 'Suspended', undoId: 42 }), { type: 'rated' }), { type: 'ratingFailed' });
    expect(failedRating.undo).toEqual([{ kind: 'action', id: 42, label: 'Suspended' }]);
    // An action that changed nothing has no undo and leaves the history alone.
    expect(reviewReducer(s, { type: 'acted', message: 'Nothing to bury', undoId: null }).undo).toEqual([]);
  });

  it('before the answer, 1–9 and A–D pick an option of a choice card; after it, 1–4 rate', () => {
    const q = withCard(choiceCard());
    expect(keyCommand(q, key('3'))).toEqual({ type: 'pick', index: 2 });
    expect(keyCommand(q, key('b'))).toEqual({ type: 'pick', index: 1 });
    expect(keyCommand(q, key('D'))).toEqual({ type: 'pick', index: 3 });
    expect(keyCommand(q, key('5'))).toBeNull();
    // A card without options: digits do nothing before the answer.
    expect(keyCommand(withCard(cardView(7)), key('1'))).toBeNull();
    const picked = reviewReducer(q, { type: 'pick', index: 0 });
    expect(picked.phase).toBe('answer');
    expect(picked.picked).toBe(0);
    expect(keyCommand(picked, key('1'))).toEqual({ type: 'rate', rating: 1 });
    expect(keyCommand(picked, key('b'))).toBeNull();
    // A wrong pick suggests Again (Space/Enter rate it); the right one suggests Good.
    expect(suggestedRating(picked)).toBe(1);
    expect(keyCommand(picked, key(' '))).toEqual({ type: 'rate', rating: 1 });
    const right = reviewReducer(q, { type: 'pick', index: 2 });
    expect(suggestedRating(right)).toBe(3);
    expect(keyCommand(right, key('Enter'))).toEqual({ type: 'rate', rating: 3 });
    // No pick once the answer is shown, and none out of range.
    expect(reviewReducer(right, { type: 'pick', index: 1 })).toBe(right);
    expect(reviewReducer(q, { type: 'pick', index: 4 })).toBe(q);
  });

  it('a typed answer checked wrong suggests Again; the check of another card is ignored; the next card starts clean', () => {
    const q = answer(withCard({ ...cardView(7), typed: true }));
    const check = { correct: false, expected: '15 minutes', segments: [{ text: '5 minutes', kind: 'wrong' as const }] };
    expect(reviewReducer(q, { type: 'typedChecked', cardId: 8, check })).toBe(q);
    const checked = reviewReducer(q, { type: 'typedChecked', cardId: 7, check });
    expect(suggestedRating(checked)).toBe(1);
    const next = reviewReducer(checked, { type: 'loaded', session: session(true), at: 2 });
    expect(next.typedCheck).toBeNull();
    expect(next.picked).toBeNull();
    expect(suggestedRating(next)).toBe(3);
  });
});
