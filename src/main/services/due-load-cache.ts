/**
 * Cards due per study day over the load-balancing window, per options preset, for the scheduler's
 * load balancer. Counted once (one grouped query per preset) and then kept up to date as cards are
 * answered, so an answer costs no query. The counts are dropped when the study day changes or when
 * anything else changed more rows than the counts can ignore since they were last brought up to
 * date (an import, a bulk card action, an undo of one): the next use counts again. A few rows
 * changed by something else (a quiz answer, one suspended card) move the day's loads by a few
 * cards at most, which the balancer's weights do not notice; counting again for them would cost
 * a query over every due card (about 50 ms at a million cards) on the next answer.
 */
import { studyDayNumber, studyDayStart } from '../core/day';
import { LOAD_WINDOW_DAYS, type DueCount } from '../core/load-balance';
import { CardStates, type CardState } from '../core/scheduler';
import type { Repos } from '../db/repos';
import { DUE_BUCKET_MS } from '../db/repos/due-load-repo';
import type { SettingsService } from './settings-service';

interface Window {
  today: number;
  /** When today began and when it ends, epoch ms. */
  start: number;
  end: number;
  rollover: number;
  zone: string;
  /** Study day of the window's first and last counted day (tomorrow .. today + LOAD_WINDOW_DAYS). */
  from: number;
  to: number;
  /** Database changes seen when the counts were last made true. */
  mark: number;
  /** Rows changed by anything else that the counts may ignore: 256, or 1% of the cards counted. */
  tolerance: number;
  /** Per preset (null: whole collection): cards due per study day, from day `from` on. */
  byPreset: Map<number | null, Int32Array>;
}

const MIN_TOLERANCE = 256;

export function createDueLoadCache(repos: Repos, settings: SettingsService) {
  let window: Window | undefined;
  /** The window the latest `dueOn` read: `answered` keeps counts only on top of a fresh read. */
  let read: Window | undefined;

  /** The counts as of `now`: kept while the study day and the database are as they were (a settings change is a database change). */
  function current(now: number): Window {
    const mark = repos.dueLoad.changeMark();
    if (window && mark - window.mark <= window.tolerance && now >= window.start && now < window.end) return window;
    const rollover = settings.config().dayStartHour;
    const zone = settings.timeZone();
    const today = studyDayNumber(now, rollover, zone);
    const start = studyDayStart(today, rollover, zone);
    const end = studyDayStart(today + 1, rollover, zone);
    window = { today, start, end, rollover, zone, from: today + 1, to: today + LOAD_WINDOW_DAYS, mark, tolerance: MIN_TOLERANCE, byPreset: new Map() };
    return window;
  }

  function countsOf(w: Window, presetId: number | null): Int32Array {
    let counts = w.byPreset.get(presetId);
    if (!counts) {
      counts = new Int32Array(w.to - w.from + 1);
      const from = studyDayStart(w.from, w.rollover, w.zone);
      const to = studyDayStart(w.to + 1, w.rollover, w.zone);
      for (const b of repos.dueLoad.dueByQuarterHour(presetId, from, to)) {
        const i = studyDayNumber(b.bucket * DUE_BUCKET_MS, w.rollover, w.zone) - w.from;
        if (i >= 0 && i < counts.length) counts[i] = (counts[i] ?? 0) + b.cards;
      }
      w.byPreset.set(presetId, counts);
      let total = 0;
      for (const n of counts) total += n;
      w.tolerance = Math.max(w.tolerance, Math.floor(total / 100));
    }
    return counts;
  }

  /** Whether the card counts towards the load of the day it is due on. */
  const counted = (c: CardState) => c.state !== CardStates.New;

  return {
    /** Cards due per study day for the decks of `presetId` (undefined: the whole collection), as of `now`. */
    dueOn(presetId: number | undefined, now: number): DueCount {
      const w = current(now);
      const counts = countsOf(w, presetId ?? null);
      read = w;
      const from = w.from;
      return (day) => counts[day - from] ?? 0;
    },
    /**
     * A card of `presetId` was answered at `now` and moved from `before` to `after`, and nothing else
     * was written since the `dueOn` read it was scheduled with: move it between the days' counts and
     * keep them. Without such a read nothing is kept, and the next read counts again.
     */
    answered(presetId: number | undefined, now: number, before: CardState, after: CardState): void {
      const w = read;
      read = undefined;
      if (!w || w !== window || now < w.start || now >= w.end) return;
      const counts = w.byPreset.get(presetId ?? null);
      // Cards due before tomorrow (most answered cards) are outside the counted days: no day to work out.
      const dayOf = (c: CardState) => (c.due < w.end ? -1 : studyDayNumber(c.due, w.rollover, w.zone));
      if (counts) {
        const from = dayOf(before) - w.from;
        if (counted(before) && from >= 0 && from < counts.length) counts[from] = Math.max(0, (counts[from] ?? 0) - 1);
        const to = dayOf(after) - w.from;
        if (counted(after) && to >= 0 && to < counts.length) counts[to] = (counts[to] ?? 0) + 1;
      }
      // Other presets' counts are untouched by this card; the answer's own writes are now accounted for.
      w.mark = repos.dueLoad.changeMark();
    },
  };
}
export type DueLoadCache = ReturnType<typeof createDueLoadCache>;
