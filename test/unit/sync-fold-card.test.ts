/** A card folded from its sync events: answers are a set union, replayed where they were made on another state. */
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { createScheduler, newCardState, type CardState, type RatingCode } from '../../src/main/core/scheduler';
import { foldCard } from '../../src/main/core/sync/fold-card';
import { formatEventId } from '../../src/main/core/sync/event-id';
import { schedulingKey } from '../../src/main/core/sync/scheduling-key';
import type { SyncEvent, SyncScheduling } from '../../src/main/core/sync/sync-events';

const ENTITY = 'card:note-1/0';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);
const settings: SyncScheduling = { w: [...default_w], retention: 0.9, maxInterval: 36500, learningSteps: [60, 600], relearningSteps: [600] };
/** Answers name their settings by key; the fold looks them up (as a merge does in the journal). */
const scheduling = schedulingKey(settings);
const options = { dayStartHour: 4, timeZone: 'UTC', params: (key: string) => (key === scheduling ? settings : null) };
/** What a device schedules with: fuzz on, as the app does by default. */
const withFuzz = createScheduler(
  { desiredRetention: 0.9, maximumIntervalDays: 36500, fuzz: true, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], dayStartHour: 4 },
  { timeZone: 'UTC' },
);
const noFuzz = createScheduler(
  { desiredRetention: 0.9, maximumIntervalDays: 36500, fuzz: false, learningSteps: ['60s', '600s'], relearningSteps: ['600s'], dayStartHour: 4 },
  { weights: default_w, timeZone: 'UTC' },
);

const id = (at: number, device: string, counter = 0) => formatEventId(at, counter, device.padEnd(12, '0'));

/** A review card, answered some days ago. */
const base: CardState = { ...newCardState(T0 - 10 * DAY), stability: 8, difficulty: 5, state: 2, reps: 4, scheduledDays: 8, due: T0 - DAY, lastReview: T0 - 9 * DAY };

function stateEvent(at: number, device: string, state: CardState): SyncEvent {
  return { id: id(at, device), entity: ENTITY, type: 'card.state', body: { state } };
}

/** An answer made on `parent` (whose state is `on`) with the device's fuzzed scheduler, as the app records it. */
function answer(at: number, device: string, parent: string | null, on: CardState, rating: RatingCode): SyncEvent {
  const after = withFuzz.schedule(on, at, rating, 77);
  return {
    id: id(at, device),
    entity: ENTITY,
    type: 'review',
    body: { at, rating, durationMs: 3000, kind: 0, stateBefore: on.state, elapsedDays: after.elapsedDays, scheduledDays: after.scheduledDays, parent, after, scheduling, history: false },
  };
}

describe('fold of a card', () => {
  it('takes an answer made on the current head as it was recorded (fuzz and all)', () => {
    const s = stateEvent(T0 - 9 * DAY, 'a', base);
    const a = answer(T0, 'a', s.id, base, 3);
    const folded = foldCard([s, a], options);
    expect(folded.state).toEqual((a.body as { after: CardState }).after);
    expect(folded.head).toBe(a.id);
    // The recorded interval is fuzzed: a replay without fuzz would differ, so this is the verbatim path.
    expect(folded.state!.scheduledDays).not.toBe(noFuzz.schedule(base, T0, 3).scheduledDays);
    expect(folded.log).toEqual([{ uid: a.id, reviewedAt: T0, rating: 3, stateBefore: 2, elapsedDays: 9, scheduledDays: folded.state!.scheduledDays, durationMs: 3000, kind: 0 }]);
  });

  it('counts two offline answers made on two devices on the same state, in any order of arrival', () => {
    const s = stateEvent(T0 - 9 * DAY, 'a', base);
    const onA = answer(T0, 'a', s.id, base, 3);
    const onB = answer(T0 + 2 * DAY, 'b', s.id, base, 1);
    const one = foldCard([s, onA, onB], options);
    const other = foldCard([onB, s, onA], options);
    expect(other).toEqual(one);
    expect(one.state!.reps).toBe(base.reps + 2);
    expect(one.log.map((r) => r.uid)).toEqual([onA.id, onB.id]);
    // B's Again is scheduled again on top of A's Good, without fuzz.
    const afterA = (onA.body as { after: CardState }).after;
    expect(one.state).toEqual(noFuzz.schedule(afterA, T0 + 2 * DAY, 1));
    expect(one.state!.lapses).toBe(base.lapses + 1);
    expect(one.log[1]).toMatchObject({ stateBefore: 2, elapsedDays: 2 });
    expect(one.head).toBe(onB.id);
  });

  it('drops an undone answer: the card goes back to the state it was made on', () => {
    const s = stateEvent(T0 - 9 * DAY, 'a', base);
    const a = answer(T0, 'a', s.id, base, 4);
    const undo: SyncEvent = { id: id(T0 + 1000, 'a'), entity: ENTITY, type: 'undo', body: { target: a.id } };
    const folded = foldCard([s, a, undo], options);
    expect(folded.state).toEqual(base);
    expect(folded.head).toBe(s.id);
    expect(folded.log).toEqual([]);
    expect([...folded.undone]).toEqual([a.id]);
  });

  it('replays answers from a card.state set after them and takes later ones on top of it', () => {
    const s = stateEvent(T0 - 9 * DAY, 'a', base);
    const reset = stateEvent(T0 + DAY, 'b', newCardState(T0 + DAY));
    const stale = answer(T0 + 2 * DAY, 'a', s.id, base, 3);
    const onReset = answer(T0 + 3 * DAY, 'b', reset.id, newCardState(T0 + DAY), 3);
    const folded = foldCard([s, reset, stale, onReset], options);
    // The stale answer (made on the old state) is replayed on the reset card; the next answer,
    // made on the reset, is no longer on the head, so it is replayed too.
    const first = noFuzz.schedule(newCardState(T0 + DAY), T0 + 2 * DAY, 3);
    expect(folded.state).toEqual(noFuzz.schedule(first, T0 + 3 * DAY, 3));
    expect(folded.log).toHaveLength(2);
    const alone = foldCard([s, reset, onReset], options);
    expect(alone.state).toEqual((onReset.body as { after: CardState }).after);
  });

  it('keeps history answers in the log without moving the state, and skips bodies that fail their schema', () => {
    const s = stateEvent(T0 - 9 * DAY, 'a', base);
    const history: SyncEvent = {
      id: id(T0 - 20 * DAY, 'a'),
      entity: ENTITY,
      type: 'review',
      body: { at: T0 - 20 * DAY, rating: 3, durationMs: 1, kind: 3, stateBefore: 0, elapsedDays: 0, scheduledDays: 0, parent: null, after: null, scheduling: null, history: true },
    };
    const bad: SyncEvent = { id: id(T0, 'b'), entity: ENTITY, type: 'review', body: { at: 'soon' } };
    const set: SyncEvent = { id: id(T0 + 5, 'b'), entity: ENTITY, type: 'card.set', body: { flag: 3, suspended: 1 } };
    const folded = foldCard([history, s, bad, set], options);
    expect(folded.state).toEqual(base);
    expect(folded.log.map((r) => r.kind)).toEqual([3]);
    expect(folded.skipped).toBe(1);
    expect(folded).toMatchObject({ flag: 3, suspended: 1, deck: undefined });
  });
});
