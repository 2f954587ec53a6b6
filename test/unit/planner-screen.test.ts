/**
 * The interview planner's screen logic: each broken rule of the form lands on its own field, a
 * refusal from the main process goes back to its field, and a topic's review finds its deck.
 */
import { describe, expect, it } from 'vitest';
import type { DeckSummary } from '../../src/shared/api/decks-contract';
import { deckForPaths, topicQuery } from '../../src/renderer/src/screens/plan/topic-review-deck';
import { addDays, daysBetween, defaultDraft, fieldOfPlanError, readPlanDraft, sameSettings } from '../../src/renderer/src/screens/plan/plan-draft';

const TODAY = '2026-03-10';

describe('readPlanDraft', () => {
  it('gives back the settings of a filled form', () => {
    const draft = { interviewDate: '2026-04-01', minutesPerDay: ' 25 ', deckIds: [3], tags: ['cost'] };
    expect(readPlanDraft(draft, TODAY)).toEqual({ settings: { interviewDate: '2026-04-01', minutesPerDay: 25, scope: { deckIds: [3], tags: ['cost'] } } });
  });

  it('accepts the interview today and exactly two years ahead, and nothing outside', () => {
    const at = (interviewDate: string) => readPlanDraft({ ...defaultDraft(TODAY), interviewDate, deckIds: [1] }, TODAY);
    expect(at(TODAY)).toHaveProperty('settings');
    expect(at(addDays(TODAY, 730))).toHaveProperty('settings');
    expect(at(addDays(TODAY, -1))).toEqual({ errors: { interviewDate: 'The interview date is in the past: choose today or a later day.' } });
    expect(at(addDays(TODAY, 731))).toEqual({
      errors: { interviewDate: `The interview date is more than two years away: choose a day up to ${addDays(TODAY, 730)}.` },
    });
    expect(at('')).toEqual({ errors: { interviewDate: 'Enter the interview date.' } });
  });

  it('puts each problem on its field: the budget bounds and an empty scope', () => {
    const base = defaultDraft(TODAY);
    expect(readPlanDraft({ ...base, minutesPerDay: '0' }, TODAY)).toEqual({
      errors: { minutesPerDay: 'The daily budget must be at least 1 minute.', scope: 'Choose at least one deck or topic to prepare.' },
    });
    expect(readPlanDraft({ ...base, minutesPerDay: '1441', tags: ['x'] }, TODAY)).toEqual({
      errors: { minutesPerDay: 'The daily budget cannot be more than 24 hours (1440 minutes).' },
    });
    expect(readPlanDraft({ ...base, minutesPerDay: '2.5', tags: ['x'] }, TODAY)).toEqual({
      errors: { minutesPerDay: 'Enter a whole number of minutes from 1 to 1440.' },
    });
  });
});

describe('fieldOfPlanError', () => {
  it('puts a refusal naming a field on that field, without the internal path', () => {
    expect(fieldOfPlanError('interviewDate: 2026-03-01 is in the past; choose today (2026-03-10) or a later date')).toEqual({
      field: 'interviewDate',
      message: '2026-03-01 is in the past; choose today (2026-03-10) or a later date',
    });
    expect(fieldOfPlanError('minutesPerDay: too small; scope: choose at least one deck or topic to prepare')).toEqual({ field: 'minutesPerDay', message: 'Too small' });
    expect(fieldOfPlanError('minutesPerDay: the daily budget must be at least 1 minute')).toEqual({
      field: 'minutesPerDay',
      message: 'The daily budget must be at least 1 minute',
    });
    expect(fieldOfPlanError('scope.tags.0: too long')).toEqual({ field: 'scope', message: 'Too long' });
  });

  it('names no field for other failures', () => {
    expect(fieldOfPlanError('the collection is not open')).toBeNull();
  });
});

describe('dates and comparison', () => {
  it('counts calendar days across a month end and a leap day', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('sees the same settings whatever the order of the scope', () => {
    const a = { interviewDate: '2026-04-01', minutesPerDay: '20', deckIds: [1, 2], tags: ['b', 'a'] };
    expect(sameSettings(a, { ...a, deckIds: [2, 1], tags: ['a', 'b'], minutesPerDay: '20 ' })).toBe(true);
    expect(sameSettings(a, { ...a, minutesPerDay: '21' })).toBe(false);
  });
});

describe('deckForPaths', () => {
  const deck = (id: number, path: string) => ({ id, path }) as DeckSummary;
  const decks = [deck(1, 'AWS'), deck(2, 'AWS::Lambda'), deck(3, 'AWS::Lambda::Cold starts'), deck(4, 'AWS::S3'), deck(5, 'GCP'), deck(6, 'GCP::Run')];

  it('takes the deepest deck holding every card', () => {
    expect(deckForPaths(['AWS::Lambda::Cold starts', 'AWS::Lambda::Cold starts'], decks)).toBe(3);
    expect(deckForPaths(['AWS::Lambda::Cold starts', 'AWS::Lambda'], decks)).toBe(2);
    expect(deckForPaths(['AWS::Lambda::Cold starts', 'AWS::S3'], decks)).toBe(1);
  });

  it('takes the top-level deck with most of the cards when they span several, and none without cards', () => {
    expect(deckForPaths(['GCP::Run', 'AWS::S3', 'GCP::Run'], decks)).toBe(5);
    expect(deckForPaths([], decks)).toBeNull();
  });

  it('quotes the tag for the browser search', () => {
    expect(topicQuery('a "b"')).toBe('"tag:a \\"b\\""');
  });

  it('does not take a deck whose name only starts like the common one', () => {
    expect(deckForPaths(['AWS::Lambda', 'AWS::Lambda2'], [...decks, deck(7, 'AWS::Lambda2')])).toBe(1);
  });
});
