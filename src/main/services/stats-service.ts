/**
 * The statistics screen's numbers (Anki 24.11's Statistics) for the whole collection or a deck
 * with its subdecks: aggregate SELECTs from the stats repo turned into charts by core/stats, with
 * retrievability from each card's preset scheduler (the same forgetting curve review and the
 * browser show). Study days follow the user's time zone and the collection's day-start hour.
 */
import type { Stats, StatsInput } from '../../shared/api/stats-contract';
import type { Clock } from '../core/clock';
import { studyDayNumber, studyDayStart } from '../core/day';
import { activityByDay, activityByHour, forecastByDay, type StudyTime } from '../core/stats/activity';
import { studyDayDate } from '../core/stats/day-date';
import {
  INTERVAL_EDGES,
  PERCENT_EDGES,
  STABILITY_EDGES,
  dayRangeLabel,
  distribution,
  percentRangeLabel,
  type ValueGroup,
} from '../core/stats/distributions';
import { studyStreaks } from '../core/stats/streaks';
import { buttonCounts, trueRetention, type AnswerGroup } from '../core/stats/true-retention';
import { newCardState, type CardState, type CardStateCode, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';
import type { StatsScope } from '../db/repos/stats-repo';
import type { DeckService } from './deck-service';
import type { SettingsService } from './settings-service';

const HEATMAP_DAYS = 365;

export function createStatsService(repos: Repos, settings: SettingsService, decks: DeckService, clock: Clock) {
  /** Retrievability now of every answered card in scope, as whole percent points. */
  function retrievabilityGroups(scope: StatsScope, now: number): ValueGroup[] {
    const schedulers = new Map<number, Scheduler>();
    const schedulerOf = (deckId: number): Scheduler => {
      const presetId = decks.presetOf(deckId) ?? -1;
      let s = schedulers.get(presetId);
      if (!s) {
        s = presetId === -1 ? settings.scheduler() : settings.schedulerForPreset(presetId);
        schedulers.set(presetId, s);
      }
      return s;
    };
    const card: CardState = newCardState(now);
    const groups = Array.from({ length: 101 }, (_, value) => ({ value, cards: 0, sum: 0 }));
    for (const [deckId, state, stability, difficulty, lastReview] of repos.stats.memory(scope)) {
      card.state = state as CardStateCode;
      card.stability = stability;
      card.difficulty = difficulty;
      card.lastReview = lastReview;
      const r = schedulerOf(deckId).retrievability(card, now);
      if (r === null) continue;
      const g = groups[Math.min(100, Math.max(0, Math.floor(r * 100)))]!;
      g.cards += 1;
      g.sum += r * 100;
    }
    return groups.filter((g) => g.cards > 0);
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
      const counts = repos.stats.cardCounts(scope);
      const due = repos.stats.dueByQuarterHour(scope, dayStart(today), dayStart(today + range));
      const forecast = forecastByDay(due, today, range, time);
      const overdue = due.reduce((n, r) => (r.bucket < 0 ? n + r.cards : n), 0);

      const activity = repos.stats.activity(scope);
      const days = activityByDay(activity, time);
      const streaks = studyStreaks(
        days.map((d) => d.day),
        today,
      );
      const yearStart = today - HEATMAP_DAYS + 1;
      const lastYear = days.filter((d) => d.day >= yearStart && d.day <= today);
      const rangeStart = today - range + 1;
      const inRange = new Map(days.filter((d) => d.day >= rangeStart && d.day <= today).map((d) => [d.day, d]));

      const answers: AnswerGroup[] = repos.stats
        .answers(scope, {
          d0: dayStart(today),
          d1: dayStart(today - 1),
          d6: dayStart(today - 6),
          d29: dayStart(today - 29),
          d89: dayStart(today - 89),
          d364: dayStart(today - 364),
          end: dayStart(today + 1),
        })
        .map((a) => ({ ...a, mature: a.mature === 1 }));

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
        stability: distribution(repos.stats.stability(scope), STABILITY_EDGES, dayRangeLabel),
        difficulty: distribution(repos.stats.difficulty(scope), PERCENT_EDGES, percentRangeLabel),
        retrievability: distribution(retrievabilityGroups(scope, now), PERCENT_EDGES, percentRangeLabel),
        intervals: distribution(repos.stats.intervals(scope), INTERVAL_EDGES, dayRangeLabel),
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

  return { get };
}
export type StatsService = ReturnType<typeof createStatsService>;
