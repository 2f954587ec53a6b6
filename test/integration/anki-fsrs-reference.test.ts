/**
 * Reference test against fsrs-rs (through @open-spaced-repetition/binding): the real review log in
 * ../shared/fixtures/revlog, wrapped in an Anki collection built here, is imported by Retain under
 * several time zones and "day starts at" hours. Each card's stability and difficulty must match
 * fsrs-rs fed the elapsed days Anki counts: whole days from each answer to the next day rollover
 * after the import, with the zone's UTC offset (rslib `days_elapsed` in scheduler/fsrs/params.rs).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FSRSBinding, BindingMemoryState } from '@open-spaced-repetition/binding';
import { fsrsBinding as binding } from '../support/fsrs-binding';
import { tempApp } from '../support/temp-app';
import { haveShared } from '../support/shared-dir';
import { buildAnkiCollection, guidOf } from '../support/anki-collection';
import { ankiCollection, IMPORT_AT, readRevlog, REVLOG, type Answer } from '../support/josh-revlog';

const have = haveShared(...REVLOG) && binding !== null;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** fsrs-rs memory state after the answers, with Anki's day count for a zone at a fixed UTC offset. */
function referenceState(fsrs: FSRSBinding, answers: Answer[], offsetMs: number, rolloverHour: number): BindingMemoryState {
  const localNow = IMPORT_AT + offsetMs;
  const todayStart = Math.floor((localNow - rolloverHour * HOUR) / DAY) * DAY + rolloverHour * HOUR;
  const nextDayAt = todayStart + DAY - offsetMs;
  const daysAgo = (t: number): number => Math.floor((Math.floor(nextDayAt / 1000) - Math.floor(t / 1000)) / 86_400);
  let state: BindingMemoryState | null = null;
  let prev: number | undefined;
  for (const a of answers) {
    const delta = prev === undefined ? 0 : daysAgo(prev) - daysAgo(a.at);
    const next = fsrs.nextStates(state, 0.9, delta);
    const pick = [next.again, next.hard, next.good, next.easy][a.rating - 1];
    if (!pick) throw new Error(`rating ${a.rating}`);
    state = pick.memory;
    prev = a.at;
  }
  if (!state) throw new Error('no answers');
  return state;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// Los Angeles (on daylight time throughout) and Tokyo keep one UTC offset over the log; Berlin moves to
// summer time on 31 March 2024, two days into it. Anki counts every answer's days back from the next
// rollover with the offset at the time of the import (+2 h in Berlin in October).
const ZONES = [
  { zone: 'America/Los_Angeles', offsetMs: -7 * HOUR },
  { zone: 'Asia/Tokyo', offsetMs: 9 * HOUR },
  { zone: 'Europe/Berlin', offsetMs: 2 * HOUR },
];
// The answers fall between 08:00 and 23:00 in Los Angeles (00:00–15:00 in Tokyo): 0 and 4 differ in Tokyo, 4 and 12 in both.
const ROLLOVERS = [4, 0, 12];

describe.skipIf(!have)('Anki import against fsrs-rs on the real review log', () => {
  let work = '';
  let bytes: Uint8Array;
  let byCard: Map<number, Answer[]>;
  const fsrs = binding ? new binding.FSRSBinding() : (null as unknown as FSRSBinding);
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'retain-fsrs-ref-'));
    byCard = readRevlog();
    bytes = buildAnkiCollection({ ...ankiCollection(byCard), crtSecs: Date.UTC(2024, 2, 1, 12) / 1000 }, work);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const results = new Map<string, Map<number, number>>();

  for (const { zone, offsetMs } of ZONES) {
    for (const rollover of ROLLOVERS) {
      it(`${zone}, day starts at ${rollover}:00: every card within 1% of fsrs-rs`, async () => {
        const t = tempApp({ timeZone: zone, start: IMPORT_AT });
        try {
          t.app.services.settings.update({ dayStartHour: rollover });
          const r = await t.app.services.imports.commit({ fileName: 'josh.anki2', bytes });
          expect(r.cards).toBe(byCard.size);
          expect(r.reviews).toBe(12_580);
          const rows = t.app.services.repos.db
            .prepare('SELECT n.guid, c.stability, c.difficulty FROM cards c JOIN notes n ON n.id = c.note_id')
            .all() as Array<{ guid: string; stability: number; difficulty: number }>;
          const byGuid = new Map(rows.map((x) => [x.guid, x]));
          const sDiffs: number[] = [];
          const dDiffs: number[] = [];
          const stabilities = new Map<number, number>();
          for (const [cardId, answers] of byCard) {
            const got = byGuid.get(guidOf(cardId));
            const want = referenceState(fsrs, answers, offsetMs, rollover);
            expect(got, `card ${cardId}`).toBeDefined();
            if (!got) continue;
            stabilities.set(cardId, got.stability);
            sDiffs.push(Math.abs(got.stability - want.stability) / want.stability);
            dDiffs.push(Math.abs(got.difficulty - want.difficulty) / want.difficulty);
          }
          results.set(`${zone} ${rollover}`, stabilities);
          const maxS = Math.max(...sDiffs);
          console.log(
            `${zone} rollover ${rollover}: ${sDiffs.length} cards; S max ${(maxS * 100).toExponential(2)}% median ${(median(sDiffs) * 100).toExponential(2)}%; D max ${(Math.max(...dDiffs) * 100).toExponential(2)}%`,
          );
          expect(sDiffs.length).toBe(1205);
          expect(sDiffs.filter((d) => d > 0.01)).toEqual([]);
          expect(dDiffs.filter((d) => d > 0.01)).toEqual([]);
        } finally {
          t.dispose();
        }
      });
    }
  }

  it('the zone and the rollover hour change the result (the test discriminates)', () => {
    const run = (key: string): Map<number, number> => {
      const r = results.get(key);
      if (!r) throw new Error(`the run ${key} did not finish`);
      return r;
    };
    /** Cards whose stability differs by more than 1% between two runs. */
    const differ = (a: Map<number, number>, b: Map<number, number>): number =>
      [...a].filter(([id, s]) => !(Math.abs(s - (b.get(id) ?? Infinity)) / s <= 0.01)).length;
    expect(differ(run('America/Los_Angeles 4'), run('Asia/Tokyo 4'))).toBeGreaterThan(100);
    expect(differ(run('Asia/Tokyo 4'), run('Asia/Tokyo 0'))).toBeGreaterThan(100);
    expect(differ(run('America/Los_Angeles 4'), run('America/Los_Angeles 12'))).toBeGreaterThan(100);
  });
});
