/**
 * A review session on one topic (a readiness row's "review this topic"): the due cards of a deck
 * and its subdecks that carry a tag, learning cards due now first, then reviews, then learning
 * cards within the learn-ahead window. Like Anki's filtered decks, the daily limits do not apply
 * and new cards are not shown: it is extra review of what is due.
 */
import type { Clock } from '../core/clock';
import { LEARN_AHEAD_MS } from '../core/queue-rules';
import type { Repos } from '../db/repos';
import type { QueueService, TodayQueue } from './queue-service';

export interface TopicQueue extends TodayQueue {
  /** Due time of the topic's earliest (re)learning card due today, or null. */
  firstLearningDue: number | null;
  /** The topic's cards due tomorrow. */
  dueTomorrow: number;
}

export function createTopicQueue(repos: Repos, queue: QueueService, clock: Clock) {
  return {
    build(deckIds: number[], tag: string, limit: number): TopicQueue {
      const now = clock.now();
      queue.unburyIfNewDay(now);
      const day = queue.today(now);
      const c = repos.topicQueue.counts(deckIds, tag, day.end, queue.today(day.end).end);
      const cards = repos.topicQueue.next(deckIds, tag, now, Math.min(now + LEARN_AHEAD_MS + 1, day.end), day.end, limit);
      return {
        day,
        now,
        counts: { newCount: 0, learningCount: c.learning, dueCount: c.reviews },
        answeredToday: repos.reviewLog.studiedSince(deckIds, day.start).answered,
        cards,
        firstLearningDue: c.firstLearningDue,
        dueTomorrow: c.dueTomorrow,
      };
    },
  };
}
