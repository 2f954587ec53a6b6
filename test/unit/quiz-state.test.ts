import { describe, expect, it } from 'vitest';
import type { QuizAttemptView, QuizHistoryEntry, QuizQuestionView } from '../../src/shared/api/quiz-contract';
import { choiceKey, quizKeyCommand, type QuizKey } from '../../src/renderer/src/screens/quiz-keys';
import { answerInput, initialQuizRunState, nextOpenIndex, questionLeftMs, quizRunReducer, timeOn, type QuizRunState } from '../../src/renderer/src/screens/quiz-run-state';
import { DEFAULT_SETUP_DRAFT, draftFromSetup, setupFromDraft } from '../../src/renderer/src/screens/quiz-setup-draft';
import { formatClock, formatDuration, remainingMs, timeAnnouncement, timerLevel } from '../../src/renderer/src/screens/quiz-time';
import { trendRows, trendTopics } from '../../src/renderer/src/screens/quiz-trend';

const T = 1_773_133_200_000;

function question(position: number, kind: QuizQuestionView['kind'], answered = false): QuizQuestionView {
  const choices = kind === 'choice' ? ['w', 'x', 'y', 'z'] : kind === 'truefalse' ? ['True', 'False'] : null;
  return {
    position,
    cardId: 100 + position,
    kind,
    prompt: `Question ${position}`,
    choices,
    tags: ['limits'],
    expiresAt: null,
    answer: answered ? { choice: choices ? 0 : null, text: choices ? null : 'a', answeredAt: T, durationMs: 1000 } : null,
    feedback: null,
  };
}

function attempt(questions: QuizQuestionView[], extra: Partial<QuizAttemptView> = {}): QuizAttemptView {
  return {
    id: 7,
    seed: 1,
    mode: 'mock',
    status: 'running',
    setup: {
      deckIds: [],
      tags: [],
      count: questions.length,
      mix: { choice: 1, truefalse: 1, typed: 1, prompt: 1 },
      mode: 'mock',
      timeLimitMs: 120_000,
      perQuestionMs: null,
      seed: 1,
    },
    startedAt: T,
    deadlineAt: T + 120_000,
    perQuestionMs: null,
    finishedAt: null,
    retakeOf: null,
    viewing: 0,
    now: T + 5_000,
    questions,
    answered: questions.filter((q) => q.answer !== null).length,
    result: null,
    ...extra,
  };
}

const key = (k: string, more: Partial<QuizKey> = {}): QuizKey => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  field: null,
  ...more,
});

function loaded(a: QuizAttemptView, at = T): QuizRunState {
  return quizRunReducer(initialQuizRunState, { type: 'loaded', attempt: a, at });
}

describe('quiz run reducer', () => {
  it('loads a running attempt at the question last viewed, with the clock skew', () => {
    const s = loaded(attempt([question(0, 'choice', true), question(1, 'typed'), question(2, 'choice')], { viewing: 1 }), T + 2_000);
    expect(s.phase).toBe('running');
    expect(s.current).toBe(1);
    expect(s.skewMs).toBe(3_000);
    expect(loaded(attempt([question(0, 'choice')], { status: 'timedOut' })).phase).toBe('finished');
  });

  it('selects only existing choices of an open question and builds the answer with the time spent', () => {
    let s = loaded(attempt([question(0, 'choice'), question(1, 'typed')]), T);
    s = quizRunReducer(s, { type: 'select', choice: 9 });
    expect(s.selected).toBeNull();
    expect(answerInput(s, T + 4_000)).toBeNull();
    s = quizRunReducer(s, { type: 'select', choice: 2 });
    expect(s.selected).toBe(2);
    expect(answerInput(s, T + 4_000)).toEqual({ attemptId: 7, position: 0, choice: 2, durationMs: 4_000 });
    // Leaving and coming back keeps counting the time on the question.
    s = quizRunReducer(s, { type: 'next', at: T + 5_000 });
    expect(s.current).toBe(1);
    expect(s.selected).toBeNull();
    s = quizRunReducer(s, { type: 'draft', text: '  15 min ' });
    expect(answerInput(s, T + 8_000)).toEqual({ attemptId: 7, position: 1, text: '15 min', durationMs: 3_000 });
    s = quizRunReducer(s, { type: 'prev', at: T + 9_000 });
    expect(timeOn(s, 0, T + 10_000)).toBe(6_000);
    expect(s.drafts[1]).toBe('  15 min ');
  });

  it('a mock interview moves on to the next unanswered question after an answer; practice stays for the feedback', () => {
    const qs = [question(0, 'choice'), question(1, 'choice', true), question(2, 'truefalse')];
    let s = loaded(attempt(qs), T);
    s = quizRunReducer(s, { type: 'select', choice: 1 });
    s = quizRunReducer(s, { type: 'busy' });
    const after = attempt([question(0, 'choice', true), qs[1] as QuizQuestionView, qs[2] as QuizQuestionView]);
    const mock = quizRunReducer(s, { type: 'answered', attempt: after, at: T + 1_000 });
    expect(mock.current).toBe(2);
    expect(mock.busy).toBe(false);
    expect(mock.selected).toBeNull();
    const practice = quizRunReducer(s, { type: 'answered', attempt: { ...after, mode: 'practice' }, at: T + 1_000 });
    expect(practice.current).toBe(0);
  });

  it('a reload returns to the question being viewed, even an answered one, not the first unanswered', () => {
    const qs = [question(0, 'choice'), question(1, 'choice', true), question(2, 'choice')];
    expect(loaded(attempt(qs, { viewing: 1 })).current).toBe(1);
    expect(loaded(attempt(qs, { viewing: 2 })).current).toBe(2);
    // A fresh view of the same attempt keeps the question shown.
    const s = quizRunReducer(loaded(attempt(qs, { viewing: 2 })), { type: 'loaded', attempt: attempt(qs, { viewing: 0 }), at: T });
    expect(s.current).toBe(2);
  });

  it('in a mock interview, N right after an answer moved on does not skip the new question unanswered', () => {
    const qs = [question(0, 'choice'), question(1, 'choice'), question(2, 'choice')];
    let s = loaded(attempt(qs), T);
    s = quizRunReducer(s, { type: 'select', choice: 1 });
    s = quizRunReducer(s, { type: 'answered', attempt: attempt([question(0, 'choice', true), qs[1] as QuizQuestionView, qs[2] as QuizQuestionView]), at: T + 1_000 });
    expect(s.current).toBe(1);
    expect(quizKeyCommand(s, key('n'))).toEqual({ type: 'next' });
    s = quizRunReducer(s, { type: 'next', at: T + 1_100, key: true });
    expect(s.current).toBe(1);
    // A second N, or the button, moves on as usual.
    expect(quizRunReducer(s, { type: 'next', at: T + 1_200, key: true }).current).toBe(2);
    let t = quizRunReducer(loaded(attempt(qs), T), { type: 'select', choice: 1 });
    t = quizRunReducer(t, { type: 'answered', attempt: attempt([question(0, 'choice', true), qs[1] as QuizQuestionView, qs[2] as QuizQuestionView]), at: T + 1_000 });
    expect(quizRunReducer(t, { type: 'next', at: T + 1_100 }).current).toBe(2);
  });

  it("locks questions whose own time ran out on the server, and counts the shown question down from the server's end", () => {
    const qs = [{ ...question(0, 'choice'), expiresAt: T + 1_000 }, { ...question(1, 'choice'), expiresAt: T + 20_000 }, question(2, 'choice')];
    const s = loaded(attempt(qs, { perQuestionMs: 10_000, now: T + 5_000, viewing: 1 }), T + 5_000);
    expect(s.lapsed).toEqual([0]);
    expect(s.current).toBe(1);
    expect(questionLeftMs(s, T + 8_000)).toBe(12_000);
    expect(questionLeftMs(s, T + 30_000)).toBe(0);
  });

  it('a lapsed question is locked and skipped', () => {
    let s = loaded(attempt([question(0, 'typed'), question(1, 'typed'), question(2, 'typed')]), T);
    s = quizRunReducer(s, { type: 'draft', text: 'x' });
    s = quizRunReducer(s, { type: 'lapse', at: T + 30_000 });
    expect(s.lapsed).toEqual([0]);
    expect(s.current).toBe(1);
    s = quizRunReducer(s, { type: 'goto', index: 0, at: T + 31_000 });
    expect(answerInput(s, T + 32_000)).toBeNull();
    expect(quizRunReducer(s, { type: 'draft', text: 'y' }).drafts[0]).toBe('x');
    expect(nextOpenIndex(s.attempt as QuizAttemptView, 0, s.lapsed)).toBe(1);
  });

  it('asks before submitting and keeps errors without losing the attempt', () => {
    let s = loaded(attempt([question(0, 'choice')]));
    s = quizRunReducer(s, { type: 'askSubmit' });
    expect(s.confirmingSubmit).toBe(true);
    expect(quizKeyCommand(s, key('Escape'))).toEqual({ type: 'cancelSubmit' });
    expect(quizKeyCommand(s, key('a'))).toBeNull();
    s = quizRunReducer(s, { type: 'cancelSubmit' });
    expect(s.confirmingSubmit).toBe(false);
    s = quizRunReducer(s, { type: 'failed', message: 'offline' });
    expect(s.phase).toBe('running');
    expect(s.error).toBe('offline');
    expect(quizRunReducer(initialQuizRunState, { type: 'failed', message: 'x' }).phase).toBe('error');
  });
});

describe('quiz keys', () => {
  const s = loaded(attempt([question(0, 'choice'), question(1, 'typed'), question(2, 'prompt'), question(3, 'truefalse', true)]));

  it('1–9 and A–D pick a choice within range; Enter submits only with a choice picked', () => {
    expect(quizKeyCommand(s, key('1'))).toEqual({ type: 'select', choice: 0 });
    expect(quizKeyCommand(s, key('4'))).toEqual({ type: 'select', choice: 3 });
    expect(quizKeyCommand(s, key('5'))).toBeNull();
    expect(quizKeyCommand(s, key('c'))).toEqual({ type: 'select', choice: 2 });
    expect(quizKeyCommand(s, key('D'))).toEqual({ type: 'select', choice: 3 });
    expect(quizKeyCommand(s, key('e'))).toBeNull();
    expect(quizKeyCommand(s, key('Enter'))).toBeNull();
    const picked = quizRunReducer(s, { type: 'select', choice: 1 });
    expect(quizKeyCommand(picked, key('Enter'))).toEqual({ type: 'submitAnswer' });
    expect(quizKeyCommand(picked, key('Enter', { repeat: true }))).toBeNull();
    expect(quizKeyCommand(quizRunReducer(picked, { type: 'busy' }), key('Enter'))).toBeNull();
    expect(quizKeyCommand(s, key('a', { ctrlKey: true }))).toBeNull();
  });

  it('N and P move between questions; Enter on an answered question goes on', () => {
    expect(quizKeyCommand(s, key('n'))).toEqual({ type: 'next' });
    expect(quizKeyCommand(s, key('N'))).toEqual({ type: 'next' });
    expect(quizKeyCommand(s, key('p'))).toEqual({ type: 'prev' });
    const answered = quizRunReducer(s, { type: 'goto', index: 3, at: T });
    expect(quizKeyCommand(answered, key('Enter'))).toEqual({ type: 'next' });
    expect(quizKeyCommand(answered, key('a'))).toBeNull();
  });

  it('in an answer box only Enter acts (Ctrl+Enter in a long answer)', () => {
    const typed = quizRunReducer(s, { type: 'goto', index: 1, at: T });
    expect(quizKeyCommand(typed, key('n', { field: 'input' }))).toBeNull();
    expect(quizKeyCommand(typed, key('a', { field: 'input' }))).toBeNull();
    expect(quizKeyCommand(typed, key('Enter', { field: 'input' }))).toEqual({ type: 'submitAnswer' });
    const prompt = quizRunReducer(s, { type: 'goto', index: 2, at: T });
    expect(quizKeyCommand(prompt, key('Enter', { field: 'textarea' }))).toBeNull();
    expect(quizKeyCommand(prompt, key('Enter', { field: 'textarea', ctrlKey: true }))).toEqual({ type: 'submitAnswer' });
  });

  it('labels choices A–D, then digits', () => {
    expect([0, 1, 2, 3, 4].map(choiceKey)).toEqual(['A', 'B', 'C', 'D', '5']);
  });
});

describe('quiz time', () => {
  it('counts down from the server deadline with the screen clock corrected by the skew', () => {
    expect(remainingMs(T + 120_000, 3_000, T + 10_000)).toBe(107_000);
    expect(remainingMs(T + 120_000, 0, T + 500_000)).toBe(0);
    expect(remainingMs(null, 0, T)).toBeNull();
  });

  it('formats the clock rounding up and durations in words', () => {
    expect(formatClock(120_000)).toBe('2:00');
    expect(formatClock(119_001)).toBe('2:00');
    expect(formatClock(59_000)).toBe('0:59');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(4_200_000)).toBe('1 h 10 min');
  });

  it('warns under a minute and is critical under ten seconds', () => {
    expect([120_000, 60_000, 59_999, 10_000, 9_999].map(timerLevel)).toEqual(['normal', 'normal', 'warning', 'warning', 'critical']);
  });

  it('announces each whole minute, then 30 s and 10 s and the end, not every second', () => {
    const said: string[] = [];
    let before = 150_000;
    for (let t = 149_750; t >= 0; t -= 250) {
      const s = timeAnnouncement(before, t);
      if (s) said.push(s);
      before = t;
    }
    expect(said).toEqual(['2 minutes left.', '1 minute left.', '30 seconds left.', '10 seconds left.', 'Time is up.']);
    expect(timeAnnouncement(200_000, 5_000)).toBe('10 seconds left.');
    expect(timeAnnouncement(5_000, 5_000)).toBeNull();
    expect(timeAnnouncement(0, 0)).toBeNull();
  });
});

describe('quiz setup form', () => {
  it('turns a filled form into a start input', () => {
    const r = setupFromDraft({ ...DEFAULT_SETUP_DRAFT, mode: 'mock', count: '5', minutes: '2', perQuestionSeconds: '30', seed: '42', tags: ['vpc'] });
    expect(r).toEqual({
      ok: true,
      setup: {
        deckIds: [],
        tags: ['vpc'],
        count: 5,
        mix: DEFAULT_SETUP_DRAFT.mix,
        mode: 'mock',
        timeLimitMs: 120_000,
        perQuestionMs: 30_000,
        seed: 42,
      },
    });
    const practice = setupFromDraft({ ...DEFAULT_SETUP_DRAFT, minutes: 'nonsense' });
    expect(practice.ok && practice.setup.timeLimitMs).toBeNull();
  });

  it('names what is wrong', () => {
    const r = setupFromDraft({
      ...DEFAULT_SETUP_DRAFT,
      mode: 'mock',
      count: '0',
      minutes: '',
      perQuestionSeconds: '3',
      seed: '-1',
      mix: { choice: 0, truefalse: 0, typed: 0, prompt: 0 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['count', 'minutes', 'mix', 'perQuestionSeconds', 'seed']);
  });

  it('fills the form from the last setup', () => {
    const d = draftFromSetup({
      deckIds: [3],
      tags: ['cost'],
      count: 20,
      mix: { choice: 3, truefalse: 0, typed: 1, prompt: 0 },
      mode: 'mock',
      timeLimitMs: 900_000,
      perQuestionMs: 45_000,
      seed: null,
    });
    expect(d).toEqual({
      deckIds: [3],
      tags: ['cost'],
      count: '20',
      mix: { choice: 3, truefalse: 0, typed: 1, prompt: 0 },
      mode: 'mock',
      minutes: '15',
      perQuestionSeconds: '45',
      seed: '',
    });
    expect(draftFromSetup(null)).toEqual(DEFAULT_SETUP_DRAFT);
  });
});

describe('quiz history trend', () => {
  const entry = (id: number, startedAt: number, score: number | null, topics: Array<[string, number]>): QuizHistoryEntry => ({
    id,
    mode: 'mock',
    status: score === null ? 'running' : 'submitted',
    startedAt,
    finishedAt: score === null ? null : startedAt + 1,
    score,
    correct: 0,
    points: score === null ? 0 : score * 4,
    total: 4,
    timeUsedMs: score === null ? null : 1,
    retakeOf: null,
    byTopic: topics.map(([tag, s]) => ({ tag, correct: 0, points: s, total: 1, score: s })),
  });
  const attempts = [
    entry(3, T + 3, null, []),
    entry(2, T + 2, 0.75, [['cost', 1], ['vpc', 0.5]]),
    entry(1, T + 1, 0.5, [['cost', 0.25]]),
  ];

  it('orders topics by how often they were asked', () => {
    expect(trendTopics(attempts)).toEqual(['cost', 'vpc']);
  });

  it('gives one row per finished attempt, oldest first, in percent', () => {
    expect(trendRows(attempts, ['cost', 'vpc'])).toEqual([
      { id: 1, label: '#1', Overall: 50, cost: 25, vpc: null },
      { id: 2, label: '#2', Overall: 75, cost: 100, vpc: 50 },
    ]);
  });
});
