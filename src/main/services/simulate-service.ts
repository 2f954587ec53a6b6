/**
 * "Help me decide": the forward model (core/plan/simulate) run on a deck's cards (or the whole
 * collection's) for each desired retention asked about, with the deck preset's new cards per day,
 * FSRS parameters and maximum interval, and the user's own seconds per answer.
 */
import { AppError } from '../../shared/api/errors';
import type { Simulation, SimulationRow } from '../../shared/api/plan-contract';
import type { Clock } from '../core/clock';
import { simulate } from '../core/plan/simulate';
import { studyDayDate } from '../core/stats/day-date';
import type { Repos } from '../db/repos';
import type { DeckService } from './deck-service';
import type { PlanScopeLoader } from './plan-scope';
import { DEFAULT_PRESET_ID, type SettingsService } from './settings-service';

export interface SimulateRequest {
  deckId: number | null;
  days: number;
  retentions: number[];
  seed: number;
}

export function createSimulateService(repos: Repos, settings: SettingsService, decks: DeckService, scope: PlanScopeLoader, clock: Clock) {
  return {
    run(input: SimulateRequest): Simulation {
      const today = scope.dayOf(clock.now());
      const cardScope = scope.deckScope(input.deckId);
      const presetId = input.deckId === null ? DEFAULT_PRESET_ID : (decks.presetOf(input.deckId) ?? DEFAULT_PRESET_ID);
      const { cards, times } = repos.db.transaction(() => ({ cards: scope.load(cardScope, []).cards, times: scope.answerTimes() })).deferred();
      if (cards.length === 0) {
        const where = input.deckId === null ? 'the collection has' : `deck "${decks.path(input.deckId)}" has`;
        throw new AppError('invalid_input', `deckId: ${where} no cards to simulate`);
      }
      const preset = settings.presetConfig(presetId);
      const model = scope.modelSettings(presetId, times);
      const retentions = [...new Set(input.retentions.map((r) => Math.round(r * 1000) / 1000))].sort((a, b) => a - b);
      const rows = retentions.map((desiredRetention): SimulationRow => {
        const r = simulate({ cards, settings: model, today, days: input.days, newPerDay: preset.newPerDay, desiredRetention, seed: input.seed });
        return {
          desiredRetention,
          minutesPerDay: r.totalMinutes / input.days,
          totalMinutes: r.totalMinutes,
          reviews: r.reviews,
          knowledge: r.knowledge,
          knowledgePerMinute: r.totalMinutes > 0 ? r.knowledge / r.totalMinutes : 0,
          perDay: r.days.map((d) => ({ date: studyDayDate(d.day), reviews: d.reviews, newCards: d.newCards, minutes: d.minutes, knowledge: d.knowledge })),
        };
      });
      const best = rows.reduce((a, b) => (b.knowledgePerMinute > a.knowledgePerMinute ? b : a));
      return {
        days: input.days,
        cards: cards.length,
        currentRetention: preset.desiredRetention,
        secondsPerReview: times.secondsPerReview,
        secondsPerNewCard: times.secondsPerNewCard,
        timesFromHistory: times.fromHistory,
        rows,
        bestRetention: best.desiredRetention,
      };
    },
  };
}
export type SimulateService = ReturnType<typeof createSimulateService>;
