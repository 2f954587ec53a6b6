/** Daily review: the session for a deck, answering a card, undoing the last answer. */
import { AppError } from '../../shared/api/errors';
import type { CardView, ReviewSession } from '../../shared/api/review-contract';
import { REVIEW_KINDS } from '../../shared/enums';
import type { Clock } from '../core/clock';
import { renderCard } from '../core/render-card';
import { intervalLabel, type CardState, type RatingCode } from '../core/scheduler';
import type { Repos } from '../db/repos';
import type { CardRow } from '../db/repos/card-repo';
import type { DeckService } from './deck-service';
import type { QueueService } from './queue-service';
import type { SettingsService } from './settings-service';

const DAY_MS = 86_400_000;

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
  function view(card: CardRow, now: number): CardView {
    const note = repos.notes.get(card.noteId);
    if (!note) throw new AppError('not_found', `note ${card.noteId} of card ${card.id} not found`);
    const rendered = renderCard(note.content, card.ord, card.id);
    const preview = settings.scheduler().preview(stateOf(card), now);
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
      intervals: [
        intervalLabel(now, preview[1].due),
        intervalLabel(now, preview[2].due),
        intervalLabel(now, preview[3].due),
        intervalLabel(now, preview[4].due),
      ],
    };
  }

  function session(deckId: number, preferCardId?: number): ReviewSession {
    const node = decks.node(deckId);
    const q = queue.build(node.subtree, 1);
    let card = q.cards[0] ?? null;
    if (preferCardId !== undefined) card = repos.cards.get(preferCardId) ?? card;
    const day = q.day;
    return {
      deckId,
      deckName: node.path,
      card: card ? view(card, q.now) : null,
      counts: q.counts,
      answeredToday: q.answeredToday,
      canUndo: repos.reviewLog.lastUndoable(node.subtree, day.start) !== undefined,
      nextLearningDueAt: card ? null : repos.cards.firstLearningDue(node.subtree, day.end),
      dueTomorrow: repos.cards.countDueBetween(node.subtree, day.end, day.end + DAY_MS),
      now: q.now,
    };
  }

  const answerTx = repos.db.transaction((cardId: number, rating: RatingCode, durationMs: number, kind: number) => {
    const card = repos.cards.get(cardId);
    if (!card) throw new AppError('not_found', `card ${cardId} not found`);
    if (card.suspended) throw new AppError('conflict', `card ${cardId} is suspended`);
    const now = clock.now();
    const before = stateOf(card);
    const after = settings.scheduler().schedule(before, now, rating);
    repos.cards.saveState(cardId, after);
    repos.reviewLog.insert({
      cardId,
      reviewedAt: now,
      rating,
      stateBefore: before.state,
      elapsedDays: before.lastReview === null ? 0 : Math.max(0, Math.floor((now - before.lastReview) / DAY_MS)),
      scheduledDays: after.scheduledDays,
      durationMs,
      kind: kind as 0,
      cardBefore: JSON.stringify(before),
    });
    return { cardId, due: after.due, state: after.state as number, interval: intervalLabel(now, after.due) };
  });

  const undoTx = repos.db.transaction((deckId: number) => {
    const node = decks.node(deckId);
    const day = queue.today(clock.now());
    const last = repos.reviewLog.lastUndoable(node.subtree, day.start);
    if (!last) throw new AppError('nothing_to_undo', 'there is no answer to undo today in this deck');
    repos.cards.saveState(last.cardId, JSON.parse(last.cardBefore) as CardState);
    repos.reviewLog.remove(last.id);
    return last.cardId;
  });

  return {
    session,
    /** Rate a card. One transaction: the card's new state and its review-log row. */
    answer(cardId: number, rating: RatingCode, durationMs: number, kind: number = REVIEW_KINDS.review) {
      return answerTx(cardId, rating, durationMs, kind);
    },
    /** Restore the card of the latest answer today and remove its log row; the card is shown again. */
    undo(deckId: number): ReviewSession {
      const cardId = undoTx(deckId);
      return session(deckId, cardId);
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
