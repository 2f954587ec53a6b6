/** The deck options form: each broken rule lands on its own field, and a server refusal goes back to its field. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET_CONFIG } from '../../src/shared/settings';
import { draftOf, fieldOfServerError, readDraft } from '../../src/renderer/src/screens/deck-options/options-form';

const draft = () => draftOf(DEFAULT_PRESET_CONFIG, null);

describe('readDraft', () => {
  it('gives back the preset config and no own limits for an untouched form', () => {
    expect(readDraft(draft())).toEqual({
      config: DEFAULT_PRESET_CONFIG,
      limits: { newPerDay: null, reviewsPerDay: null, newToday: null, reviewsToday: null },
    });
  });

  it('puts each problem on its field, with the rule in words', () => {
    const r = readDraft({ ...draft(), learningSteps: '1m 10x', desiredRetention: '1.5', newPerDay: '-3', todayNew: 'lots' });
    expect(r).toEqual({
      errors: {
        learningSteps: '"10x" is not a step: write a number followed by s, m, h or d, e.g. "10m", "1.5h" or "90s"',
        desiredRetention: 'enter a number from 0.70 to 0.99',
        newPerDay: 'enter a whole number from 0 to 9999',
        todayNew: 'enter a whole number from 0 to 9999',
      },
    });
  });

  it('reads own and today-only limits', () => {
    const r = readDraft({ ...draft(), ownNew: '5', todayReviews: '400', learningSteps: '1m, 1.5h' });
    expect(r).toMatchObject({ config: { learningSteps: ['1m', '1.5h'] }, limits: { newPerDay: 5, reviewsPerDay: null, newToday: null, reviewsToday: 400 } });
  });
});

describe('fieldOfServerError', () => {
  it('maps the main process\'s field path to the form field, without the internal path', () => {
    expect(fieldOfServerError('config.learningSteps.0: "x" is not a step')).toEqual({ field: 'learningSteps', message: '"x" is not a step' });
    expect(fieldOfServerError('limits.newToday: Too big')).toEqual({ field: 'todayNew', message: 'Too big' });
    expect(fieldOfServerError('presetId: preset 9 not found')).toBeNull();
  });
});
