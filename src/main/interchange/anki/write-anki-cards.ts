/**
 * Retain's card state in Anki's v2 scheduler fields (type, queue, due, interval, ease, FSRS
 * memory state in `cards.data`), and review-log row types; see write-anki-package.ts for the mapping.
 */
import { DAY_MS, DEFAULT_FACTOR } from './anki-schema-11';
import type { ExportCard, ExportReview } from './anki-package-input';

// Cards and review log

interface CardRow {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  left: number;
  data: string;
}

function dayNumber(epochMs: number, crtMs: number): number {
  return Math.floor((epochMs - crtMs) / DAY_MS);
}

export function isDayBased(card: ExportCard): boolean {
  return card.state === 2 || ((card.state === 1 || card.state === 3) && card.scheduledDays >= 1);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function cardRow(card: ExportCard, position: number, crtMs: number): CardRow {
  const memory =
    card.state !== 0 && card.stability > 0
      ? JSON.stringify({ s: round(card.stability, 4), d: round(card.difficulty, 3) })
      : '';
  const interval = Math.max(1, Math.round(card.scheduledDays));
  let row: CardRow;
  switch (card.state) {
    case 0:
      row = { type: 0, queue: 0, due: position, ivl: 0, factor: 0, left: 0, data: '' };
      break;
    case 1:
    case 3: {
      const dayLearn = isDayBased(card);
      row = {
        type: card.state === 1 ? 1 : 3,
        queue: dayLearn ? 3 : 1,
        due: dayLearn ? dayNumber(card.due, crtMs) : Math.floor(card.due / 1000),
        ivl: card.state === 3 ? interval : 0,
        factor: DEFAULT_FACTOR,
        left: 1001,
        data: memory,
      };
      break;
    }
    case 2:
      row = {
        type: 2,
        queue: 2,
        due: dayNumber(card.due, crtMs),
        ivl: interval,
        factor: DEFAULT_FACTOR,
        left: 0,
        data: memory,
      };
      break;
  }
  if (card.suspended) row.queue = -1;
  return row;
}

export const REVLOG_TYPE: Record<ExportReview['state'], number> = { 0: 0, 1: 0, 2: 1, 3: 2 };
