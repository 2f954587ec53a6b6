import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../src/renderer/src/router';

describe('route table', () => {
  it('names each screen from its hash', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/review/12')).toEqual({ name: 'review', deckId: 12 });
    expect(parseRoute('#/review/12?tag=aws%3A%3Aec2')).toStrictEqual({ name: 'review', deckId: 12, tag: 'aws::ec2' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/import')).toEqual({ name: 'import' });
    expect(parseRoute('#/quiz')).toEqual({ name: 'quiz' });
    expect(parseRoute('#/quiz/7')).toEqual({ name: 'quizAttempt', attemptId: 7 });
    expect(parseRoute('#/history')).toEqual({ name: 'history' });
    expect(parseRoute('#/browse')).toEqual({ name: 'browse', query: '' });
    expect(parseRoute('#/browse?q=deck%3AAWS%20is%3Adue')).toEqual({ name: 'browse', query: 'deck:AWS is:due' });
    expect(parseRoute('#/add')).toEqual({ name: 'addNote', deckId: null });
    expect(parseRoute('#/add/4')).toEqual({ name: 'addNote', deckId: 4 });
    expect(parseRoute('#/notes/9?return=review%2F3')).toEqual({ name: 'editNote', noteId: 9, returnTo: 'review/3' });
    expect(parseRoute('#/decks/5/options')).toEqual({ name: 'deckOptions', deckId: 5 });
    expect(parseRoute('#/presets/1')).toEqual({ name: 'presetOptions', presetId: 1 });
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
