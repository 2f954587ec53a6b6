/** Anki's step, interval and fuzz rules in the scheduler, with a manual clock. */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/main/core/clock';
import { studyDayNumber, studyDayStart } from '../../src/main/core/day';
import { fuzzBounds, reviewInterval } from '../../src/main/core/fuzz';
import { answerLabel, CardStates, createScheduler, newCardState, type CardState, type RatingCode } from '../../src/main/core/scheduler';

const M = 60_000;
const H = 60 * M;
const DAY = 24 * H;
const BASE = { desiredRetention: 0.9, maximumIntervalDays: 36500, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], dayStartHour: 4 };

/** A card answered Good/Easy enough to be a long-interval review card, due at `clock`'s time. */
function matureCard(s: ReturnType<typeof createScheduler>, start: number): CardState {
  let card = s.schedule(newCardState(start), start, 4);
  for (let i = 0; i < 4; i++) card = s.schedule(card, card.due, 4);
  return card;
}

describe('elapsed days fed to FSRS are study days', () => {
  it('21:30 then 09:00 the next morning in Los Angeles is one day: the long-term formula, not the same-day one', () => {
    const la = createScheduler(BASE, { timeZone: 'America/Los_Angeles' });
    const utc = createScheduler(BASE, { timeZone: 'UTC' });
    const evening = Date.UTC(2026, 2, 21, 4, 30); // 21:30 PDT on 20 March
    const morning = Date.UTC(2026, 2, 21, 16, 0); // 09:00 PDT on 21 March
    const first = la.schedule(newCardState(evening), evening, 4);
    const inLa = la.schedule(first, morning, 3);
    const inUtc = utc.schedule(first, morning, 3);
    expect(inLa.elapsedDays).toBe(1);
    expect(inUtc.elapsedDays).toBe(0); // both instants fall on the same UTC study day
    expect(inLa.stability).not.toBeCloseTo(inUtc.stability, 3);
  });
});

describe('maximum interval (item 3)', () => {
  it('with a 30-day maximum, Hard, Good and Easy all give 30 days', () => {
    const s = createScheduler({ ...BASE, maximumIntervalDays: 30 });
    const start = Date.UTC(2026, 2, 10, 12);
    const card = matureCard(createScheduler(BASE), start);
    expect(card.state).toBe(CardStates.Review);
    const now = card.due + 40 * DAY;
    const p = s.preview(card, now);
    expect([p[2].scheduledDays, p[3].scheduledDays, p[4].scheduledDays]).toEqual([30, 30, 30]);
    for (const r of [2, 3, 4] as const) expect(studyDayNumber(p[r].due, 4, 'UTC')).toBe(studyDayNumber(now, 4, 'UTC') + 30);
  });

  it('fuzz never goes past the maximum either', () => {
    const s = createScheduler({ ...BASE, maximumIntervalDays: 30, fuzz: true });
    const card = matureCard(createScheduler(BASE), Date.UTC(2026, 2, 10, 12));
    for (let id = 1; id <= 200; id++) {
      const p = s.preview(card, card.due + 40 * DAY, id);
      expect(Math.max(p[2].scheduledDays, p[3].scheduledDays, p[4].scheduledDays)).toBeLessThanOrEqual(30);
    }
  });
});

describe('fuzz seeded per card and review count (item 4)', () => {
  it('200 Good answers with fuzz on: the interval shown is the interval given', () => {
    const s = createScheduler({ ...BASE, fuzz: true, learningSteps: [] });
    const clock = manualClock(Date.UTC(2026, 2, 10, 9));
    const cards = new Map<number, CardState>();
    for (let id = 1; id <= 20; id++) cards.set(id, newCardState(clock.now()));
    let answers = 0;
    const spread = new Set<number>();
    while (answers < 200) {
      for (const [id, card] of cards) {
        clock.advance(37 * 1000); // a later second: the time of the answer must not matter
        const shown = s.preview(card, clock.now(), id)[3];
        const label = answerLabel(clock.now(), shown);
        clock.advance(4000); // the user thinks for a few seconds before pressing Good
        const given = s.schedule(card, clock.now(), 3, id);
        expect(given.scheduledDays).toBe(shown.scheduledDays);
        expect(answerLabel(clock.now(), given)).toBe(label);
        cards.set(id, { ...given });
        if (given.scheduledDays >= 20) spread.add(given.scheduledDays);
        answers++;
      }
      const next = Math.min(...[...cards.values()].map((c) => c.due));
      clock.set(Math.max(clock.now(), next));
    }
    // The fuzz is on: cards with long intervals do not all land on the same day.
    expect(spread.size).toBeGreaterThan(3);
  });

  it('the factor follows the card and its review count, not the time of the answer', () => {
    const s = createScheduler({ ...BASE, fuzz: true });
    const card = matureCard(createScheduler(BASE), Date.UTC(2026, 2, 10, 12));
    const a = s.schedule(card, card.due + 1000, 3, 42);
    const b = s.schedule(card, card.due + 2 * H, 3, 42);
    expect(a.scheduledDays).toBe(b.scheduledDays);
    const ids = new Set(Array.from({ length: 50 }, (_, i) => s.schedule(card, card.due, 3, i + 1).scheduledDays));
    expect(ids.size).toBeGreaterThan(1);
  });

  it('fuzz ranges match Anki (rslib fuzz.rs cases)', () => {
    const at = (ivl: number, min: number, max: number) => [0, 0.5, 0.99].map((f) => reviewInterval(ivl, min, max, f));
    expect(at(2.49, 1, 1000)).toEqual([2, 2, 2]);
    expect(at(2.5, 1, 1000)).toEqual([2, 3, 4]);
    expect(at(7, 1, 1000)).toEqual([5, 7, 9]);
    expect(at(17, 1, 1000)).toEqual([14, 17, 20]);
    expect(at(37, 1, 1000)).toEqual([33, 37, 41]);
    expect(at(2, 3, 1000)).toEqual([3, 4, 4]);
    expect(at(100, 101, 1000)).toEqual([101, 105, 108]);
    expect(at(100, 1, 99)).toEqual([92, 96, 99]);
    expect(fuzzBounds(100, 97, 103)).toEqual([97, 103]);
    expect(reviewInterval(101, 1, 100, null)).toBe(100);
  });
});

describe('learning steps (item 5)', () => {
  const start = Date.UTC(2026, 2, 10, 12);
  const steps = (learningSteps: string[], relearningSteps = ['10m']) => createScheduler({ ...BASE, learningSteps, relearningSteps });
  const delay = (c: CardState, now: number) => c.due - now;

  it('Hard on the first step is the average of the first two steps; on a later step it repeats that step', () => {
    const s = steps(['1m', '10m', '1h']);
    const fresh = newCardState(start);
    expect(delay(s.schedule(fresh, start, 2), start)).toBe(5.5 * M);
    const second = s.schedule(fresh, start, 3); // Good: on to the 10m step
    expect(second.learningSteps).toBe(1);
    const now = second.due;
    const hard = s.schedule(second, now, 2);
    expect(delay(hard, now)).toBe(10 * M);
    expect(hard.learningSteps).toBe(1);
    const third = s.schedule(second, now, 3);
    expect(delay(third, now)).toBe(H);
    expect(delay(s.schedule(third, third.due, 2), third.due)).toBe(H);
    expect(s.schedule(third, third.due, 3).state).toBe(CardStates.Review);
  });

  it('a single step: Hard is 1.5 times it (relearning 10m → 15m)', () => {
    const s = steps(['10m'], ['10m']);
    expect(delay(s.schedule(newCardState(start), start, 2), start)).toBe(15 * M);
    const review = matureCard(s, start);
    const lapsed = s.schedule(review, review.due, 1);
    expect(lapsed.state).toBe(CardStates.Relearning);
    expect(lapsed.lapses).toBe(1);
    expect(delay(s.schedule(lapsed, lapsed.due, 2), lapsed.due)).toBe(15 * M);
  });

  it('a step of a day or more keeps an interday learning card: Again goes back to the first step without a lapse', () => {
    const s = steps(['10m', '1d']);
    const first = s.schedule(newCardState(start), start, 1); // Again: the 10m step
    expect(first.learningSteps).toBe(0);
    const interday = s.schedule(first, first.due, 3); // Good: on to the 1d step
    expect(interday.state).toBe(CardStates.Learning);
    expect(interday.learningSteps).toBe(1);
    expect(interday.scheduledDays).toBe(1);
    expect(interday.due).toBe(studyDayStart(studyDayNumber(first.due, 4, 'UTC') + 1, 4, 'UTC'));
    expect(answerLabel(first.due, interday)).toBe('1d');
    const nextDay = interday.due + 3 * H;
    const again = s.schedule(interday, nextDay, 1);
    expect(again.state).toBe(CardStates.Learning);
    expect(again.lapses).toBe(0);
    expect(again.learningSteps).toBe(0);
    expect(delay(again, nextDay)).toBe(10 * M);
    expect(again.elapsedDays).toBe(1);
    const graduated = s.schedule(interday, nextDay, 3);
    expect(graduated.state).toBe(CardStates.Review);
    expect(graduated.lapses).toBe(0);
  });

  it('fractional steps are read exactly: 1.5h is 90 minutes, 90s is a minute and a half, 0.5d is 12 hours', () => {
    const s = steps(['90s', '1.5h', '0.5d']);
    const a = s.schedule(newCardState(start), start, 1);
    expect(delay(a, start)).toBe(90 * 1000);
    const b = s.schedule(a, a.due, 3);
    expect(delay(b, a.due)).toBe(90 * M);
    const c = s.schedule(b, b.due, 3);
    expect(c.state).toBe(CardStates.Learning);
    expect(delay(c, b.due)).toBe(12 * H);
  });

  it('Again in review with no relearning steps counts a lapse and stays a review card', () => {
    const s = steps(['1m'], []);
    const review = matureCard(s, start);
    const again = s.schedule(review, review.due, 1);
    expect(again.state).toBe(CardStates.Review);
    expect(again.lapses).toBe(1);
    expect(again.scheduledDays).toBeGreaterThanOrEqual(1);
  });
});

describe('review due dates keep whole study days across daylight saving (item 6)', () => {
  it('a 1-day interval answered at 04:30 the day before fall-back is due the next study day', () => {
    const zone = 'America/New_York';
    // A one-day maximum makes every passing answer exactly one day.
    const s = createScheduler({ ...BASE, learningSteps: [], maximumIntervalDays: 1 }, { timeZone: zone });
    const now = Date.UTC(2026, 9, 31, 8, 30); // 04:30 EDT, 31 October; clocks fall back on 1 November
    let card: CardState = { ...newCardState(now), state: CardStates.Review, stability: 0.6, difficulty: 5, lastReview: now - DAY, reps: 3, scheduledDays: 1 };
    card = { ...card, due: now };
    const hard = s.schedule(card, now, 2 as RatingCode);
    expect(hard.scheduledDays).toBe(1);
    expect(studyDayNumber(hard.due, 4, zone)).toBe(studyDayNumber(now, 4, zone) + 1);
    expect(hard.due).toBeGreaterThanOrEqual(studyDayStart(studyDayNumber(now, 4, zone) + 1, 4, zone));
  });
});

describe('review due dates over a year of daylight-saving changes', () => {
  it('an n-day interval is always due n study days later, in every zone, at every hour', () => {
    const misses: string[] = [];
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/Santiago']) {
      for (const [maximumIntervalDays, dayStartHour] of [[1, 4], [2, 2], [3, 0], [1, 23]] as const) {
        const s = createScheduler({ ...BASE, learningSteps: [], maximumIntervalDays, dayStartHour }, { timeZone: zone });
        for (let now = Date.UTC(2026, 0, 1); now < Date.UTC(2027, 0, 1); now += 5 * H + 17 * M) {
          const card: CardState = { ...newCardState(now), state: CardStates.Review, stability: 40, difficulty: 5, lastReview: now - 30 * DAY, reps: 5, scheduledDays: 30 };
          const good = s.schedule(card, now, 3);
          const today = studyDayNumber(now, dayStartHour, zone);
          if (studyDayNumber(good.due, dayStartHour, zone) !== today + maximumIntervalDays) misses.push(`${zone} ${new Date(now).toISOString()} +${maximumIntervalDays}`);
        }
      }
    }
    expect(misses.slice(0, 5)).toEqual([]);
  });
});

describe('retrievability', () => {
  it('null for a new card, 1 on the day of the answer, falling with the study days elapsed', () => {
    const s = createScheduler(BASE);
    const start = Date.UTC(2026, 2, 10, 12);
    expect(s.retrievability(newCardState(start), start)).toBeNull();
    const card = s.schedule(newCardState(start), start, 4);
    expect(s.retrievability(card, start + H)).toBe(1);
    const r1 = s.retrievability(card, start + DAY)!;
    const r5 = s.retrievability(card, start + 5 * DAY)!;
    expect(r1).toBeLessThan(1);
    expect(r5).toBeLessThan(r1);
    // On its due day it is close to the desired retention.
    expect(s.retrievability(card, card.due)!).toBeCloseTo(0.9, 1);
  });
});
