/**
 * Readiness per topic: for each topic tag of a deck (with subdecks) or the whole collection, the
 * share of its cards the user would recall on a date if they stopped reviewing today (mean FSRS
 * retrievability then, cards never studied counting 0), beside their recent quiz accuracy on it.
 */
import { AppError } from '../../shared/api/errors';
import { PLAN_LIMITS, type Readiness, type TopicReadiness } from '../../shared/api/plan-contract';
import type { Clock } from '../core/clock';
import { MemoryModel } from '../core/plan/memory-model';
import { studyDayDate } from '../core/stats/day-date';
import type { Repos } from '../db/repos';
import { dateDay, type PlanScopeLoader, type ScopeCards } from './plan-scope';

const DAY_MS = 86_400_000;

export interface QuizFigures {
  points: number;
  answers: number;
}

/** Quiz points per topic (lower-cased tag) from answers since `since` on cards of these decks. */
export function quizByTopic(repos: Repos, deckIds: readonly number[] | null, since: number): Map<string, QuizFigures> {
  const out = new Map<string, QuizFigures>();
  for (const [tagsJson, points] of repos.plans.quizPoints(deckIds, since)) {
    let tags: unknown;
    try {
      tags = JSON.parse(tagsJson);
    } catch {
      continue;
    }
    if (!Array.isArray(tags)) continue;
    for (const t of new Set(tags.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()))) {
      const f = out.get(t) ?? { points: 0, answers: 0 };
      f.points += points;
      f.answers += 1;
      out.set(t, f);
    }
  }
  return out;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** One topic's row, beside its recent quiz accuracy. */
function topicRow(tag: string, cards: number, learned: number, readiness: number, quiz: Map<string, QuizFigures>): TopicReadiness {
  const q = quiz.get(tag.toLowerCase());
  return {
    tag,
    cards,
    learned,
    readiness: clamp01(readiness),
    quizAccuracy: q && q.answers > 0 ? clamp01(q.points / q.answers) : null,
    quizAnswers: q?.answers ?? 0,
  };
}

/** Weakest first (then by name). */
const weakestFirst = (a: TopicReadiness, b: TopicReadiness): number => a.readiness - b.readiness || a.tag.localeCompare(b.tag);

/** Rows per topic, weakest first (then by name). */
export function topicRows(loaded: ScopeCards, figures: { readiness: number[]; learned: number[] }, quiz: Map<string, QuizFigures>): TopicReadiness[] {
  return loaded.topics
    .map((tag, i) => topicRow(tag, loaded.topicCards[i] ?? 0, figures.learned[i] ?? 0, figures.readiness[i] ?? 0, quiz))
    .sort(weakestFirst);
}

export function createReadinessService(repos: Repos, scope: PlanScopeLoader, clock: Clock) {
  return {
    get(input: { date: string | null; deckId: number | null; quizDays: number }): Readiness {
      const now = clock.now();
      const today = scope.dayOf(now);
      const day = input.date === null ? today : dateDay(input.date, 'date');
      if (day < today) throw new AppError('invalid_input', `date: ${input.date} is in the past; readiness is for today or a later date`);
      if (day - today > PLAN_LIMITS.maxDaysAhead) throw new AppError('invalid_input', `date: ${input.date} is more than two years away`);
      const cardScope = scope.deckScope(input.deckId);
      return repos.db.transaction((): Readiness => {
        // Summed in SQL (db/repos/plan-repo.ts): each studied card's retrievability on the day, with
        // the parameters of the preset most of the cards follow.
        const presetId = scope.majorityPreset(repos.plans.deckCardCounts(cardScope.deckIds));
        const model = new MemoryModel(scope.weightsOf(presetId), 36500);
        const dayOfCard = scope.dayCounter();
        const sums = repos.plans.readinessSums(cardScope.deckIds, (lastReview, stability) => model.retrievability(day - dayOfCard(lastReview), stability));
        const quiz = quizByTopic(repos, cardScope.deckIds, now - input.quizDays * DAY_MS);
        const share = (sum: number, n: number) => (n > 0 ? clamp01(sum / n) : 0);
        let overall = 0;
        let cards = 0;
        const topics: TopicReadiness[] = [];
        for (const [tag, n, studied, recall] of sums) {
          if (tag === null) {
            overall = share(recall, n);
            cards = n;
          } else topics.push(topicRow(tag, n, studied, share(recall, n), quiz));
        }
        return { date: studyDayDate(day), topics: topics.sort(weakestFirst), overall, cards };
      }).deferred();
    },
  };
}
export type ReadinessService = ReturnType<typeof createReadinessService>;
