/**
 * A plan's or a readiness view's cards as the forward model sees them (core/plan): the scope's
 * cards with their memory state in study days, the topic tags they carry, the preset whose FSRS
 * parameters and retention stand for the scope, and the user's own seconds per answer.
 */
import { generatorParameters } from 'ts-fsrs';
import { AppError } from '../../shared/api/errors';
import { PLAN_LIMITS, type PlanScope } from '../../shared/api/plan-contract';
import { studyDayCounter, studyDayNumber } from '../core/day';
import type { ModelCard, ModelSettings } from '../core/plan/types';
import type { Repos } from '../db/repos';
import type { CardScope } from '../db/repos/plan-repo';
import type { DeckService } from './deck-service';
import { DEFAULT_PRESET_ID, presetWeights, type SettingsService } from './settings-service';

/** Answers needed before the user's own median replaces the default seconds per answer. */
const MIN_TIMED_ANSWERS = 20;
/** One answer counts at most this long (a card left open is not study time). */
const MAX_ANSWER_MS = 300_000;

export interface ScopeCards {
  cards: ModelCard[];
  /** Card ids, parallel to `cards`. */
  cardIds: number[];
  /** Topic tags, as `ModelCard.topics` indexes them. */
  topics: string[];
  /** Cards per topic, parallel to `topics`. */
  topicCards: number[];
  /** The preset most of the scope's cards follow. */
  presetId: number;
  /** Decks holding the scope's cards. */
  deckIds: Set<number>;
}

export interface AnswerTimes {
  secondsPerReview: number;
  secondsPerNewCard: number;
  fromHistory: boolean;
}

function median(values: number[]): number {
  const s = values.map((v) => Math.min(v, MAX_ANSWER_MS)).sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function createPlanScope(repos: Repos, settings: SettingsService, decks: DeckService) {
  const dayOf = (t: number): number => studyDayNumber(t, settings.collection().dayStartHour, settings.timeZone());

  /** Study-day numbers of many instants, each quarter hour worked out once (core/day.ts). */
  const dayCounter = (): ((t: number) => number) => studyDayCounter(settings.collection().dayStartHour, settings.timeZone());

  /** The plan's scope as card filters: each deck with its subdecks (unknown decks refused). */
  function cardScope(scope: PlanScope): CardScope {
    const deckIds = new Set<number>();
    for (const id of scope.deckIds) {
      if (decks.presetOf(id) === undefined) throw new AppError('invalid_input', `scope.deckIds: deck ${id} does not exist`);
      for (const d of decks.node(id).subtree) deckIds.add(d);
    }
    return { deckIds: [...deckIds], tags: scope.tags };
  }

  /** A deck with its subdecks, or the whole collection for null. */
  function deckScope(deckId: number | null): CardScope {
    return { deckIds: deckId === null ? null : decks.node(deckId).subtree, tags: [] };
  }

  /**
   * The scope's cards. `topicsOf` names the topics to keep: the given tags (matched without case,
   * reported as given), or with null every tag the cards carry.
   */
  function load(scope: CardScope, topicsOf: readonly string[] | null): ScopeCards {
    const rows = repos.plans.scopeCards(scope);
    const dayOfCard = dayCounter();
    const topicIndex = new Map<string, number>();
    const topics: string[] = [];
    const topicCards: number[] = [];
    for (const t of topicsOf ?? []) {
      if (topicIndex.has(t.toLowerCase())) continue;
      topicIndex.set(t.toLowerCase(), topics.length);
      topics.push(t);
      topicCards.push(0);
    }
    const cards: ModelCard[] = [];
    const cardIds: number[] = [];
    const deckCards = new Map<number, number>();
    const bySpelling = new Map<string, number>();
    let lastId = -1;
    let current: number[] | null = null;
    for (const [id, deckId, state, stability, difficulty, lastReview, due, tag] of rows) {
      if (id !== lastId) {
        lastId = id;
        const isNew = state === 0 || lastReview === null || stability <= 0;
        const topics: number[] = [];
        const card: ModelCard = {
          isNew,
          stability,
          difficulty,
          lastReviewDay: isNew || lastReview === null ? null : dayOfCard(lastReview),
          dueDay: isNew ? 0 : dayOfCard(due),
          topics,
        };
        cards.push(card);
        cardIds.push(id);
        current = topics;
        deckCards.set(deckId, (deckCards.get(deckId) ?? 0) + 1);
      }
      if (tag === null || !current) continue;
      // Tags as stored are looked up first; only a new spelling is lower-cased.
      let t = bySpelling.get(tag);
      if (t === undefined) {
        t = topicIndex.get(tag.toLowerCase()) ?? -1;
        if (t === -1 && topicsOf === null) {
          t = topics.length;
          topicIndex.set(tag.toLowerCase(), t);
          topics.push(tag);
          topicCards.push(0);
        }
        bySpelling.set(tag, t);
      }
      if (t !== -1 && !current.includes(t)) {
        current.push(t);
        topicCards[t] = (topicCards[t] ?? 0) + 1;
      }
    }
    return { cards, cardIds, topics, topicCards, presetId: majorityPreset(deckCards), deckIds: new Set(deckCards.keys()) };
  }

  /** The preset most of these cards follow (cards per deck). */
  function majorityPreset(deckCards: ReadonlyMap<number, number>): number {
    const presetCount = new Map<number, number>();
    for (const [deckId, n] of deckCards) {
      const id = decks.presetOf(deckId) ?? DEFAULT_PRESET_ID;
      presetCount.set(id, (presetCount.get(id) ?? 0) + n);
    }
    let presetId = DEFAULT_PRESET_ID;
    let most = -1;
    for (const [id, n] of presetCount) {
      if (n > most) {
        presetId = id;
        most = n;
      }
    }
    return presetId;
  }

  /** The user's median seconds per review and per new card (its first day's answers), or the defaults before there is history. */
  function answerTimes(): AnswerTimes {
    const { reviews, newCards } = repos.plans.answerTimes();
    const fromHistory = reviews.length >= MIN_TIMED_ANSWERS;
    const newFromHistory = newCards.length >= MIN_TIMED_ANSWERS;
    return {
      secondsPerReview: fromHistory ? Math.max(1, median(reviews) / 1000) : PLAN_LIMITS.defaultSecondsPerReview,
      secondsPerNewCard: newFromHistory ? Math.max(1, median(newCards) / 1000) : PLAN_LIMITS.defaultSecondsPerNewCard,
      fromHistory: fromHistory || newFromHistory,
    };
  }

  /** A preset's FSRS parameters (FSRS-6's defaults unless it carries its own). */
  const weightsOf = (presetId: number): number[] => presetWeights(repos.settings.presetConfig(presetId)) ?? [...generatorParameters().w];

  /** The forward model's settings for a preset: its FSRS parameters and maximum interval, and the user's answer times. */
  function modelSettings(presetId: number, times: AnswerTimes): ModelSettings {
    return {
      weights: weightsOf(presetId),
      maximumIntervalDays: settings.presetConfig(presetId).maximumIntervalDays,
      secondsPerReview: times.secondsPerReview,
      secondsPerNewCard: times.secondsPerNewCard,
    };
  }

  return { dayOf, dayCounter, cardScope, deckScope, load, majorityPreset, answerTimes, weightsOf, modelSettings };
}
export type PlanScopeLoader = ReturnType<typeof createPlanScope>;

/** A YYYY-MM-DD date as a study-day number; a date that does not exist (2026-02-30) is refused naming `field`. */
export function dateDay(iso: string, field: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) {
    throw new AppError('invalid_input', `${field}: ${iso} is not a date in the calendar`);
  }
  return Math.round(ms / 86_400_000);
}
