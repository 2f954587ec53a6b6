/**
 * Histograms for the statistics screen: values already counted per whole unit (the SQL groups by
 * day or percent) put into a fixed set of buckets, with the exact mean from the groups' sums.
 */
import type { Distribution } from '../../../shared/api/stats-contract';

export interface ValueGroup {
  /** The bucket key: a whole number of days or percent points. */
  value: number;
  cards: number;
  /** Sum of the exact values in the group, for the mean. */
  sum: number;
}

/** Bucket edges: bucket i holds [edges[i], edges[i+1]); the last is open. Values below the first edge go in the first. */
export const STABILITY_EDGES = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 60, 90, 180, 365, 730] as const;
export const INTERVAL_EDGES = [1, 2, 3, 5, 7, 10, 14, 21, 30, 60, 90, 180, 365, 730] as const;
export const PERCENT_EDGES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90] as const;

export function distribution(groups: readonly ValueGroup[], edges: readonly number[], label: (from: number, to: number | null) => string): Distribution {
  const buckets = edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    return { label: label(from, to), from, to, cards: 0 };
  });
  let cards = 0;
  let sum = 0;
  for (const g of groups) {
    let i = edges.length - 1;
    while (i > 0 && g.value < edges[i]!) i--;
    buckets[i]!.cards += g.cards;
    cards += g.cards;
    sum += g.sum;
  }
  return { buckets, cards, mean: cards === 0 ? null : sum / cards };
}

export function dayRangeLabel(from: number, to: number | null): string {
  if (to === null) return `${from}+ d`;
  return to - from === 1 ? `${from} d` : `${from}–${to - 1} d`;
}

export function percentRangeLabel(from: number, to: number | null): string {
  return `${from}–${to ?? 100}%`;
}
