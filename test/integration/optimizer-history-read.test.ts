/**
 * What "Optimize" reads: the review log of a preset's cards, card by card in card order, each
 * card's answers oldest first, packed as the fit expects. Checked on a real collection whether
 * every deck uses the preset (the whole log is read) or only some do (the preset's decks are
 * picked out), with answers written out of time order, quiz answers only when asked for and
 * answers without a grade (manual) never.
 */
import { describe, expect, it } from 'vitest';
import { packAnswer } from '../../src/main/core/fsrs-training';
import { CardStates } from '../../src/main/core/scheduler';
import { REVIEW_KINDS } from '../../src/shared/enums';
import { tempApp } from '../support/temp-app';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6, 9, 0);

interface Written {
  cardId: number;
  deckId: number;
  at: number;
  rating: number;
  state: number;
  kind: number;
}

describe("the review history a preset's fit reads", () => {
  it("reads every card of the preset's decks in card order, answers oldest first, with or without other presets", async () => {
    const t = tempApp({ start: START });
    try {
      const repos = t.app.services.repos;
      const cards = repos.db.prepare('SELECT id AS cardId, deck_id AS deckId FROM cards ORDER BY id').all() as Array<{ cardId: number; deckId: number }>;
      const decks = [...new Set(cards.map((c) => c.deckId))];
      expect(decks.length).toBeGreaterThanOrEqual(2);
      // Every third card answered 1 to 7 times, the answers written newest first; some quiz and manual answers among them.
      const written: Written[] = [];
      cards.forEach(({ cardId, deckId }, k) => {
        if (k % 3 !== 0) return;
        const n = 1 + (k % 7);
        for (let j = n - 1; j >= 0; j--) {
          const kind = j === 2 && k % 2 === 0 ? REVIEW_KINDS.quiz : j === 4 ? REVIEW_KINDS.manual : k % 5 === 0 ? REVIEW_KINDS.imported : REVIEW_KINDS.review;
          const a: Written = { cardId, deckId, at: START + j * (1 + (k % 4)) * DAY + k * 60_000, rating: 1 + ((j + k) % 4), state: j === 0 ? CardStates.New : CardStates.Review, kind };
          written.push(a);
          repos.reviewLog.insert({ cardId, reviewedAt: a.at, rating: a.rating, stateBefore: a.state, elapsedDays: 0, scheduledDays: 0, durationMs: 5000, kind, cardBefore: null });
        }
      });
      expect(written.some((a) => a.kind === REVIEW_KINDS.quiz) && written.some((a) => a.kind === REVIEW_KINDS.manual)).toBe(true);

      /** What the preset's fit should read: its decks' cards with an answer of a kind it takes, in card order, oldest first. */
      const expected = (inDecks: readonly number[], includeQuiz: boolean): number[][] => {
        const kinds: number[] = [REVIEW_KINDS.review, REVIEW_KINDS.imported, ...(includeQuiz ? [REVIEW_KINDS.quiz] : [])];
        const byCard = new Map<number, Written[]>();
        for (const a of written) {
          if (!inDecks.includes(a.deckId) || !kinds.includes(a.kind)) continue;
          byCard.set(a.cardId, [...(byCard.get(a.cardId) ?? []), a]);
        }
        return [...byCard.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, answers]) => answers.sort((a, b) => a.at - b.at).map((a) => packAnswer(a.at, a.rating, a.state)));
      };
      const read = (presetId: number, includeQuiz: boolean): number[][] => [...repos.fsrsHistory.presetLog(presetId, includeQuiz)].map((log) => [...log]);

      // Every deck uses the Default preset: its log is the whole log.
      expect(read(1, false)).toEqual(expected(decks, false));
      expect(read(1, true)).toEqual(expected(decks, true));
      expect(read(1, true).length).toBeGreaterThan(50);

      // One deck on a preset of its own: each preset reads its own decks' cards only.
      const [own, ...rest] = decks as [number, ...number[]];
      const { presetId: other } = await t.call<{ presetId: number }>('presets.create', { name: 'Other' });
      await t.call('deckOptions.setPreset', { deckId: own, presetId: other });
      expect(read(1, false)).toEqual(expected(rest, false));
      expect(read(1, true)).toEqual(expected(rest, true));
      expect(read(other, false)).toEqual(expected([own], false));
      expect(read(other, true)).toEqual(expected([own], true));
      expect(read(other, false).length).toBeGreaterThan(0);
      // A preset no deck uses reads nothing.
      const { presetId: unused } = await t.call<{ presetId: number }>('presets.create', { name: 'Unused' });
      expect(read(unused, true)).toEqual([]);
    } finally {
      t.dispose();
    }
  });
});
