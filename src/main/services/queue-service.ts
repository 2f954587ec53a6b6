/** Today's queue for a set of decks: capped counts and the next cards, in review order. */
import { studyDay, type StudyDay } from '../core/day';
import { LEARN_AHEAD_MS, nextSource, queueCounts, reviewsLeft, type QueueCounts } from '../core/queue-rules';
import type { Clock } from '../core/clock';
import type { Repos } from '../db/repos';
import type { CardRow } from '../db/repos/card-repo';
import type { SettingsService } from './settings-service';

export interface TodayQueue {
  day: StudyDay;
  now: number;
  counts: QueueCounts;
  answeredToday: number;
  /** The next cards, in the order they will be shown (learning due now, reviews, new). */
  cards: CardRow[];
}

export function createQueueService(repos: Repos, settings: SettingsService, clock: Clock, timeZone: string) {
  function today(now: number): StudyDay {
    return studyDay(now, settings.config().dayStartHour, timeZone);
  }

  function counts(deckIds: number[], now: number, day: StudyDay) {
    const cfg = settings.config();
    const studied = repos.reviewLog.studiedSince(deckIds, day.start);
    const limits = { newPerDay: cfg.newPerDay, reviewsPerDay: cfg.reviewsPerDay };
    // Counted up to what the limits could show at most; queueCounts applies the rules.
    const c = queueCounts(
      repos.cards.queueCounts(deckIds, day.end, cfg.newPerDay - studied.newDone, reviewsLeft(limits, studied)),
      limits,
      studied,
    );
    return { counts: c, answered: studied.answered };
  }

  return {
    today,
    counts(deckIds: number[]): QueueCounts {
      const now = clock.now();
      return counts(deckIds, now, today(now)).counts;
    },
    /** Counts plus up to `limit` next cards. */
    build(deckIds: number[], limit: number): TodayQueue {
      const now = clock.now();
      const day = today(now);
      const { counts: c, answered } = counts(deckIds, now, day);
      // Learning cards due now, then reviews, then new cards, then learning cards due within the
      // learn-ahead window; that window never reaches into the next study day (interday steps wait for it).
      // learningCount holds every (re)learning card due today: none means none to fetch.
      const soon = c.learningCount > 0 ? repos.cards.next('learning', deckIds, Math.min(now + LEARN_AHEAD_MS + 1, day.end), limit) : [];
      const dueNow = soon.filter((card) => card.due <= now);
      const cards: CardRow[] = [...dueNow];
      if (nextSource(c, dueNow.length > 0, soon.length > 0) !== null) {
        cards.push(...repos.cards.next('review', deckIds, day.end, Math.min(c.dueCount, limit - cards.length)));
        cards.push(...repos.cards.next('new', deckIds, day.end, Math.min(c.newCount, limit - cards.length)));
        cards.push(...soon.filter((card) => card.due > now).slice(0, Math.max(0, limit - cards.length)));
      }
      return { day, now, counts: c, answeredToday: answered, cards };
    },
  };
}
export type QueueService = ReturnType<typeof createQueueService>;
