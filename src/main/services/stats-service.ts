/**
 * The statistics screen's numbers (Anki 24.11's Statistics) for the whole collection or a deck
 * with its subdecks: aggregate SELECTs from the stats repo turned into charts by core/stats, with
 * retrievability from each card's preset scheduler (the same forgetting curve review and the
 * browser show). Study days follow the user's time zone and the collection's day-start hour.
 */
import { FSRSAlgorithm, generatorParameters } from 'ts-fsrs';
import type { Calibration, CalibrationInput, Stats, StatsInput } from '../../shared/api/stats-contract';
import type { Clock } from '../core/clock';
import { studyDayCounter, studyDayNumber, studyDayStart } from '../core/day';
import { QUARTER_HOUR_MS, activityByDay, activityByHour, forecastByDay, type StudyTime } from '../core/stats/activity';
import { createCalibration, type MemoryModel } from '../core/stats/calibration';
import { studyDayDate } from '../core/stats/day-date';
import {
  INTERVAL_EDGES,
  PERCENT_EDGES,
  STABILITY_EDGES,
  dayRangeLabel,
  distribution,
  percentRangeLabel,
} from '../core/stats/distributions';
import { createCardPass } from '../core/stats/card-pass';
import { studyStreaks } from '../core/stats/streaks';
import { countedKinds, createLogPass } from '../core/stats/log-pass';
import { buttonCounts, trueRetention } from '../core/stats/true-retention';
import { newCardState, type CardState, type CardStateCode, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';
import type { StatsScope } from '../db/repos/stats-repo';
import type { DeckService } from './deck-service';
import { presetWeights, type SettingsService } from './settings-service';

const HEATMAP_DAYS = 365;

export function createStatsService(repos: Repos, settings: SettingsService, decks: DeckService, clock: Clock) {
  /**
   * Retrievability now of an answered card, from its deck's preset scheduler (the curve review and
   * the browser show). The schedulers are made first: nothing may query the database during a pass.
   */
  function retrievabilityNow(now: number): (deckId: number, state: number, stability: number, difficulty: number, lastReview: number) => number | null {
    const byDeck = new Map<number, Scheduler>();
    for (const d of repos.decks.list()) byDeck.set(d.id, settings.schedulerForPreset(d.presetId));
    const fallback = settings.scheduler();
    const card: CardState = newCardState(now);
    return (deckId, state, stability, difficulty, lastReview) => {
      card.state = state as CardStateCode;
      card.stability = stability;
      card.difficulty = difficulty;
      card.lastReview = lastReview;
      return (byDeck.get(deckId) ?? fallback).retrievability(card, now);
    };
  }

  function get(input: StatsInput): Stats {
    const now = clock.now();
    const deck = input.deckId === null ? null : decks.node(input.deckId);
    const scope: StatsScope = { deckIds: deck ? deck.subtree : null, includeQuiz: input.includeQuiz };
    const time: StudyTime = { rolloverHour: settings.collection().dayStartHour, timeZone: settings.timeZone() };
    const today = studyDayNumber(now, time.rolloverHour, time.timeZone);
    const dayStart = (day: number) => studyDayStart(day, time.rolloverHour, time.timeZone);
    const range = input.forecastDays;

    // One read transaction (deferred: it writes nothing), so every figure comes from the same snapshot.
    return repos.db.transaction((): Stats => {
      const retrievability = retrievabilityNow(now);
      const cardPass = createCardPass({ from: dayStart(today), to: dayStart(today + range), retrievability });
      repos.stats.visitCards(scope, cardPass.visit);
      const cards = cardPass.result();
      const counts = cards.counts;
      const due = cards.due;
      const forecast = forecastByDay(due, today, range, time);
      const overdue = due.reduce((n, r) => (r.bucket < 0 ? n + r.cards : n), 0);

      const span = repos.stats.logSpan();
      const pass = createLogPass(
        {
          d0: dayStart(today),
          d1: dayStart(today - 1),
          d6: dayStart(today - 6),
          d29: dayStart(today - 29),
          d89: dayStart(today - 89),
          d364: dayStart(today - 364),
          end: dayStart(today + 1),
        },
        countedKinds(input.includeQuiz),
        span.first,
        span.last,
      );
      repos.stats.visitLog(scope, false, pass.visit);
      const { activity, answers } = pass.result();
      const days = activityByDay(activity, time);
      const streaks = studyStreaks(
        days.map((d) => d.day),
        today,
      );
      const yearStart = today - HEATMAP_DAYS + 1;
      const lastYear = days.filter((d) => d.day >= yearStart && d.day <= today);
      const rangeStart = today - range + 1;
      const inRange = new Map(days.filter((d) => d.day >= rangeStart && d.day <= today).map((d) => [d.day, d]));

      const perDay = Array.from({ length: range }, (_, i) => {
        const d = inRange.get(rangeStart + i);
        return { date: studyDayDate(rangeStart + i), reviews: d?.reviews ?? 0, minutes: (d?.durationMs ?? 0) / 60_000 };
      });
      return {
        empty: counts.total === 0,
        noHistory: days.length === 0,
        deckName: deck ? deck.path : null,
        includeQuiz: input.includeQuiz,
        rangeDays: range,
        today: studyDayDate(today),
        cardCounts: counts,
        heatmap: {
          days: lastYear.map((d) => ({ day: d.day, date: studyDayDate(d.day), reviews: d.reviews })),
          firstDay: yearStart,
          today,
          currentStreak: streaks.current,
          longestStreak: streaks.longest,
          daysStudied: lastYear.length,
        },
        forecast: {
          perDay: forecast.map((due, i) => ({ date: studyDayDate(today + i), due })),
          overdue,
          total: forecast.reduce((a, b) => a + b, 0),
        },
        trueRetention: trueRetention(answers),
        stability: distribution(cards.stability, STABILITY_EDGES, dayRangeLabel),
        difficulty: distribution(cards.difficulty, PERCENT_EDGES, percentRangeLabel),
        retrievability: distribution(cards.retrievability, PERCENT_EDGES, percentRangeLabel),
        intervals: distribution(cards.intervals, INTERVAL_EDGES, dayRangeLabel),
        buttons: buttonCounts(answers, range),
        activity: {
          days: perDay,
          reviews: perDay.reduce((n, d) => n + d.reviews, 0),
          minutes: perDay.reduce((n, d) => n + d.minutes, 0),
          daysStudied: inRange.size,
        },
        hours: activityByHour(activity, dayStart(rangeStart), time.timeZone),
      };
    }).deferred();
  }

  /**
   * The model of each deck's cards in scope: FSRS with its preset's parameters (ts-fsrs's defaults
   * without). `single`: one model serves every deck in scope, so the pass need not look up decks.
   * Read before the log pass: nothing may query the database while the pass runs.
   */
  function modelsByDeck(deckIds: readonly number[] | null): { modelOf: (deckId: number) => MemoryModel; single: MemoryModel | null } {
    const inScope = deckIds === null ? null : new Set(deckIds);
    const byPreset = new Map<number, MemoryModel>();
    const byDeck = new Map<number, MemoryModel>();
    for (const d of repos.decks.list()) {
      if (inScope && !inScope.has(d.id)) continue;
      let model = byPreset.get(d.presetId);
      if (!model) {
        const w = presetWeights(repos.settings.presetConfig(d.presetId));
        model = new FSRSAlgorithm(generatorParameters({ enable_short_term: true, ...(w ? { w } : {}) }));
        byPreset.set(d.presetId, model);
      }
      byDeck.set(d.id, model);
    }
    const fallback = new FSRSAlgorithm(generatorParameters({ enable_short_term: true }));
    const only = byPreset.size === 1 ? [...byPreset.values()][0]! : null;
    return { modelOf: (deckId) => byDeck.get(deckId) ?? fallback, single: only };
  }

  function calibration(input: CalibrationInput): Calibration {
    const deck = input.deckId === null ? null : decks.node(input.deckId);
    const scope: StatsScope = { deckIds: deck ? deck.subtree : null, includeQuiz: input.includeQuiz };
    const dayOf = studyDayCounter(settings.collection().dayStartHour, settings.timeZone());
    const models = modelsByDeck(scope.deckIds);
    const single = models.single;
    const check = createCalibration({ modelOf: single ? () => single : models.modelOf, dayOf, kinds: countedKinds(input.includeQuiz) });
    repos.db
      .transaction(() =>
        repos.stats.visitLog(scope, single === null, (cardId, quarter, kind, rating, stateBefore, _elapsed, _interval, _ms, deckId) =>
          check.visit(cardId, quarter * QUARTER_HOUR_MS, kind, rating, stateBefore, deckId),
        ),
      )
      .deferred();
    return check.result();
  }

  return { get, calibration };
}
export type StatsService = ReturnType<typeof createStatsService>;
