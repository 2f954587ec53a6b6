/**
 * The review queue following an active interview plan on a real SQLite collection: the plan's new
 * cards per day in the scope's decks, its desired retention for answers on cards in scope (by deck
 * or by tag), review-ahead on the last days, and the presets again once the plan is stopped or its
 * date has passed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/shared/api/plan-contract';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import { createScheduler, type CardState } from '../../src/main/core/scheduler';
import { openPlanCollection, PLAN_NOW, type PlanCollection } from '../support/plan-collection';
import type { TempApp } from '../support/temp-app';

const NOW = PLAN_NOW;
const DAY = 86_400_000;
let t: TempApp;
let c: PlanCollection;

beforeEach(() => {
  ({ t, c } = openPlanCollection());
});
afterEach(() => t.dispose());

const session = (deckId: number) => t.call<ReviewSession>('review.next', { deckId });
const scope = () => ({ deckIds: [c.interview], tags: [] as string[] });

describe('new cards per day', () => {
  it('the plan\'s new cards replace the preset\'s limit in the scope\'s decks only, until the plan stops', async () => {
    expect((await session(c.interview)).counts.newCount).toBe(20);
    const plan = await t.call<Plan>('plan.set', { interviewDate: '2026-04-09', minutesPerDay: 30, scope: scope() });
    const planned = plan.days[0]!.newCards;
    expect(planned).toBeGreaterThan(1);
    expect(planned).toBeLessThan(20);
    const s = await session(c.interview);
    expect(s.counts.newCount).toBe(planned);
    expect((await session(c.aws)).counts.newCount).toBe(planned);
    expect((await session(c.other)).counts.newCount).toBe(10);
    // Introducing one of them leaves one fewer for today.
    const fresh = c.add(c.interview, ['sql']);
    await t.call('review.answer', { cardId: fresh, rating: 3, durationMs: 1000 });
    expect((await session(c.interview)).counts.newCount).toBe(planned - 1);
    await t.call('plan.clear');
    expect((await session(c.interview)).counts.newCount).toBe(19);
  });
});

/** Follow the active plan, but with these directives for today (what the planner could ask on some day). */
function planAsks(directives: { newToday: number; desiredRetention: number; reviewAheadBelow: number | null }): void {
  const { plans, queue } = t.app.services;
  queue.plan.connect((day) => {
    const real = plans.followDay(day);
    return real && { ...real, directives };
  });
}

describe('desired retention', () => {
  const memory = { stability: 30, lastReviewDaysAgo: 30, dueInDays: 0 };
  function expectedDue(cardId: number, desiredRetention: number, now = NOW): number {
    const cfg = t.app.services.settings.configForPreset(1);
    const row = t.app.services.repos.cards.get(cardId)!;
    const state: CardState = { ...row };
    return createScheduler({ ...cfg, desiredRetention }, { timeZone: 'UTC' }).schedule(state, now, 3, cardId).due;
  }
  async function answerAll(cards: Record<string, number>): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [name, id] of Object.entries(cards)) out[name] = (await t.call<{ due: number }>('review.answer', { cardId: id, rating: 3, durationMs: 1000 })).due;
    return out;
  }
  // Without fuzz and load balancing an interval is the scheduler's alone, so it can be worked out here.
  beforeEach(() => {
    t.app.services.settings.updateCollection({ fuzz: false, loadBalancing: false });
  });
  const three = () => ({ inDeck: c.add(c.interview, [], memory), tagged: c.add(c.other, ['aws'], memory), outside: c.add(c.other, [], memory) });
  const planSettings = { interviewDate: '2026-03-15', minutesPerDay: 60, scope: { deckIds: [] as number[], tags: ['AWS'] } };

  it('answers on cards in scope (by deck or by tag) use the plan\'s retention for the day; others keep the preset\'s', async () => {
    const cards = three();
    const plan = await t.call<Plan>('plan.set', { ...planSettings, scope: { deckIds: [c.interview], tags: ['AWS'] } });
    const r = plan.days[0]!.desiredRetention;
    const expected = { inDeck: expectedDue(cards.inDeck, r), tagged: expectedDue(cards.tagged, r), outside: expectedDue(cards.outside, 0.9) };
    expect(await answerAll(cards)).toEqual(expected);
  });

  it('a retention the plan raises makes intervals in scope shorter, and only there', async () => {
    const cards = three();
    await t.call<Plan>('plan.set', { ...planSettings, scope: { deckIds: [c.interview], tags: ['AWS'] } });
    planAsks({ newToday: 0, desiredRetention: 0.95, reviewAheadBelow: null });
    const expected = { inDeck: expectedDue(cards.inDeck, 0.95), tagged: expectedDue(cards.tagged, 0.95), outside: expectedDue(cards.outside, 0.9) };
    expect(expected.inDeck).toBeLessThan(expectedDue(cards.inDeck, 0.9));
    expect(await answerAll(cards)).toEqual(expected);
  });

  it('the presets apply again once the plan is stopped or its date has passed', async () => {
    await t.call<Plan>('plan.set', { ...planSettings, scope: scope() });
    planAsks({ newToday: 0, desiredRetention: 0.95, reviewAheadBelow: null });
    await t.call('plan.clear');
    const first = c.add(c.interview, [], memory);
    const preset = expectedDue(first, 0.9);
    expect(preset).toBeGreaterThan(expectedDue(first, 0.95));
    expect((await answerAll({ first })).first).toBe(preset);
    await t.call<Plan>('plan.set', { ...planSettings, interviewDate: '2026-03-11', scope: scope() });
    planAsks({ newToday: 0, desiredRetention: 0.95, reviewAheadBelow: null });
    t.clock.set(NOW + 2 * DAY);
    const later = c.add(c.interview, [], memory);
    const after = expectedDue(later, 0.9, NOW + 2 * DAY);
    expect((await answerAll({ later })).later).toBe(after);
  });
});

describe('review ahead', () => {
  it('cards in scope that would fall below target by the interview are due today; solid cards and other decks wait', async () => {
    // The aws cards (stability 3, last seen 2 days ago) are due in 1 to 3 days; the sql cards are solid.
    expect((await session(c.interview)).counts.dueCount).toBe(0);
    await t.call<Plan>('plan.set', { interviewDate: '2026-03-11', minutesPerDay: 60, scope: scope() });
    planAsks({ newToday: 0, desiredRetention: 0.95, reviewAheadBelow: 0.95 });
    expect((await session(c.interview)).counts.dueCount).toBe(10);
    const due = t.app.services.repos.db.prepare('SELECT id FROM cards WHERE state = 2 AND due < ? ORDER BY id').all(NOW + DAY) as Array<{ id: number }>;
    expect(due.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => c.cards[`aws${i}`]));
    expect((await session(c.other)).counts.dueCount).toBe(0);
  });

  it('records each card it brings forward for sync, as the state it now has', async () => {
    const s = t.app.services;
    s.repos.db.transaction(() => s.journal.start())();
    await t.call<Plan>('plan.set', { interviewDate: '2026-03-11', minutesPerDay: 60, scope: scope() });
    planAsks({ newToday: 0, desiredRetention: 0.95, reviewAheadBelow: 0.95 });
    await session(c.interview);
    const id = c.cards.aws0!;
    const key = s.repos.cards.sync.keyOf(id)!;
    const events = s.repos.sync.eventsOf(`card:${key.guid}/${key.ord}`);
    const last = events[events.length - 1]!;
    expect(last.type).toBe('card.state');
    expect((last.body as { state: { due: number } }).state.due).toBe(s.repos.cards.get(id)!.due);
    expect(key.syncHead).toBe(last.id);
  });

  it('follows the planner\'s own review-ahead: none while the interview is weeks away', async () => {
    const plan = await t.call<Plan>('plan.set', { interviewDate: '2026-04-09', minutesPerDay: 60, scope: scope() });
    expect(plan.days[0]!.reviewAhead).toBe(0);
    expect((await session(c.interview)).counts.dueCount).toBe(0);
  });
});
