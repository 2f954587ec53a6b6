/** The review log's one pass: activity per quarter hour and Anki's young/mature split by the interval before each answer. */
import { describe, expect, it } from 'vitest';
import { QUARTER_HOUR_MS } from '../../src/main/core/stats/activity';
import { countedKinds, createLogPass } from '../../src/main/core/stats/log-pass';

const DAY = 86_400_000;
const Q_PER_DAY = DAY / QUARTER_HOUR_MS;
const TODAY = 20_000; // a study-day number; days start at midnight UTC here
const start = (daysAgo: number) => (TODAY - daysAgo) * DAY;
const bounds = { d0: start(0), d1: start(1), d6: start(6), d29: start(29), d89: start(89), d364: start(364), end: start(-1) };
const quarter = (daysAgo: number, q = 40) => (TODAY - daysAgo) * Q_PER_DAY + q;

describe('createLogPass', () => {
  it('splits by the interval the previous answer set, whatever its kind; the first answer by its elapsed days', () => {
    const pass = createLogPass(bounds, countedKinds(false), quarter(400), quarter(0, 95));
    // Card 1: learnt 400 days ago with an interval of 21 days or more, reviewed today: mature (its elapsed flag says no).
    pass.visit(1, quarter(400), 0, 3, 0, 0, 1, 5_000);
    pass.visit(1, quarter(0), 0, 3, 2, 0, 0, 6_000);
    // Card 2: an imported answer (mature by its elapsed days, being the first), then a quiz answer (not
    // counted) that set an interval under 21 days: the review after it is young.
    pass.visit(2, quarter(3), 3, 3, 2, 1, 1, 1_000);
    pass.visit(2, quarter(2), 1, 1, 2, 0, 0, 2_000);
    pass.visit(2, quarter(0, 41), 0, 1, 2, 1, 0, 3_000);
    // Card 3: its first logged answer, 21 days or more elapsed: mature by the fallback.
    pass.visit(3, quarter(1), 3, 4, 2, 1, 1, 4_000);
    const { activity, answers } = pass.result();
    expect(answers.sort((a, b) => a.daysAgo - b.daysAgo || a.rating - b.rating)).toEqual([
      { daysAgo: 0, stateBefore: 2, mature: false, rating: 1, answers: 1 },
      { daysAgo: 0, stateBefore: 2, mature: true, rating: 3, answers: 1 },
      { daysAgo: 1, stateBefore: 2, mature: true, rating: 4, answers: 1 },
      { daysAgo: 6, stateBefore: 2, mature: true, rating: 3, answers: 1 },
    ]);
    // The learning answer 400 days ago counts in the activity (all history), the quiz answer nowhere.
    expect(activity.map((a) => [a.bucket, a.reviews, a.passed, a.durationMs])).toEqual([
      [quarter(400), 1, 1, 5_000],
      [quarter(3), 1, 1, 1_000],
      [quarter(1), 1, 1, 4_000],
      [quarter(0), 1, 1, 6_000],
      [quarter(0, 41), 1, 0, 3_000],
    ]);
  });

  it('counts quiz answers when asked', () => {
    const pass = createLogPass(bounds, countedKinds(true), quarter(10), quarter(0, 95));
    pass.visit(1, quarter(2), 1, 1, 2, 0, 0, 2_000);
    expect(pass.result().answers).toEqual([{ daysAgo: 6, stateBefore: 2, mature: false, rating: 1, answers: 1 }]);
  });

  it('refuses an answer outside the span it was given', () => {
    const pass = createLogPass(bounds, countedKinds(false), quarter(10), quarter(0, 95));
    expect(() => pass.visit(1, quarter(11), 0, 3, 2, 0, 0, 1)).toThrow(RangeError);
  });
});
