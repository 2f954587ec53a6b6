/**
 * The real review log in ../shared/fixtures/revlog (one learner's answers, card by card) and the
 * Anki collection it stands for, built by test/support/anki-collection. Tests that read it skip
 * where ../shared is absent (see haveShared).
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from './shared-dir';
import type { TestAnkiCard, TestRevlogEntry } from './anki-collection';

export const REVLOG = ['fixtures', 'revlog', 'pyfsrs__review_logs_josh_1711744352250_to_1728234780857.csv'];
/** The import happens on 2024-10-07 at 12:00 UTC, after the last answer. */
export const IMPORT_AT = Date.UTC(2024, 9, 7, 12);
const DAY = 86_400_000;

export interface Answer {
  cardId: number;
  rating: number;
  at: number;
  durationMs: number;
}

export function readRevlog(): Map<number, Answer[]> {
  const lines = readFileSync(sharedPath(...REVLOG), 'utf8').trim().split('\n').slice(1);
  const byCard = new Map<number, Answer[]>();
  for (const line of lines) {
    const [card, rating, time, duration] = line.split(',');
    const a = { cardId: Number(card), rating: Number(rating), at: Date.parse(String(time)), durationMs: Number(duration) };
    const list = byCard.get(a.cardId);
    if (list) list.push(a);
    else byCard.set(a.cardId, [a]);
  }
  for (const list of byCard.values()) list.sort((x, y) => x.at - y.at);
  return byCard;
}

/**
 * The log as Anki would have written it: learning answers (type 0) until the first Good or Easy,
 * review answers (type 1), and after a lapse relearning answers (type 2) until the next pass.
 */
export function ankiCollection(byCard: Map<number, Answer[]>): { cards: TestAnkiCard[]; revlog: TestRevlogEntry[] } {
  const cards: TestAnkiCard[] = [];
  const revlog: TestRevlogEntry[] = [];
  const usedIds = new Set<number>();
  for (const [cardId, answers] of byCard) {
    let phase: 'learn' | 'review' | 'relearn' = 'learn';
    let lapses = 0;
    for (const [i, a] of answers.entries()) {
      const next = answers[i + 1];
      const gapDays = next ? Math.max(1, Math.round((next.at - a.at) / DAY)) : 1;
      const type = phase === 'learn' ? 0 : phase === 'review' ? 1 : 2;
      const passes = a.rating >= 3;
      if (phase === 'review' && a.rating === 1) {
        phase = 'relearn';
        lapses++;
      } else if (phase !== 'review' && passes) phase = 'review';
      let id = a.at;
      while (usedIds.has(id)) id++;
      usedIds.add(id);
      revlog.push({ id, cid: cardId, ease: a.rating, ivl: phase === 'review' ? gapDays : -600, factor: type === 0 && !passes ? 0 : 2500, time: a.durationMs, type });
    }
    const review = phase === 'review';
    cards.push({ id: cardId, type: review ? 2 : phase === 'learn' ? 1 : 3, queue: review ? 2 : 1, due: review ? 220 : Math.floor(IMPORT_AT / 1000), ivl: review ? 10 : 0, factor: 2500, reps: answers.length, lapses, left: 1 });
  }
  return { cards, revlog };
}

