/**
 * The interview planner on a real SQLite collection: previews, saving and stopping a plan, the
 * review screen's status, readiness per topic, the simulator, and bad input refused with nothing written.
 */
import { FSRS, generatorParameters } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan, PlanStatus, Readiness, Simulation } from '../../src/shared/api/plan-contract';
import { openPlanCollection, PLAN_NOW, quizAnswer, type PlanCollection } from '../support/plan-collection';
import type { TempApp } from '../support/temp-app';

const NOW = PLAN_NOW;
const DAY = 86_400_000;
let t: TempApp;
let c: PlanCollection;

beforeEach(() => {
  ({ t, c } = openPlanCollection());
});
afterEach(() => t.dispose());

const plans = () => (t.app.services.repos.db.prepare('SELECT count(*) AS n FROM interview_plans').get() as { n: number }).n;
const settings = (over: Record<string, unknown> = {}) => ({ interviewDate: '2026-04-09', minutesPerDay: 30, scope: { deckIds: [c.interview], tags: [] }, ...over });

describe('plan.preview', () => {
  it('plans the scope (a deck with its subdecks) to the date, weakest topic first, writing nothing', async () => {
    const plan = await t.call<Plan>('plan.preview', settings());
    expect(plan.cardsInScope).toBe(60);
    expect(plan.unlearned).toBe(40);
    expect(plan.today).toBe('2026-03-10');
    expect(plan.daysLeft).toBe(30);
    expect(plan.days).toHaveLength(30);
    expect(plan.days[0]!.date).toBe('2026-03-10');
    expect(plan.days.at(-1)!.date).toBe('2026-04-08');
    expect(plan.days.reduce((n, d) => n + d.newCards, 0)).toBe(40);
    expect(plan.fits).toBe(true);
    expect(plan.problem).toBeNull();
    // The planner picks the retentions (core/plan); they never fall as the date nears, nor pass 0.95.
    for (let i = 1; i < plan.days.length; i++) expect(plan.days[i]!.desiredRetention).toBeGreaterThanOrEqual(plan.days[i - 1]!.desiredRetention);
    expect(plan.days.at(-1)!.desiredRetention).toBeLessThanOrEqual(0.95);
    expect(plan.projectedReadiness).toBeGreaterThan(plan.readinessNow);
    // No history: the defaults.
    expect(plan.timesFromHistory).toBe(false);
    expect(plan.secondsPerReview).toBe(10);
    expect(plan.secondsPerNewCard).toBe(30);
    expect(plan.topics.map((x) => x.tag).sort()).toEqual(['aws', 'sql']);
    expect(plan.topics[0]!.readiness).toBeLessThanOrEqual(plan.topics[1]!.readiness);
    expect(plan.topics[1]!.readiness).toBeGreaterThan(0);
    expect(plan.topics.find((x) => x.tag === 'sql')).toMatchObject({ cards: 30, learned: 10 });
    expect(plans()).toBe(0);
    expect((await t.call<{ plan: Plan | null }>('plan.get')).plan).toBeNull();
  });

  it('a tag scope takes the tagged cards of every deck', async () => {
    const plan = await t.call<Plan>('plan.preview', settings({ scope: { deckIds: [], tags: ['AWS'] } }));
    expect(plan.cardsInScope).toBe(30);
    expect(plan.topics.map((x) => x.tag)).toEqual(['AWS']);
  });

  it('uses the median of the user\'s own answer times once there is history', async () => {
    const log = t.app.services.repos.db.prepare(
      'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind) VALUES (?, ?, 3, ?, 1, 1, ?, 0)',
    );
    for (let i = 0; i < 25; i++) log.run(c.cards.sql0!, NOW - (i + 2) * DAY, 2, (i % 2 === 0 ? 6 : 8) * 1000);
    for (let i = 0; i < 25; i++) {
      log.run(c.cards[`aws${i % 10}`]!, NOW - (i + 40) * DAY, 0, 20_000);
      log.run(c.cards[`aws${i % 10}`]!, NOW - (i + 40) * DAY + 600_000, 1, 16_000);
    }
    const plan = await t.call<Plan>('plan.preview', settings());
    expect(plan.timesFromHistory).toBe(true);
    expect(plan.secondsPerReview).toBe(6);
    expect(plan.secondsPerNewCard).toBe(36);
  });

  it('says plainly when it cannot fit and what would make it fit (600 new cards, 3 days, 20 minutes)', async () => {
    const db = t.app.services.repos.db;
    db.transaction(() => {
      for (let i = 0; i < 560; i++) c.add(c.aws, ['aws']);
    })();
    const plan = await t.call<Plan>('plan.preview', settings({ interviewDate: '2026-03-13', minutesPerDay: 20 }));
    expect(plan.unlearned).toBe(600);
    expect(plan.fits).toBe(false);
    expect(plan.problem).toMatch(/600 new cards/);
    expect(plan.problem).toMatch(/budget of 20 minutes/);
    expect(plan.suggestions.some((s) => /Study about \d+ minutes a day/.test(s))).toBe(true);
    expect(plan.suggestions.some((s) => /Move the interview to \d{4}-\d\d-\d\d or later/.test(s))).toBe(true);
    expect(plan.suggestions.some((s) => /Prepare fewer cards/.test(s))).toBe(true);
  });
});

describe('bad input changes nothing', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a date in the past', { interviewDate: '2026-03-09' }, /interviewDate: 2026-03-09 is in the past/],
    ['a date more than two years away', { interviewDate: '2028-03-11' }, /interviewDate: .*more than two years away/],
    ['a date not in the calendar', { interviewDate: '2026-02-30' }, /interviewDate: 2026-02-30 is not a date/],
    ['a budget of 0', { minutesPerDay: 0 }, /at least 1 minute/],
    ['a budget above 24 hours', { minutesPerDay: 1441 }, /24 hours/],
    ['an empty scope', { scope: { deckIds: [], tags: [] } }, /at least one deck or topic/],
    ['an unknown deck', { scope: { deckIds: [999], tags: [] } }, /scope.deckIds: deck 999 does not exist/],
    ['a scope without cards', { scope: { deckIds: [], tags: ['nothing-tagged'] } }, /scope: .*no cards/],
  ];
  for (const [what, over, message] of cases) {
    it(`refuses ${what}`, async () => {
      for (const method of ['plan.preview', 'plan.set']) {
        const r = await t.app.dispatch(method, settings(over));
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('invalid_input');
          expect(r.error.message).toMatch(message);
        }
      }
      expect(plans()).toBe(0);
    });
  }

  it('refuses a readiness date in the past and a simulation of an empty deck', async () => {
    const r = await t.app.dispatch('readiness.get', { date: '2026-03-01' });
    expect(r.ok || r.error.message).toMatch(/date: 2026-03-01 is in the past/);
    const empty = Number(t.app.services.repos.db.prepare("INSERT INTO decks (name, created_at) VALUES ('Empty', 0)").run().lastInsertRowid);
    t.app.services.decks.invalidate();
    const s = await t.app.dispatch('simulate.run', { deckId: empty });
    expect(s.ok || s.error.message).toMatch(/deck "Empty" has no cards to simulate/);
  });
});

describe('plan.set, plan.get, plan.status, plan.clear', () => {
  it('keeps the plan, shows the status line, and forgets it when cleared or when its date has passed', async () => {
    expect((await t.call<{ status: PlanStatus | null }>('plan.status')).status).toBeNull();
    const set = await t.call<Plan>('plan.set', settings());
    const got = (await t.call<{ plan: Plan | null }>('plan.get')).plan!;
    expect(got.settings).toEqual(set.settings);
    expect(got.onTrack).toBe(true);
    const status = (await t.call<{ status: PlanStatus | null }>('plan.status')).status!;
    expect(status.daysLeft).toBe(30);
    expect(status.readiness).toBeCloseTo(set.readinessNow, 6);
    expect(status.label).toBe(`Interview in 30 days: ${Math.round(set.readinessNow * 100)}% ready, on track`);

    // A second plan replaces the first.
    await t.call<Plan>('plan.set', settings({ minutesPerDay: 45 }));
    expect(plans()).toBe(2);
    expect((await t.call<{ plan: Plan }>('plan.get')).plan.settings.minutesPerDay).toBe(45);

    expect(await t.call('plan.clear')).toEqual({ cleared: true });
    expect(await t.call('plan.clear')).toEqual({ cleared: false });
    expect((await t.call<{ plan: Plan | null }>('plan.get')).plan).toBeNull();
    expect((await t.call<{ status: PlanStatus | null }>('plan.status')).status).toBeNull();

    await t.call<Plan>('plan.set', settings({ interviewDate: '2026-03-12' }));
    expect((await t.call<{ status: PlanStatus }>('plan.status')).status.label).toMatch(/^Interview in 2 days: \d+% ready, on track$/);
    t.clock.set(NOW + 2 * DAY);
    expect((await t.call<{ status: PlanStatus }>('plan.status')).status.label).toMatch(/^Interview today: /);
    t.clock.set(NOW + 3 * DAY);
    expect((await t.call<{ plan: Plan | null }>('plan.get')).plan).toBeNull();
    expect((await t.call<{ status: PlanStatus | null }>('plan.status')).status).toBeNull();
  });

  it('keeps the shape it chose when it started: later days follow the same retentions, not a plan chosen again', async () => {
    const set = await t.call<Plan>('plan.set', settings());
    const stored = JSON.parse((t.app.services.repos.db.prepare('SELECT snapshot FROM interview_plans').get() as { snapshot: string }).snapshot) as {
      shape: { startRetention: number; finalRetention: number };
    };
    expect(stored.shape.startRetention).toBeCloseTo(set.days[0]!.desiredRetention, 6);
    t.clock.set(NOW + 9 * DAY);
    const later = (await t.call<{ plan: Plan }>('plan.get')).plan;
    const byDate = new Map(set.days.map((d) => [d.date, d.desiredRetention]));
    expect(later.days).toHaveLength(21);
    for (const d of later.days) expect(d.desiredRetention).toBeCloseTo(byDate.get(d.date)!, 6);
    // A preview of the same settings on that day chooses afresh.
    const fresh = await t.call<Plan>('plan.preview', settings());
    expect(fresh.days).toHaveLength(21);
  });

  it('is behind plan when the planned new cards were not studied', async () => {
    const set = await t.call<Plan>('plan.set', settings());
    expect(set.days[0]!.newCards + set.days[1]!.newCards).toBeGreaterThan(3);
    t.clock.set(NOW + 2 * DAY);
    const status = (await t.call<{ status: PlanStatus }>('plan.status')).status;
    expect(status.onTrack).toBe(false);
    expect(status.label).toMatch(/^Interview in 28 days: \d+% ready, behind plan$/);
    expect((await t.call<{ plan: Plan }>('plan.get')).plan.onTrack).toBe(false);
  });
});

describe('readiness.get', () => {
  it('gives each topic\'s mean retrievability on the date, weakest first, beside recent quiz accuracy', async () => {
    quizAnswer(t, c.cards.sql0!, ['sql'], 1, NOW - 2 * DAY);
    quizAnswer(t, c.cards.sql1!, ['sql'], 0.5, NOW - 3 * DAY);
    quizAnswer(t, c.cards.aws0!, ['aws'], 0, NOW - 60 * DAY);
    const r = await t.call<Readiness>('readiness.get', { deckId: c.interview });
    expect(r.date).toBe('2026-03-10');
    expect(r.cards).toBe(60);
    expect(r.topics.map((x) => x.tag)).toEqual(['aws', 'sql']);
    const [aws, sql] = r.topics as [Readiness['topics'][0], Readiness['topics'][0]];
    // 10 of 30 cards studied in each topic: readiness is at most a third.
    expect(sql.readiness).toBeLessThan(1 / 3);
    expect(sql.readiness).toBeGreaterThan(aws.readiness);
    expect(sql).toMatchObject({ cards: 30, learned: 10, quizAccuracy: 0.75, quizAnswers: 2 });
    // The aws quiz answer is older than 30 days.
    expect(aws).toMatchObject({ quizAccuracy: null, quizAnswers: 0 });
    const later = await t.call<Readiness>('readiness.get', { deckId: c.interview, date: '2026-05-01', quizDays: 90 });
    expect(later.overall).toBeLessThan(r.overall);
    expect(later.topics.find((x) => x.tag === 'aws')).toMatchObject({ quizAccuracy: 0, quizAnswers: 1 });
    // Each topic's figure is the mean of ts-fsrs's forgetting curve over its cards on that day
    // (study days from 04:00 UTC), cards never studied counting 0.
    const fsrs = new FSRS(generatorParameters());
    const studyDay = (ms: number) => Math.floor((ms - 4 * 3_600_000) / DAY);
    const onDay = Date.UTC(2026, 4, 1) / DAY;
    for (const topic of later.topics) {
      const rows = t.app.services.repos.db
        .prepare(
          `SELECT c.state, c.stability, c.last_review AS lastReview FROM cards c JOIN note_tags nt ON nt.note_id = c.note_id
           WHERE nt.tag = ? AND c.suspended <> 1 AND c.deck_id IN (SELECT id FROM decks WHERE id = ? OR parent_id = ?)`,
        )
        .all(topic.tag, c.interview, c.interview) as { state: number; stability: number; lastReview: number | null }[];
      const recall = rows.map((x) => (x.state === 0 || x.lastReview === null || x.stability <= 0 ? 0 : fsrs.forgetting_curve(onDay - studyDay(x.lastReview), x.stability)));
      expect(topic.cards).toBe(rows.length);
      expect(topic.learned).toBe(recall.filter((x) => x > 0).length);
      expect(topic.readiness).toBeCloseTo(recall.reduce((a, b) => a + b, 0) / rows.length, 6);
    }
    const all = await t.call<Readiness>('readiness.get', {});
    expect(all.cards).toBe(70);
    expect(all.topics.map((x) => x.tag)).toContain('other');
  });
});

describe('simulate.run', () => {
  it('compares retentions on the deck\'s cards: more reviews for a higher retention, the best knowledge per minute marked', async () => {
    const s = await t.call<Simulation>('simulate.run', { deckId: c.interview, days: 30, retentions: [0.95, 0.8] });
    expect(s.cards).toBe(60);
    expect(s.currentRetention).toBe(0.9);
    expect(s.rows.map((r) => r.desiredRetention)).toEqual([0.8, 0.95]);
    expect(s.rows[0]!.perDay).toHaveLength(30);
    expect(s.rows[0]!.perDay[0]!.date).toBe('2026-03-10');
    expect(s.rows[1]!.reviews).toBeGreaterThan(s.rows[0]!.reviews);
    const best = s.rows.reduce((a, b) => (b.knowledgePerMinute > a.knowledgePerMinute ? b : a));
    expect(s.bestRetention).toBe(best.desiredRetention);
    const again = await t.call<Simulation>('simulate.run', { deckId: c.interview, days: 30, retentions: [0.95, 0.8] });
    expect(again).toEqual(s);
  });
});
