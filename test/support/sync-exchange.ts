/**
 * Moving events between simulated devices in random orders: each device's own events (its
 * journal, `localAfter`) reach each other device through `mergeEvents`, as random subsets, with
 * duplicates, and as half-delivered batches delivered in full later.
 */
import { pick, randomIndex, shuffle, type Rng } from '../../src/main/core/quiz/rng';
import type { SyncEvent } from '../../src/main/core/sync/sync-events';
import { mergeEvents } from '../../src/main/services/sync/merge-events';
import type { SyncDevice } from './sync-devices';

export interface ExchangeFigures {
  /** Events handed to a merge (duplicates included). */
  delivered: number;
  merges: number;
}

export interface Exchange {
  /** A random partial exchange between some pairs of devices; returns what it did. */
  randomStep(rng: Rng): Promise<string[]>;
  /** Every device gets every other device's events (in random order); returns how many were new to someone. */
  completeAll(rng: Rng): Promise<number>;
  figures: ExchangeFigures;
}

const ownEvents = (d: SyncDevice): SyncEvent[] => d.app.services.repos.sync.localAfter(0, 1_000_000).map(({ seq: _seq, ...e }) => e);

export function directExchange(devices: readonly SyncDevice[]): Exchange {
  /** "src>dst" → ids delivered; and batches cut in half, to deliver whole later. */
  const delivered = new Map<string, Set<string>>();
  const halves = new Map<string, SyncEvent[]>();
  const figures: ExchangeFigures = { delivered: 0, merges: 0 };
  const key = (a: number, b: number) => `${a}>${b}`;
  const deliveredOf = (k: string) => delivered.get(k) ?? delivered.set(k, new Set()).get(k)!;

  const merge = (dst: SyncDevice, events: SyncEvent[], k: string): number => {
    if (events.length === 0) return 0;
    const r = mergeEvents(dst.deps.repos, dst.deps.journal, dst.appliers, events);
    dst.app.services.decks.invalidate();
    figures.delivered += events.length;
    figures.merges += 1;
    const seen = deliveredOf(k);
    for (const e of events) seen.add(e.id);
    return r.received;
  };

  /** Each device's own events, read once per exchange step (merges add none of a device's own). */
  let own: SyncEvent[][] = [];
  const readOwn = () => {
    own = devices.map(ownEvents);
  };
  const pending = (a: number, b: number): SyncEvent[] => {
    const seen = deliveredOf(key(a, b));
    return (own[a] ?? []).filter((e) => !seen.has(e.id));
  };

  return {
    figures,
    async randomStep(rng) {
      readOwn();
      const log: string[] = [];
      for (let a = 0; a < devices.length; a++) {
        for (let b = 0; b < devices.length; b++) {
          if (a === b || rng() < 0.5) continue;
          const k = key(a, b);
          const dst = devices[b] as SyncDevice;
          const half = halves.get(k);
          if (half && rng() < 0.5) {
            halves.delete(k);
            merge(dst, shuffle(half, rng), k);
            log.push(`${k}: the rest of a half batch (${half.length}, again in full)`);
            continue;
          }
          const waiting = pending(a, b);
          const mode = rng();
          if (mode < 0.3) {
            merge(dst, shuffle(waiting, rng), k);
            log.push(`${k}: all ${waiting.length} waiting`);
          } else if (mode < 0.5 && waiting.length > 1 && !half) {
            const cut = 1 + randomIndex(waiting.length - 1, rng);
            halves.set(k, waiting);
            merge(dst, shuffle(waiting.slice(0, cut), rng), k);
            log.push(`${k}: half a batch (${cut} of ${waiting.length})`);
          } else if (mode < 0.75) {
            const some = pick(waiting, randomIndex(waiting.length + 1, rng), rng);
            merge(dst, some, k);
            log.push(`${k}: ${some.length} of ${waiting.length} waiting, out of order`);
          } else {
            const seen = deliveredOf(k);
            const again = (own[a] ?? []).filter((e) => seen.has(e.id));
            const dup = [...pick(again, randomIndex(Math.min(again.length, 12) + 1, rng), rng), ...pick(waiting, randomIndex(waiting.length + 1, rng), rng)];
            merge(dst, shuffle(dup, rng), k);
            log.push(`${k}: ${dup.length} with duplicates`);
          }
        }
      }
      return log;
    },
    async completeAll(rng) {
      readOwn();
      let fresh = 0;
      const pairs: Array<[number, number]> = [];
      for (let a = 0; a < devices.length; a++) for (let b = 0; b < devices.length; b++) if (a !== b) pairs.push([a, b]);
      for (const [a, b] of shuffle(pairs, rng)) {
        const k = key(a, b);
        halves.delete(k);
        fresh += merge(devices[b] as SyncDevice, shuffle(pending(a, b), rng), k);
      }
      return fresh;
    },
  };
}
