import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../src/renderer/src/router';

describe('route table', () => {
  it('names each screen from its hash', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/review/12')).toEqual({ name: 'review', deckId: 12 });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/import')).toEqual({ name: 'import' });
    expect(parseRoute('#/quiz')).toEqual({ name: 'quiz' });
    expect(parseRoute('#/quiz/7')).toEqual({ name: 'quizAttempt', attemptId: 7 });
    expect(parseRoute('#/history')).toEqual({ name: 'history' });
  });
  it('tolerates doubled and trailing slashes as before', () => {
    expect(parseRoute('#review//3/')).toEqual({ name: 'review', deckId: 3 });
    expect(parseRoute('#/quiz/')).toEqual({ name: 'quiz' });
  });
  it('anything else is unknown, with its path', () => {
    expect(parseRoute('#/review/abc')).toEqual({ name: 'unknown', path: '/review/abc' });
    expect(parseRoute('#/quiz/x')).toEqual({ name: 'unknown', path: '/quiz/x' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'unknown', path: '/nowhere' });
  });
});
