/**
 * The card statistics in one pass over the scope's cards: counts by state (suspended and buried
 * apart), cards due per quarter hour for the forecast, and the groups of the stability,
 * difficulty, interval and retrievability distributions (values per whole day or percent point,
 * with their exact sums for the means).
 */
import type { CardCounts } from '../../../shared/api/stats-contract';
import { QUARTER_HOUR_MS } from './activity';
import type { ValueGroup } from './distributions';
import { MATURE_DAYS } from './true-retention';

/** One card: `lastReview` is -1 for a card never answered. */
export type CardVisitor = (
  state: number,
  suspended: number,
  scheduledDays: number,
  due: number,
  stability: number,
  difficulty: number,
  lastReview: number,
  deckId: number,
) => void;

export interface CardPassOptions {
  /** The forecast's span: cards due before `from` are overdue (bucket -1); those due from `to` on are left out. */
  from: number;
  to: number;
  /** Retrievability now of an answered card (its deck's preset's forgetting curve), or null. */
  retrievability(deckId: number, state: number, stability: number, difficulty: number, lastReview: number): number | null;
}

export interface CardPassResult {
  counts: CardCounts;
  due: Array<{ bucket: number; cards: number }>;
  stability: ValueGroup[];
  difficulty: ValueGroup[];
  intervals: ValueGroup[];
  retrievability: ValueGroup[];
}

function groups() {
  const byValue = new Map<number, ValueGroup>();
  return {
    add(value: number, exact: number): void {
      const g = byValue.get(value);
      if (g) {
        g.cards += 1;
        g.sum += exact;
      } else byValue.set(value, { value, cards: 1, sum: exact });
    },
    list: (): ValueGroup[] => [...byValue.values()].sort((a, b) => a.value - b.value),
  };
}

export function createCardPass(options: CardPassOptions): { visit: CardVisitor; result(): CardPassResult } {
  const counts: CardCounts = { new: 0, learning: 0, relearning: 0, young: 0, mature: 0, suspended: 0, buried: 0, total: 0 };
  const due = new Map<number, number>();
  const stability = groups();
  const difficulty = groups();
  const intervals = groups();
  const retrievability = groups();

  const visit: CardVisitor = (state, suspended, scheduledDays, dueAt, s, d, lastReview, deckId) => {
    counts.total += 1;
    if (suspended === 1) counts.suspended += 1;
    else if (suspended >= 2) counts.buried += 1;
    else if (state === 0) counts.new += 1;
    else if (state === 1) counts.learning += 1;
    else if (state === 3) counts.relearning += 1;
    else if (state === 2) {
      if (scheduledDays >= MATURE_DAYS) counts.mature += 1;
      else counts.young += 1;
    }
    if (state === 0) return;
    if (suspended === 0 && dueAt < options.to) {
      const bucket = dueAt < options.from ? -1 : Math.floor(dueAt / QUARTER_HOUR_MS);
      due.set(bucket, (due.get(bucket) ?? 0) + 1);
    }
    if (s > 0) stability.add(Math.trunc(s), s);
    if (d >= 1) {
      const percent = ((d - 1) / 9) * 100;
      difficulty.add(Math.trunc(percent), percent);
    }
    if (state === 2) intervals.add(scheduledDays, scheduledDays);
    if (s > 0 && lastReview >= 0) {
      const r = options.retrievability(deckId, state, s, d, lastReview);
      if (r !== null) retrievability.add(Math.min(100, Math.max(0, Math.floor(r * 100))), r * 100);
    }
  };

  return {
    visit,
    result: () => ({
      counts,
      due: [...due.entries()].map(([bucket, cards]) => ({ bucket, cards })),
      stability: stability.list(),
      difficulty: difficulty.list(),
      intervals: intervals.list(),
      retrievability: retrievability.list(),
    }),
  };
}
