/**
 * The interview-date planner: a plan for a date, a daily budget and a scope (core/plan's planner
 * on the scope's cards, with the user's own answer times), saving and stopping it, the review
 * screen's one-line status, and what the scheduler follows each day (services/plan-follow.ts).
 */
import { AppError } from '../../shared/api/errors';
import { PLAN_LIMITS, type Plan, type PlanSettings, type PlanStatus } from '../../shared/api/plan-contract';
import type { Clock } from '../core/clock';
import { studyDayStart } from '../core/day';
import { MemoryModel } from '../core/plan/memory-model';
import { planDirectives, planInterview } from '../core/plan/planner';
import { cardReadiness, readinessOn } from '../core/plan/readiness';
import type { PlanInput, PlanResult, PlanShape } from '../core/plan/types';
import { studyDayDate } from '../core/stats/day-date';
import type { Repos } from '../db/repos';
import type { CardScope } from '../db/repos/plan-repo';
import type { DeckService } from './deck-service';
import type { FollowDay, PlanFollow } from './plan-follow';
import { dateDay, type PlanScopeLoader, type ScopeCards } from './plan-scope';
import { planAdvice, planStatusLabel } from './plan-words';
import { quizByTopic, topicRows } from './readiness-service';
import type { SettingsService } from './settings-service';
import { createCardEvents } from './sync/card-events';
import type { SyncJournal } from './sync/sync-journal';

const DAY_MS = 86_400_000;
const QUIZ_DAYS = 30;
/** The same plan for the same inputs. */
const PLAN_SEED = 1;

/** What is kept of a plan when it starts, to tell later whether the user is on track. */
interface PlanSnapshot {
  startDay: number;
  /** Cards studied at least once when the plan started. */
  learnedAtStart: number;
  /** New cards the plan introduces per day from `startDay`. */
  newByDay: number[];
  /** Readiness on the interview day if the user stopped at the end of each day from `startDay`. */
  readinessByDay: number[];
  projectedReadiness: number;
  /** What the planner chose when the plan started; later days keep it, so the plan is followed rather than chosen again each day. */
  shape?: PlanShape;
}

interface Computed {
  plan: Plan;
  input: PlanInput;
  result: PlanResult;
  loaded: ScopeCards;
  cardScope: CardScope;
}

/** Behind plan when fewer cards are learned than planned by more than this share of the scope (or 3 cards). */
const LEARNED_SLACK = 0.05;
/** Behind plan when readiness on the day (if the user stopped now) is this far under what the plan expected by now. */
const READINESS_SLACK = 0.03;

/** On track: the cards learned and the readiness so far keep up with what the plan expected by the end of yesterday. */
function onTrackOf(snapshot: PlanSnapshot, today: number, now: { learned: number; cards: number; readiness: number }): boolean {
  const daysDone = Math.max(0, today - snapshot.startDay);
  if (daysDone === 0) return true;
  const planned = snapshot.learnedAtStart + snapshot.newByDay.slice(0, daysDone).reduce((a, b) => a + b, 0);
  const learnedOk = now.learned >= Math.min(now.cards, planned) - Math.max(3, Math.ceil(now.cards * LEARNED_SLACK));
  const expected = snapshot.readinessByDay[Math.min(daysDone, snapshot.readinessByDay.length) - 1];
  return learnedOk && (expected === undefined || now.readiness >= expected - READINESS_SLACK);
}

function parseSnapshot(text: string): PlanSnapshot | null {
  try {
    const s = JSON.parse(text) as Partial<PlanSnapshot>;
    return typeof s.startDay === 'number' && typeof s.learnedAtStart === 'number' && Array.isArray(s.newByDay) && Array.isArray(s.readinessByDay)
      ? (s as PlanSnapshot)
      : null;
  } catch {
    return null;
  }
}

export function createPlanService(repos: Repos, settings: SettingsService, decks: DeckService, scope: PlanScopeLoader, follow: PlanFollow, clock: Clock, journal?: SyncJournal) {
  const cardEvents = createCardEvents(repos, journal);
  const dayStart = (day: number): number => studyDayStart(day, settings.collection().dayStartHour, settings.timeZone());
  const clamp = (x: number): number => Math.min(1, Math.max(0, x));

  /** The dates of a plan checked against today: not past, at most two years away. */
  function interviewDayOf(date: string, today: number): number {
    const day = dateDay(date, 'interviewDate');
    if (day < today) throw new AppError('invalid_input', `interviewDate: ${date} is in the past; choose today (${studyDayDate(today)}) or a later date`);
    if (day - today > PLAN_LIMITS.maxDaysAhead) {
      throw new AppError('invalid_input', `interviewDate: ${date} is more than two years away; choose a date up to ${studyDayDate(today + PLAN_LIMITS.maxDaysAhead)}`);
    }
    return day;
  }

  /** A saved plan's scope without the decks deleted since. */
  function liveScope(s: PlanSettings): PlanSettings {
    return { ...s, scope: { ...s.scope, deckIds: s.scope.deckIds.filter((id) => decks.presetOf(id) !== undefined) } };
  }

  function compute(s: PlanSettings, now: number, kept: PlanSnapshot | null = null): Computed {
    const today = scope.dayOf(now);
    const interviewDay = interviewDayOf(s.interviewDate, today);
    const cardScope = scope.cardScope(s.scope);
    const { loaded, times, introduced, quiz } = repos.db
      .transaction(() => ({
        loaded: scope.load(cardScope, s.scope.tags.length > 0 ? s.scope.tags : null),
        times: scope.answerTimes(),
        introduced: repos.plans.newIntroducedSince(cardScope, dayStart(today)),
        quiz: quizByTopic(repos, s.scope.tags.length > 0 ? null : cardScope.deckIds, now - QUIZ_DAYS * DAY_MS),
      }))
      .deferred();
    if (loaded.cards.length === 0) throw new AppError('invalid_input', 'scope: the chosen decks and topics hold no cards to prepare (suspended cards are left out)');
    const model = scope.modelSettings(loaded.presetId, times);
    const baseRetention = settings.presetConfig(loaded.presetId).desiredRetention;
    const input: PlanInput = {
      cards: loaded.cards,
      settings: model,
      today,
      interviewDay,
      minutesPerDay: s.minutesPerDay,
      baseRetention,
      finalRetention: Math.max(baseRetention, PLAN_LIMITS.finalRetention),
      newIntroducedToday: introduced,
      topicCount: loaded.topics.length,
      seed: PLAN_SEED,
      ...(kept?.shape ? { shape: kept.shape, startDay: kept.startDay } : {}),
    };
    const result = planInterview(input);
    const unlearned = loaded.cards.reduce((n, c) => n + (c.isNew ? 1 : 0), 0);
    const learned = loaded.topics.map(() => 0);
    for (const c of loaded.cards) if (!c.isNew) for (const t of c.topics) learned[t] = (learned[t] ?? 0) + 1;
    const advice = planAdvice({ result, unlearned, interviewDay, minutesPerDay: s.minutesPerDay });
    const plan: Plan = {
      settings: s,
      today: studyDayDate(today),
      daysLeft: interviewDay - today,
      cardsInScope: loaded.cards.length,
      unlearned,
      readinessNow: clamp(result.readinessNow),
      projectedReadiness: clamp(result.projectedReadiness),
      fits: result.fits,
      problem: advice.problem,
      suggestions: advice.suggestions,
      onTrack: true,
      secondsPerReview: model.secondsPerReview,
      secondsPerNewCard: model.secondsPerNewCard,
      timesFromHistory: times.fromHistory,
      days: result.days.map((d) => ({
        date: studyDayDate(d.day),
        newCards: Math.max(0, Math.round(d.newCards)),
        reviews: Math.max(0, Math.round(d.reviews)),
        reviewAhead: Math.max(0, Math.round(d.reviewAhead)),
        minutes: Math.max(0, d.minutes),
        desiredRetention: clamp(d.desiredRetention),
        projectedReadiness: clamp(d.projectedReadiness),
      })),
      topics: topicRows(loaded, { readiness: result.topicReadiness, learned }, quiz),
    };
    return { plan, input, result, loaded, cardScope };
  }

  /** The active plan and its settings, or null without one or once its date has passed. */
  function activeSettings(today: number): { settings: PlanSettings; snapshot: PlanSnapshot | null } | null {
    const row = repos.plans.active();
    if (!row) return null;
    let parsed: PlanSettings;
    try {
      parsed = liveScope({ interviewDate: row.interviewDate, minutesPerDay: row.minutesPerDay, scope: JSON.parse(row.scope) as PlanSettings['scope'] });
      if (dateDay(parsed.interviewDate, 'interviewDate') < today) return null;
    } catch {
      return null;
    }
    return { settings: parsed, snapshot: parseSnapshot(row.snapshot) };
  }

  /** The plan for today; null when the saved scope no longer holds cards (its decks were deleted). */
  function current(now: number): { computed: Computed; snapshot: PlanSnapshot | null } | null {
    const active = activeSettings(scope.dayOf(now));
    if (!active) return null;
    try {
      return { computed: compute(active.settings, now, active.snapshot), snapshot: active.snapshot };
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_input') return null;
      throw err;
    }
  }

  /** What the scheduler follows on a study day (the plan recomputed for that day). */
  function planDay(dayNumber: number): FollowDay | null {
    const c = current(clock.now());
    if (!c || dayNumber > c.computed.input.interviewDay) return null;
    const { input, result, loaded, cardScope } = c.computed;
    const model = new MemoryModel(input.settings.weights, input.settings.maximumIntervalDays);
    return {
      dayNumber,
      interviewDay: input.interviewDay,
      decks: loaded.deckIds,
      scopeDecks: new Set(cardScope.deckIds ?? []),
      tags: cardScope.tags,
      directives: planDirectives(input, result, dayNumber),
      reviewAhead(start: number, below: number): void {
        const ids = loaded.cards.flatMap((card, i) =>
          !card.isNew && card.dueDay > dayNumber && cardReadiness(card, input.interviewDay, model) < below ? [loaded.cardIds[i]!] : [],
        );
        repos.db
          .transaction(() => {
            // Another computer studies them from the same due date: each becomes its card's sync head.
            cardEvents.states(repos.cards.bringForward(ids, start));
          })
          .immediate();
      },
    };
  }
  follow.connect((dayNumber) => {
    try {
      return planDay(dayNumber);
    } catch {
      // A plan that cannot be worked out leaves the presets in charge; plan.get reports the problem.
      return null;
    }
  });

  return {
    /** What the scheduler follows on a study day (null without an active plan or after its date). */
    followDay: planDay,
    get(): { plan: Plan | null } {
      const now = clock.now();
      const c = current(now);
      if (!c) return { plan: null };
      const { plan } = c.computed;
      const figures = { learned: plan.cardsInScope - plan.unlearned, cards: plan.cardsInScope, readiness: plan.readinessNow };
      const onTrack = (c.snapshot === null || onTrackOf(c.snapshot, scope.dayOf(now), figures));
      return { plan: { ...plan, onTrack } };
    },
    preview(s: PlanSettings): Plan {
      return compute(s, clock.now()).plan;
    },
    set(s: PlanSettings): Plan {
      const now = clock.now();
      const { plan, input, result } = compute(s, now);
      const snapshot: PlanSnapshot = {
        startDay: input.today,
        shape: result.shape,
        learnedAtStart: plan.cardsInScope - plan.unlearned,
        newByDay: plan.days.map((d) => d.newCards),
        readinessByDay: plan.days.map((d) => d.projectedReadiness),
        projectedReadiness: plan.projectedReadiness,
      };
      repos.db
        .transaction(() =>
          repos.plans.start({
            interviewDate: s.interviewDate,
            minutesPerDay: s.minutesPerDay,
            scope: JSON.stringify(s.scope),
            snapshot: JSON.stringify(snapshot),
            createdAt: now,
          }),
        )
        .immediate();
      follow.invalidate();
      return plan;
    },
    clear(): { cleared: boolean } {
      const cleared = repos.db.transaction(() => repos.plans.stop(clock.now())).immediate();
      follow.invalidate();
      return { cleared };
    },
    /** The review screen's line: readiness on the day if the user stopped now, and whether the cards learned keep up with the plan. */
    status(): { status: PlanStatus | null } {
      const now = clock.now();
      const today = scope.dayOf(now);
      const active = activeSettings(today);
      if (!active) return { status: null };
      const s = active.settings;
      const interviewDay = dateDay(s.interviewDate, 'interviewDate');
      let cardScope: CardScope;
      try {
        cardScope = scope.cardScope(s.scope);
      } catch {
        return { status: null };
      }
      const loaded = repos.db.transaction(() => scope.load(cardScope, [])).deferred();
      if (loaded.cards.length === 0) return { status: null };
      const readiness = clamp(readinessOn(loaded.cards, interviewDay, scope.weightsOf(loaded.presetId)));
      const learned = loaded.cards.reduce((n, c) => n + (c.isNew ? 0 : 1), 0);
      const onTrack = active.snapshot === null || onTrackOf(active.snapshot, today, { learned, cards: loaded.cards.length, readiness });
      const daysLeft = interviewDay - today;
      return { status: { interviewDate: s.interviewDate, daysLeft, readiness, onTrack, label: planStatusLabel(daysLeft, readiness, onTrack) } };
    },
  };
}
export type PlanService = ReturnType<typeof createPlanService>;
