/** How the browser's columns show a card: due dates, intervals, memory figures, flags. */
import type { BrowseRow, BrowseSortKey } from '../../../../shared/api/browse-contract';
import { FLAG_NAMES } from '../../../../shared/api/cards-contract';

const DAY = 86_400_000;

/** Days as Anki's browser shows intervals: "12 d", "3.2 mo", "1.4 y". */
export function formatDays(days: number): string {
  if (days < 1) return `${Math.max(0, Math.round(days * 24))} h`;
  if (days < 30) return `${days < 10 ? Number(days.toFixed(1)) : Math.round(days)} d`;
  if (days < 365) return `${(days / 30).toFixed(1).replace(/\.0$/, '')} mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, '')} y`;
}

/** "Mar 21" this year, "Mar 21, 2027" another year. */
export function formatDate(epochMs: number, now = Date.now()): string {
  const d = new Date(epochMs);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return d.toLocaleDateString([], sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
}
const percent = (x: number): string => `${Math.round(x * 100)}%`;

export const STATE_NAMES = ['New', 'Learning', 'Review', 'Relearning'] as const;

/** The due column: "New" for new cards, the time for learning steps today, else the date; in parentheses when out of the queue (as Anki). */
export function formatDue(row: BrowseRow, now: number): string {
  let due: string;
  if (row.state === 0) due = 'New';
  else if (row.state !== 2 && row.due - now < DAY) due = new Date(row.due).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  else due = formatDate(row.due, now);
  return row.queue === 0 ? due : `(${due})`;
}

export interface BrowseColumn {
  key: BrowseSortKey;
  label: string;
  /** Hidden as the window narrows: tier 3 first, then tier 2. */
  tier?: 2 | 3;
  numeric?: boolean;
  cell(row: BrowseRow, now: number): string;
}

export const COLUMNS: readonly BrowseColumn[] = [
  { key: 'sortField', label: 'Sort field', cell: (r) => r.sortField || '(empty)' },
  { key: 'deck', label: 'Deck', cell: (r) => r.deckName },
  { key: 'due', label: 'Due', cell: formatDue },
  { key: 'interval', label: 'Interval', numeric: true, cell: (r) => (r.interval === null ? '—' : formatDays(r.interval)) },
  { key: 'stability', label: 'Stability', numeric: true, tier: 2, cell: (r) => (r.stability === null ? '—' : formatDays(r.stability)) },
  { key: 'difficulty', label: 'Difficulty', numeric: true, tier: 2, cell: (r) => (r.difficulty === null ? '—' : percent(r.difficulty)) },
  { key: 'retrievability', label: 'Retrievability', numeric: true, cell: (r) => (r.retrievability === null ? '—' : percent(r.retrievability)) },
  { key: 'lapses', label: 'Lapses', numeric: true, tier: 3, cell: (r) => String(r.lapses) },
  { key: 'reviews', label: 'Reviews', numeric: true, cell: (r) => String(r.reviews) },
  { key: 'added', label: 'Added', tier: 3, cell: (r, now) => formatDate(r.added, now) },
];

export function flagName(flag: number): string {
  return FLAG_NAMES[flag] ?? '';
}

/** Why a card is out of the queue, for the row's label. */
export function queueLabel(queue: number): string {
  return queue === 1 ? 'suspended' : queue >= 2 ? 'buried' : '';
}
