/**
 * Sync event ids: a hybrid logical clock plus the device, written so that comparing two ids as
 * strings compares them in time. "<ms, 9 base-36 digits>.<counter, 4 base-36 digits>.<device>".
 * The clock never runs backwards: an id made after a merge is greater than every id merged, so an
 * edit made after seeing another computer's edit wins over it whatever the two wall clocks say.
 */
const MS_DIGITS = 9;
const COUNTER_DIGITS = 4;
const COUNTER_LIMIT = 36 ** COUNTER_DIGITS;
export const DEVICE_ID_PATTERN = /^[0-9a-z]{12}$/;
export const EVENT_ID_PATTERN = /^[0-9a-z]{9}\.[0-9a-z]{4}\.[0-9a-z]{12}$/;

export interface EventIdParts {
  ms: number;
  counter: number;
  device: string;
}

export function formatEventId(ms: number, counter: number, device: string): string {
  return `${Math.max(0, Math.floor(ms)).toString(36).padStart(MS_DIGITS, '0')}.${counter.toString(36).padStart(COUNTER_DIGITS, '0')}.${device}`;
}

/** Events oldest first: ids compare as strings in time order. */
export const byEventId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function parseEventId(id: string): EventIdParts | null {
  if (!EVENT_ID_PATTERN.test(id)) return null;
  return { ms: parseInt(id.slice(0, MS_DIGITS), 36), counter: parseInt(id.slice(MS_DIGITS + 1, MS_DIGITS + 1 + COUNTER_DIGITS), 36), device: id.slice(-12) };
}

/** A new random device id (12 base-36 characters, about 62 bits). */
export function newDeviceId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

export interface EventClock {
  readonly device: string;
  /** The next id: after every id made or observed, and not before `now`. */
  next(now: number): string;
  /** Take in an id seen elsewhere so later ids sort after it. */
  observe(id: string): void;
  /** The greatest id made or observed ('' before any). */
  last(): string;
}

export function createEventClock(device: string, lastSeen = ''): EventClock {
  if (!DEVICE_ID_PATTERN.test(device)) throw new Error(`not a device id: ${device}`);
  let ms = 0;
  let counter = 0;
  let latest = '';
  const observe = (id: string): void => {
    const parts = parseEventId(id);
    if (!parts) return;
    if (parts.ms > ms || (parts.ms === ms && parts.counter > counter)) {
      ms = parts.ms;
      counter = parts.counter;
    }
    if (id > latest) latest = id;
  };
  if (lastSeen) observe(lastSeen);
  return {
    device,
    next(now: number): string {
      if (now > ms) {
        ms = Math.floor(now);
        counter = 0;
      } else if (counter + 1 < COUNTER_LIMIT) {
        counter += 1;
      } else {
        ms += 1;
        counter = 0;
      }
      const id = formatEventId(ms, counter, device);
      if (id > latest) latest = id;
      return id;
    },
    observe,
    last: () => latest,
  };
}
