import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { planDirectives, planInterview } from '../../src/main/core/plan/planner';
import { readinessOn, topicReadinessOn } from '../../src/main/core/plan/readiness';
import { simulate } from '../../src/main/core/plan/simulate';
import type { ModelCard, ModelSettings, PlanInput } from '../../src/main/core/plan/types';

const settings: ModelSettings = { weights: default_w, maximumIntervalDays: 36500, secondsPerReview: 10, secondsPerNewCard: 30 };

function newCards(n: number, topics: (i: number) => number[] = () => []): ModelCard[] {
  return Array.from({ length: n }, (_, i) => ({ isNew: true, stability: 0, difficulty: 0, lastReviewDay: null, dueDay: 0, topics: topics(i) }));
}

function studied(stability: number, lastReviewDay: number, topics: number[] = []): ModelCard {
  return { isNew: false, stability, difficulty: 5, lastReviewDay, dueDay: lastReviewDay + Math.round(stability), topics };
}

function planInput(cards: ModelCard[], days: number, minutesPerDay: number): PlanInput {
  return { cards, settings, today: 100, interviewDay: 100 + days, minutesPerDay, baseRetention: 0.9, finalRetention: 0.95, newIntroducedToday: 0, topicCount: 0, seed: 7 };
}

describe('readiness', () => {
  it('is the mean retrievability on the day, never-studied cards counting 0', () => {
    // FSRS defines stability as the days until retrievability falls to 90%.
    const cards = [studied(10, 0), studied(10, 0), ...newCards(2)];
    expect(readinessOn(cards, 10, default_w)).toBeCloseTo(0.45, 3);
    expect(readinessOn(cards, 0, default_w)).toBeCloseTo(0.5, 6);
    expect(readinessOn(cards, 40, default_w)).toBeLessThan(0.4);
    expect(readinessOn([], 10, default_w)).toBe(0);
  });

  it('is computed per topic, with counts of cards and of studied cards', () => {
    const cards = [studied(10, 0, [0]), studied(10, 0, [0, 1]), ...newCards(2, () => [1])];
    const t = topicReadinessOn(cards, 10, default_w, 3);
    expect(t.readiness[0]).toBeCloseTo(0.9, 3);
    expect(t.readiness[1]).toBeCloseTo(0.3, 3);
    expect(t.readiness[2]).toBe(0);
    expect(t.cards).toEqual([2, 3, 0]);
    expect(t.learned).toEqual([2, 1, 0]);
  });
});

describe('simulate', () => {
  const base = { cards: newCards(300), settings, today: 0, days: 30, newPerDay: 20, desiredRetention: 0.9, seed: 3 };

  it('introduces the new cards per day and is reproducible from its seed', () => {
    const a = simulate(base);
    expect(a.days).toHaveLength(30);
    expect(a.days.slice(0, 15).every((d) => Math.abs(d.newCards - 20) < 1e-9)).toBe(true);
    expect(a.days[20]?.newCards).toBe(0);
    expect(simulate(base)).toEqual(a);
    expect(simulate({ ...base, seed: 4 })).not.toEqual(a);
    expect(a.knowledge).toBeGreaterThan(200);
    expect(a.knowledge).toBeLessThan(300);
  });

  it('costs more reviews and keeps more knowledge at a higher desired retention', () => {
    const low = simulate({ ...base, desiredRetention: 0.8 });
    const high = simulate({ ...base, desiredRetention: 0.95 });
    expect(high.reviews).toBeGreaterThan(low.reviews * 1.3);
    expect(high.totalMinutes).toBeGreaterThan(low.totalMinutes);
    expect(high.knowledge).toBeGreaterThan(low.knowledge);
  });

  it('counts minutes from the median times per review and per new card, spread log-normally', () => {
    const r = simulate({ ...base, days: 1 });
    // Day one: 20 new cards at a median of 30 s (a mean of 30·e^(0.5²/2) ≈ 34 s each), nothing due yet.
    expect(r.days[0]?.minutes).toBeGreaterThan(20 * 0.5 * 1.05);
    expect(r.days[0]?.minutes).toBeLessThan(20 * 0.5 * 1.25);
    expect(r.reviews).toBe(0);
    const slower = simulate({ ...base, days: 1, settings: { ...settings, secondsPerNewCard: 60 } });
    expect(slower.days[0]?.minutes).toBeCloseTo(2 * (r.days[0]?.minutes ?? 0), 6);
  });
});

describe('planInterview', () => {
  it('says plainly when 600 new cards in 3 days do not fit 20 minutes, and what would', () => {
    const plan = planInterview(planInput(newCards(600), 3, 20));
    expect(plan.fits).toBe(false);
    expect(plan.minutesNeeded).toBeGreaterThan(90);
    expect(plan.cardsThatFit).toBeLessThan(200);
    expect(plan.earliestFittingDay).not.toBeNull();
    expect(plan.earliestFittingDay as number).toBeGreaterThan(115);
    expect(plan.days.every((d) => d.minutes <= 20 + 0.5)).toBe(true);
  });

  it('learns every card in time when the budget allows, retention rising to the end and review-ahead on the last days', () => {
    const input = planInput(newCards(300), 30, 30);
    const plan = planInterview(input);
    expect(plan.fits).toBe(true);
    expect(plan.cardsThatFit).toBe(300);
    expect(plan.days).toHaveLength(30);
    expect(plan.days.reduce((t, d) => t + d.newCards, 0)).toBe(300);
    const retention = plan.days.map((d) => d.desiredRetention);
    expect(retention.every((r, i) => i === 0 || r >= (retention[i - 1] as number))).toBe(true);
    expect(retention[29]).toBeGreaterThanOrEqual(0.9);
    expect(retention[0]).toBeGreaterThanOrEqual(0.65);
    expect(plan.shape.reviewAheadDays).toBeGreaterThan(0);
    expect(plan.days[29]?.reviewAheadBelow).toBe(plan.shape.reviewAheadBelow);
    expect(plan.days[29]?.reviewAhead).toBeGreaterThan(0);
    expect(plan.days[0]?.reviewAheadBelow).toBeNull();
    expect(plan.readinessNow).toBe(0);
    expect(plan.projectedReadiness).toBeGreaterThan(0.9);
    expect(plan.days.every((d) => d.minutes <= 30 + 1)).toBe(true);
    expect(plan.startDay).toBe(100);
    const directives = planDirectives(input, plan, 100);
    expect(directives.newToday).toBe(Math.ceil(300 / plan.shape.newSpanDays));
    expect(directives.desiredRetention).toBe(retention[0]);
    expect(directives.reviewAheadBelow).toBeNull();
    expect(planDirectives(input, plan, 130)).toEqual({ newToday: 0, desiredRetention: 0.95, reviewAheadBelow: null });
  });

  it('keeps the shape it was set with on later days, and makes up new cards left behind', () => {
    const input = planInput(newCards(300), 30, 30);
    const plan = planInterview(input);
    // Five days later nobody has studied: the new cards are spread over the days left of the span.
    const later = { ...input, today: 105, shape: plan.shape, startDay: plan.startDay, seed: 8 };
    const again = planInterview(later);
    expect(again.shape).toEqual(plan.shape);
    expect(again.startDay).toBe(100);
    expect(again.days).toHaveLength(25);
    const left = plan.shape.newSpanDays - 5;
    expect(planDirectives(later, again, 105).newToday).toBe(Math.ceil(300 / left));
    // Ten of them studied this morning: the day's allowance stays the same and includes them.
    const studiedToday = { ...later, cards: [...Array.from({ length: 10 }, () => studied(2, 105)), ...newCards(290)], newIntroducedToday: 10 };
    expect(planDirectives(studiedToday, again, 105).newToday).toBe(Math.ceil(300 / left));
  });

  it('projects topic readiness and counts new cards already introduced today in the day', () => {
    const cards = [...newCards(50, (i) => [i % 2]), studied(30, 95, [1])];
    const input = { ...planInput(cards, 10, 30), topicCount: 2, newIntroducedToday: 4 };
    const plan = planInterview(input);
    expect(plan.topicReadiness).toHaveLength(2);
    expect(plan.topicReadiness.every((r) => r > 0.8 && r <= 1)).toBe(true);
    expect(plan.days[0]?.newCards).toBeGreaterThanOrEqual(4);
    expect(plan.readinessNow).toBeCloseTo(readinessOn(cards, 110, default_w), 9);
  });

  it('plans the interview day itself, an empty scope and a budget of nothing without failing', () => {
    const cards = [studied(3, 95), studied(40, 90), ...newCards(5)];
    const onTheDay = planInterview({ ...planInput(cards, 0, 30) });
    expect(onTheDay.days.map((d) => d.day)).toEqual([100]);
    expect(onTheDay.projectedReadiness).toBeGreaterThanOrEqual(onTheDay.readinessNow);
    const empty = planInterview(planInput([], 10, 30));
    expect(empty).toMatchObject({ fits: true, projectedReadiness: 0, readinessNow: 0, cardsThatFit: 0 });
    const nothing = planInterview(planInput(newCards(50), 10, 0));
    expect(nothing.fits).toBe(false);
    expect(nothing.cardsThatFit).toBe(0);
    expect(nothing.earliestFittingDay).toBeNull();
    expect(nothing.days.every((d) => d.minutes === 0 && d.newCards === 0)).toBe(true);
  });

  it('plans a large scope on a sample, with counts and minutes for the whole scope', () => {
    const cards = newCards(30_000);
    const plan = planInterview(planInput(cards, 60, 300));
    const introduced = plan.days.reduce((t, d) => t + d.newCards, 0);
    expect(Math.abs(introduced - plan.cardsThatFit)).toBeLessThan(300);
    expect(plan.days.every((d) => d.minutes <= 300 * 1.05)).toBe(true);
    expect(plan.days.some((d) => d.minutes > 200)).toBe(true);
  });
});
