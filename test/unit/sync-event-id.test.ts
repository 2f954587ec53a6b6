import { describe, expect, it } from 'vitest';
import { createEventClock, formatEventId, newDeviceId, parseEventId } from '../../src/main/core/sync/event-id';
import { entityOf, parseCardEntity } from '../../src/main/core/sync/sync-events';

describe('sync event ids', () => {
  it('sort as strings in time order, then by counter, then by device', () => {
    const ids = [formatEventId(2_000, 0, 'bbbbbbbbbbbb'), formatEventId(1_000, 5, 'aaaaaaaaaaaa'), formatEventId(1_000, 5, 'bbbbbbbbbbbb'), formatEventId(1_000, 0, 'zzzzzzzzzzzz')];
    expect([...ids].sort()).toEqual([ids[3], ids[1], ids[2], ids[0]]);
    expect(parseEventId(ids[1] as string)).toEqual({ ms: 1_000, counter: 5, device: 'aaaaaaaaaaaa' });
    expect(parseEventId('not an id')).toBeNull();
  });

  it('never run backwards: after observing a later id, the next id is later still, even if the wall clock is behind', () => {
    const clock = createEventClock('aaaaaaaaaaaa');
    const first = clock.next(5_000);
    const remote = formatEventId(9_000, 3, 'bbbbbbbbbbbb');
    clock.observe(remote);
    const next = clock.next(6_000); // wall clock behind the remote device's
    expect(next > remote).toBe(true);
    expect(next > first).toBe(true);
    expect(parseEventId(next)).toEqual({ ms: 9_000, counter: 4, device: 'aaaaaaaaaaaa' });
    // Once the wall clock passes, the counter starts over.
    expect(parseEventId(clock.next(10_000))).toEqual({ ms: 10_000, counter: 0, device: 'aaaaaaaaaaaa' });
  });

  it('gives distinct, increasing ids within one millisecond', () => {
    const clock = createEventClock(newDeviceId());
    const ids = Array.from({ length: 1000 }, () => clock.next(42));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses a malformed device id', () => {
    expect(() => createEventClock('UPPER')).toThrow(/device id/);
  });

  it('names a card by its note guid and ordinal, also when the guid holds slashes', () => {
    const entity = entityOf.card('lambda-basics/12', 3);
    expect(parseCardEntity(entity)).toEqual({ noteGuid: 'lambda-basics/12', ord: 3 });
    expect(parseCardEntity('card:abc')).toBeNull();
    expect(parseCardEntity('note:abc/1')).toBeNull();
  });
});
