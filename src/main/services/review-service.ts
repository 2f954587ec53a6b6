/**
 * Daily review: the session for a deck, answering a card, undoing the last answer.
 *
 * A card always equals the replay of its review log. Undo takes back the latest daily-review
 * answer in the deck today (quiz misses are not undoable) and rebuilds its card from the log:
 * the card as it was before that answer, then every later answer on it (a quiz miss rated Again,
 * say) replayed in order.
 */
import { AppError } from '../../shared/api/errors';
import type { CardInfo, CardView, ReviewSession } from '../../shared/api/review-contract';
import { REVIEW_KINDS } from '../../shared/enums';
import type { Clock } from '../core/clock';
import { renderCard } from '../core/render-card';
import { answerLabel, CardStates, type CardState, type RatingCode, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';
import type { CardRow } from '../db/repos/card-repo';
import type { DeckService } from './deck-service';
import type { QueueService } from './queue-service';
import type { SettingsService } from './settings-service';

function stateOf(c: CardRow): CardState {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsedDays,
    scheduledDays: c.scheduledDays,
    learningSteps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.lastReview,
  };
}

export function createReviewService(
  repos: Repos,
  settings: SettingsService,
  queue: QueueService,
  decks: DeckService,
  clock: Clock,
) {
  /** The scheduler of the card's deck preset (read from the cached deck tree, no query). */
  function schedulerOf(card: CardRow): Scheduler {
    const presetId = decks.presetOf(card.deckId);
    return presetId === undefined ? settings.scheduler() : settings.schedulerForPreset(presetId);
  }

  function info(card: CardRow, now: number, scheduler: Scheduler): CardInfo {
    const answered = card.state !== CardStates.New && card.lastReview !== null;
    return {
      retrievability: scheduler.retrievability(stateOf(card), now),
      stability: answered ? card.stability : null,
      difficulty: answered ? card.difficulty : null,
      due: card.due,
      lastReview: card.lastReview,
      reps: card.reps,
      lapses: card.lapses,
    };
  }

  function view(card: CardRow, now: number): CardView {
    const note = repos.notes.get(card.noteId);
    if (!note) throw new AppError('not_found', `note ${card.noteId} of card ${card.id} not found`);
    const rendered = renderCard(note.content, card.ord, card.id);
    const scheduler = schedulerOf(card);
    const preview = scheduler.preview(stateOf(card), now, card.id);
    return {
      cardId: card.id,
      noteId: note.id,
      deckName: decks.path(card.deckId),
      kind: note.content.kind,
      format: rendered.format,
      front: rendered.front,
      back: rendered.back,
      section: note.section,
      tags: note.tags,
      state: card.state,
      intervals: [answerLabel(now, preview[1]), answerLabel(now, preview[2]), answerLabel(now, preview[3]), answerLabel(now, preview[4])],
      info: info(card, now, scheduler),
    };
  }

  /**
   * The queue's second card, if it is sure to come next once the first is answered: answering
   * puts the first card out of today's queue or among learning cards not yet due, which come after
   * learning cards due now, reviews and new cards. A learn-ahead card (learning, not due yet) may
   * be overtaken by the answered card itself, so it is not offered.
   */
  function upcomingCard(second: CardRow | undefined, now: number): CardRow | null {
    if (!second) return null;
    const learning = second.state === CardStates.Learning || second.state === CardStates.Relearning;
    return learning && second.due > now ? null : second;
  }

  function session(deckId: number, preferCardId?: number): ReviewSession {
    const node = decks.node(deckId);
    const q = queue.build(node.subtree, preferCardId === undefined ? 2 : 1);
    let card = q.cards[0] ?? null;
    if (preferCardId !== undefined) card = repos.cards.get(preferCardId) ?? card;
    const upcoming = preferCardId === undefined ? upcomingCard(q.cards[1], q.now) : null;
    const day = q.day;
    return {
      deckId,
      deckName: node.path,
      card: card ? view(card, q.now) : null,
      upcoming: upcoming ? view(upcoming, q.now) : null,
      counts: q.counts,
      answeredToday: q.answeredToday,
      canUndo: repos.reviewLog.lastUndoable(node.subtree, day.start) !== undefined,
      nextLearningDueAt: card ? null : repos.cards.firstLearningDue(node.subtree, day.end),
      dueTomorrow: repos.cards.countDueBetween(node.subtree, day.end, queue.today(day.end).end),
      now: q.now,
    };
  }

  /** Start of the day whose earlier undo data is already dropped; undo only reaches back to today's start. */
  let undoKeptFrom = -Infinity;
  function pruneUndo(now: number): void {
    const start = queue.today(now).start;
    if (start <= undoKeptFrom) return;
    repos.reviewLog.pruneUndo(start);
    undoKeptFrom = start;
  }

  const answerTx = repos.db.transaction((cardId: number, rating: RatingCode, durationMs: number, kind: number) => {
    const card = repos.cards.get(cardId);
    if (!card) throw new AppError('not_found', `card ${cardId} not found`);
    if (card.suspended) throw new AppError('conflict', `card ${cardId} is suspended`);
    const now = clock.now();
    const before = stateOf(card);
    const after = schedulerOf(card).schedule(before, now, rating, cardId);
    repos.cards.saveState(cardId, after);
    const logId = repos.reviewLog.insert({
      cardId,
      reviewedAt: now,
      rating,
      stateBefore: before.state,
      // The study days FSRS was fed (core/day.ts), not 24-hour periods.
      elapsedDays: after.elapsedDays,
      scheduledDays: after.scheduledDays,
      durationMs,
      kind: kind as 0,
      cardBefore: JSON.stringify(before),
    });
    pruneUndo(now);
    return { cardId, due: after.due, state: after.state as number, interval: answerLabel(now, after), logId };
  });

  /** Rebuild a card from its log: `from` is the card before row `afterId`; the card's later rows are replayed in order and rewritten. */
  function rebuild(cardId: number, from: CardState, afterId: number): void {
    const card = repos.cards.get(cardId);
    const scheduler = card ? schedulerOf(card) : settings.scheduler();
    let state = from;
    for (const row of repos.reviewLog.laterForCard(cardId, afterId)) {
      const next = scheduler.schedule(state, row.reviewedAt, row.rating as RatingCode, cardId);
      repos.reviewLog.updateReplayed(row.id, state.state, next.elapsedDays, next.scheduledDays, JSON.stringify(state));
      state = next;
    }
    repos.cards.saveState(cardId, state);
  }

  const undoTx = repos.db.transaction((deckId: number) => {
    const node = decks.node(deckId);
    const day = queue.today(clock.now());
    const last = repos.reviewLog.lastUndoable(node.subtree, day.start);
    if (!last) throw new AppError('nothing_to_undo', 'there is no answer to undo today in this deck');
    repos.reviewLog.remove(last.id);
    rebuild(last.cardId, JSON.parse(last.cardBefore) as CardState, last.id);
    return last.cardId;
  });

  const undoQuizTx = repos.db.transaction((logId: number) => {
    const row = repos.reviewLog.cardBeforeOf(logId);
    if (!row || row.kind !== REVIEW_KINDS.quiz || row.cardBefore === null) return;
    repos.reviewLog.remove(logId);
    rebuild(row.cardId, JSON.parse(row.cardBefore) as CardState, logId);
  });

  return {
    session,
    /** Rate a card. One transaction: the card's new state and its review-log row. */
    answer(cardId: number, rating: RatingCode, durationMs: number, kind: number = REVIEW_KINDS.review) {
      return answerTx.immediate(cardId, rating, durationMs, kind);
    },
    /** Rate a card while studying a deck: the answer and the deck's next session, for one round trip per answer. */
    answerInSession(deckId: number, cardId: number, rating: RatingCode, durationMs: number) {
      const a = answerTx.immediate(cardId, rating, durationMs, REVIEW_KINDS.review);
      return { cardId: a.cardId, due: a.due, state: a.state, interval: a.interval, session: session(deckId) };
    },
    /** Take back the latest daily-review answer today in the deck and rebuild its card from the log; the card is shown again. */
    undo(deckId: number): ReviewSession {
      const cardId = undoTx.immediate(deckId);
      return session(deckId, cardId);
    },
    /** Take back one quiz answer's rating (an overridden quiz miss): remove its log row and rebuild the card from the log. */
    undoQuizAnswer(logId: number): void {
      undoQuizTx.immediate(logId);
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
