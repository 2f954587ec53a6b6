/**
 * The sync journal: each service records what it changed as an event, inside the transaction that
 * makes the change, so a crash can never keep a change and lose its event (or the reverse).
 * The journal is off until the user first sets up sync; then everything already in the collection
 * is recorded once (sync-genesis.ts) and every later change as it happens. While it is off,
 * `record` costs nothing and returns null.
 */
import type { Clock } from '../../core/clock';
import { createEventClock, formatEventId, newDeviceId, parseEventId, type EventClock } from '../../core/sync/event-id';
import type { SyncEvent } from '../../core/sync/sync-events';
import type { SyncRepo } from '../../db/repos/sync-repo';

export const DEVICE_KEY = 'device';
/** Counters of ids made for changes found after the fact: the upper half of the 4 base-36 digits. */
const FOUND_COUNTERS = 36 ** 4 / 2;

export interface SyncJournal {
  /** True once sync has been set up on this collection. */
  readonly on: boolean;
  /** This device's id (null while the journal is off). */
  readonly device: string | null;
  /** Record one event (call inside the write transaction); returns its id, null while off. */
  record(entity: string, type: string, body: Record<string, unknown>): string | null;
  /** Record an event with an id made for time `at` (for changes found after the fact). */
  recordAt(at: number, entity: string, type: string, body: Record<string, unknown>): string | null;
  /** Take in the ids of merged events, so later local ids sort after them. */
  observe(id: string): void;
  /** Turn the journal on with a new device id (inside a transaction); returns the id. */
  start(): string;
  /** A new device id for this collection (a restored backup or a copied folder must not write as the old one). */
  renew(): string;
}

export function createSyncJournal(sync: SyncRepo, clock: Clock): SyncJournal {
  let eventClock: EventClock | null = null;
  let foundCounter = 0;
  const load = (device: string): EventClock => {
    const last = [sync.lastLocalId(), sync.maxPeerId()].reduce((a, b) => (b > a ? b : a), '');
    return createEventClock(device, last);
  };
  const stored = sync.state(DEVICE_KEY);
  if (stored) eventClock = load(stored);

  const write = (id: string, entity: string, type: string, body: Record<string, unknown>): string => {
    const event: SyncEvent = { id, entity, type, body };
    sync.append(event);
    return id;
  };
  const begin = (): string => {
    const device = newDeviceId();
    sync.setState(DEVICE_KEY, device);
    eventClock = load(device);
    return device;
  };

  return {
    get on() {
      return eventClock !== null;
    },
    get device() {
      return eventClock?.device ?? null;
    },
    record(entity, type, body) {
      if (!eventClock) return null;
      return write(eventClock.next(clock.now()), entity, type, body);
    },
    recordAt(at, entity, type, body) {
      if (!eventClock) return null;
      // Not the journal's clock: found later, it still sorts at the time it happened. The counter
      // keeps two such events of one entity at the same millisecond apart, in the upper half so it
      // never meets an id the clock made at that millisecond; from the clock's latest millisecond
      // to now the clock itself makes the id.
      if (at >= (parseEventId(eventClock.last())?.ms ?? -1) && at <= clock.now()) return write(eventClock.next(at), entity, type, body);
      foundCounter = (foundCounter + 1) % FOUND_COUNTERS;
      return write(formatEventId(at, FOUND_COUNTERS + foundCounter, eventClock.device), entity, type, body);
    },
    observe(id) {
      eventClock?.observe(id);
    },
    start() {
      return eventClock ? eventClock.device : begin();
    },
    renew() {
      return begin();
    },
  };
}
