import { describe, expect, it } from 'vitest';
import { studyDayCounter, studyDayNumber } from '../../src/main/core/day';
import { joinTrainingHistories, packAnswer, trainingChunks, trainingHistory, type TrainingCardLog } from '../../src/main/core/fsrs-training';
import { CardStates } from '../../src/main/core/scheduler';

const DAY = 86_400_000;
/** Study days are whole UTC days here. */
const dayOf = (t: number): number => Math.floor(t / DAY);
/** A review-log row: card id, answered at, rating, state before. */
type Row = readonly [cardId: number, answeredAt: number, rating: number, stateBefore: number];
const row = (cardId: number, day: number, rating: number, stateBefore: number, hour = 10): Row => [cardId, day * DAY + hour * 3_600_000, rating, stateBefore];
/** The rows (in card order, then time order) as the history repo reads them: one packed list per card. */
function cards(rows: readonly Row[]): TrainingCardLog[] {
  const out: number[][] = [];
  rows.forEach(([cardId, at, rating, state], i) => {
    if (i === 0 || (rows[i - 1] as Row)[0] !== cardId) out.push([]);
    (out.at(-1) as number[]).push(packAnswer(at, rating, state));
  });
  return out;
}

describe('trainingHistory (what an FSRS fit learns from)', () => {
  it('keeps a card from its first answer as a new card, with study days between answers', () => {
    const h = trainingHistory(
      cards([
        row(1, 10, 1, CardStates.New, 9),
        row(1, 10, 3, CardStates.Learning, 10), // same day: not a training review
        row(1, 12, 3, CardStates.Review),
        row(1, 20, 1, CardStates.Review),
        row(1, 20, 3, CardStates.Relearning, 11),
        row(1, 25, 4, CardStates.Review),
      ]),
      dayOf,
    );
    expect([...h.cardStarts]).toEqual([0, 6]);
    expect([...h.ratings]).toEqual([1, 3, 3, 1, 3, 4]);
    expect([...h.deltas]).toEqual([0, 0, 2, 8, 0, 5]);
    expect(h.cards).toBe(1);
    expect(h.reviews).toBe(3);
  });

  it('starts over at the last time a card was new (a reset card) and leaves out cards whose history does not reach back to it', () => {
    const h = trainingHistory(
      cards([
        row(1, 1, 3, CardStates.New),
        row(1, 5, 3, CardStates.Review),
        row(1, 9, 3, CardStates.New), // reset, learned again
        row(1, 11, 2, CardStates.Review),
        // Card 2's log starts with a review (imported without its learning answers): left out, as Anki does.
        row(2, 3, 3, CardStates.Review),
        row(2, 9, 3, CardStates.Review),
        // Card 3 answered once: nothing to learn from.
        row(3, 4, 3, CardStates.New),
        row(4, 2, 3, CardStates.New),
        row(4, 3, 3, CardStates.Review),
      ]),
      dayOf,
    );
    expect([...h.cardStarts]).toEqual([0, 2, 4]);
    expect([...h.ratings]).toEqual([3, 2, 3, 3]);
    expect([...h.deltas]).toEqual([0, 2, 0, 1]);
    expect(h.cards).toBe(2);
    expect(h.reviews).toBe(2);
  });

  it('counts days by the study day the caller gives, not by hours apart', () => {
    // 23:00 and 05:00 the next morning are a day apart when days start at midnight, the same day when they start at 6 am.
    const rows = cards([
      [7, 100 * DAY + 23 * 3_600_000, 3, CardStates.New],
      [7, 101 * DAY + 5 * 3_600_000, 3, CardStates.Learning],
    ]);
    expect(trainingHistory(rows, dayOf).reviews).toBe(1);
    expect(trainingHistory(rows, (t) => Math.floor((t - 6 * 3_600_000) / DAY)).reviews).toBe(0);
  });

  it('is empty for an empty log', () => {
    const h = trainingHistory([], dayOf);
    expect([...h.cardStarts]).toEqual([0]);
    expect(h.reviews).toBe(0);
    expect(h.cards).toBe(0);
  });
});

describe('trainingChunks (the history in pieces, for the fit thread to start on)', () => {
  /** `n` cards of 2 to 12 answers each, a day or more apart, some with an answer of no grade. */
  function manyCards(n: number): TrainingCardLog[] {
    const out: number[][] = [];
    for (let c = 0; c < n; c++) {
      const log: number[] = [packAnswer((c % 30) * DAY, 1 + (c % 4), CardStates.New)];
      for (let k = 1; k < 2 + (c % 11); k++) log.push(packAnswer(((c % 30) + k * (1 + (c % 3))) * DAY, k % 7 === 0 ? 0 : 1 + ((c + k) % 4), CardStates.Review));
      out.push(log);
    }
    return out;
  }

  it('starts with small pieces that double up to the full size, cut at card boundaries, and joins back to the whole', () => {
    const log = manyCards(3000);
    const whole = trainingHistory(log, dayOf);
    const pieces = [...trainingChunks(log, dayOf, 400, 25)];
    // Each piece holds whole cards and reaches its size (25, 50, 100, 200, then 400 answers) except the last.
    const sizes = pieces.map((p) => p.ratings.length);
    [25, 50, 100, 200, 400, 400].forEach((size, i) => {
      expect(sizes[i]).toBeGreaterThanOrEqual(size);
      // A piece ends with the card that filled it: less than one card (12 answers) over its size.
      expect(sizes[i]).toBeLessThan(size + 12);
    });
    for (const p of pieces) expect(p.cardStarts[p.cards]).toBe(p.ratings.length);
    const joined = joinTrainingHistories(pieces);
    expect([...joined.cardStarts]).toEqual([...whole.cardStarts]);
    expect([...joined.ratings]).toEqual([...whole.ratings]);
    expect([...joined.deltas]).toEqual([...whole.deltas]);
    expect(joined.reviews).toBe(whole.reviews);
    expect(joined.cards).toBe(3000);
    // Enough answers that the arrays being filled grow more than once.
    expect(whole.ratings.length).toBeGreaterThan(4 * 4096);
    expect(whole.ratings.every((r) => r >= 1 && r <= 4)).toBe(true);
  });
});

describe('studyDayCounter (study days of many instants)', () => {
  it('agrees with studyDayNumber minute by minute across DST changes and half-hour zones', () => {
    for (const [zone, rollover] of [['Europe/Berlin', 4], ['Asia/Kolkata', 4], ['Australia/Adelaide', 0], ['America/St_Johns', 12]] as const) {
      const dayOf = studyDayCounter(rollover, zone);
      // Around the 2024 spring change in Europe and the 2024 autumn change in Adelaide, every 7 minutes for 3 days.
      for (const start of [Date.UTC(2024, 2, 30), Date.UTC(2024, 3, 6)]) {
        for (let t = start; t < start + 3 * DAY; t += 7 * 60_000 + 13_000) {
          expect(dayOf(t), `${zone} ${new Date(t).toISOString()}`).toBe(studyDayNumber(t, rollover, zone));
        }
      }
    }
  });
});
