/**
 * Daily review: the session for a deck, answering a card, undoing the last answer.
 *
 * A card always equals the replay of its review log. Undo takes back the latest daily-review
 * answer in the deck today (quiz misses are not undoable) and rebuilds its card from the log:
 * the card as it was before that answer, then every later answer on it (a quiz miss rated Again,
 * say) replayed in order. With load balancing on, the day a review lands on is the one exception:
 * it is picked within the fuzz range by the load of the days at the time of the answer.
 */
import { AppError } from '../../shared/api/errors';
import type { CardInfo, CardView, ReviewSession, TypedCheck } from '../../shared/api/review-contract';
import { REVIEW_KINDS } from '../../shared/enums';
import { cardInfo } from '../core/card-info';
import type { Clock } from '../core/clock';
import { matchTyped } from '../core/quiz/match-typed';
import { LEARN_AHEAD_MS } from '../core/queue-rules';
import { renderCard } from '../core/render-card';
import { reviewCardParts } from '../core/review-card-parts';
import { compareTyped } from '../core/typed-comparison';
import { answerLabel, CardStates, type CardState, type RatingCode, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';
import type { CardRow } from '../db/repos/card-repo';
import type { DeckService } from './deck-service';
import type { QueueService } from './queue-service';
import { DEFAULT_PRESET_ID, type SettingsService } from './settings-service';
import { createSiblingBurying } from './sibling-burying';
import { createDueLoadCache } from './due-load-cache';
import { createTopicQueue } from './topic-queue';
import { cardStateOf } from './sync/card-events';
import { createReviewEvents } from './sync/review-events';
import type { SyncJournal } from './sync/sync-journal';

const stateOf = (c: CardRow): CardState => cardStateOf(c);

export function createReviewService(
  repos: Repos,
  settings: SettingsService,
  queue: QueueService,
  decks: DeckService,
  clock: Clock,
  journal?: SyncJournal,
) {
  const sync = createReviewEvents(repos, settings, journal);
  queue.dailyUnbury.recordWith(sync.cards);
  const siblings = createSiblingBurying(repos, settings, decks, queue, sync.cards);
  const dueLoad = createDueLoadCache(repos, settings);
  const topics = createTopicQueue(repos, queue, clock);
  /** Cards due per day in the card's preset, where its scheduler balances load (core/load-balance.ts). */
  const loadFor = (card: CardRow, scheduler: Scheduler, now: number) => (scheduler.balances ? dueLoad.dueOn(decks.presetOf(card.deckId), now) : undefined);
  /** The scheduler of the card's deck preset (read from the cached deck tree, no query), with an active plan's retention for cards in its scope. */
  function schedulerOf(card: CardRow, now: number): Scheduler {
    const presetId = decks.presetOf(card.deckId);
    const planned = queue.plan.retentionFor(card, now);
    if (planned !== null) return settings.schedulerWithRetention(presetId ?? DEFAULT_PRESET_ID, planned);
    return presetId === undefined ? settings.scheduler() : settings.schedulerForPreset(presetId);
  }

  function info(card: CardRow, now: number, scheduler: Scheduler): CardInfo {
    return cardInfo(stateOf(card), now, scheduler);
  }

  function view(card: CardRow, now: number): CardView {
    const note = repos.notes.get(card.noteId);
    if (!note) throw new AppError('not_found', `note ${card.noteId} of card ${card.id} not found`);
    const rendered = renderCard(note.content, card.ord, card.id);
    const parts = reviewCardParts(note.content, note.source, rendered, card.id);
    const scheduler = schedulerOf(card, now);
    const preview = scheduler.preview(stateOf(card), now, card.id, loadFor(card, scheduler, now));
    return {
      cardId: card.id,
      noteId: note.id,
      deckName: decks.path(card.deckId),
      kind: note.content.kind,
      format: rendered.format,
      front: parts.front,
      back: rendered.back,
      // An imported note's section is where it came from ("Anki note 1555…", "row 12"): not for the screen.
      section: note.content.kind === 'rendered' ? '' : note.section,
      tags: note.tags,
      state: card.state,
      intervals: [answerLabel(now, preview[1]), answerLabel(now, preview[2]), answerLabel(now, preview[3]), answerLabel(now, preview[4])],
      info: info(card, now, scheduler),
      backIsAnswerSide: parts.backIsAnswerSide,
      typed: parts.typed,
      choices: parts.choices,
      flag: repos.cardFlags.flagOf(card.id),
    };
  }

  /** The deck preset's "play audio when a side appears" (the default preset's when the deck has none of its own). */
  function autoplayAudio(deckId: number): boolean {
    const presetId = decks.presetOf(deckId);
    const own = presetId === undefined ? undefined : (repos.settings.presetConfig(presetId) as { autoplayAudio?: unknown } | null)?.autoplayAudio;
    return typeof own === 'boolean' ? own : settings.config().autoplayAudio;
  }

  /** A typed answer against the card's accepted answers: the quiz's tolerant match, and the typed text against the expected one. */
  function checkTyped(cardId: number, typed: string): TypedCheck {
    const card = repos.cards.get(cardId);
    const note = card && repos.notes.get(card.noteId);
    if (!card || !note) throw new AppError('not_found', `card ${cardId} not found`);
    const c = note.content;
    if (c.kind !== 'typed') throw new AppError('invalid_input', 'this card does not take a typed answer');
    const match = matchTyped(typed, { answers: c.answers, ...(c.numeric ? { numeric: c.numeric } : {}) });
    const expected = match.matched ?? c.answers[0] ?? '';
    return { correct: match.correct, expected, segments: compareTyped(typed, expected) };
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

  /** A session on the deck, or with `tag` on the deck's due cards of that topic (services/topic-queue.ts). */
  function session(deckId: number, preferCardId?: number, tag?: string): ReviewSession {
    const node = decks.node(deckId);
    const limit = preferCardId === undefined ? 2 : 1;
    const topic = tag === undefined ? null : topics.build(node.subtree, tag, limit);
    const q = topic ?? queue.build(node.subtree, limit);
    let card = q.cards[0] ?? null;
    if (preferCardId !== undefined) card = repos.cards.get(preferCardId) ?? card;
    const upcoming = preferCardId === undefined ? upcomingCard(q.cards[1], q.now) : null;
    const day = q.day;
    const nextLearningDueAt = card ? null : topic ? topic.firstLearningDue : repos.cards.firstLearningDue(node.subtree, day.end);
    return {
      deckId,
      deckName: node.path,
      card: card ? view(card, q.now) : null,
      upcoming: upcoming ? view(upcoming, q.now) : null,
      counts: q.counts,
      answeredToday: q.answeredToday,
      canUndo: repos.reviewLog.lastUndoable(node.subtree, day.start) !== undefined,
      nextLearningDueAt,
      nextLearningShownAt: nextLearningDueAt === null ? null : Math.max(q.now, nextLearningDueAt - LEARN_AHEAD_MS),
      autoplayAudio: autoplayAudio(card?.deckId ?? deckId),
      dueTomorrow: topic ? topic.dueTomorrow : repos.cards.countDueBetween(node.subtree, day.end, queue.today(day.end).end),
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
    // With sync on, the card's entity and sync head come in the same read.
    const { card, key } = sync.cardOf(cardId);
    if (!card) throw new AppError('not_found', `card ${cardId} not found`);
    if (card.suspended) throw new AppError('conflict', `card ${cardId} is suspended`);
    const now = clock.now();
    const before = stateOf(card);
    const scheduler = schedulerOf(card, now);
    const dueOn = loadFor(card, scheduler, now);
    const after = scheduler.schedule(before, now, rating, cardId, dueOn);
    // The answer's sync event (while sync is on): its id is the log row's uid and the card's new sync head.
    const uid = key
      ? sync.answered(key, { at: now, rating, durationMs, kind, before, after, scheduler, presetId: decks.presetOf(card.deckId) ?? DEFAULT_PRESET_ID, retention: () => queue.plan.retentionFor(card, now) })
      : null;
    repos.cards.saveState(cardId, after, uid ?? undefined);
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
      cardBefore: JSON.stringify(key ? { ...before, syncHead: key.syncHead } : before),
      uid,
    });
    pruneUndo(now);
    if (kind === REVIEW_KINDS.review) siblings.afterAnswer(card, logId, now);
    if (dueOn) dueLoad.answered(decks.presetOf(card.deckId), now, before, after);
    return { cardId, due: after.due, state: after.state as number, interval: answerLabel(now, after), logId };
  });

  /** Rebuild a card from its log: `from` is the card before row `afterId`; the card's later rows are replayed in order and rewritten. */
  function rebuild(cardId: number, from: CardState, afterId: number): number {
    const card = repos.cards.get(cardId);
    const scheduler = card ? schedulerOf(card, clock.now()) : settings.scheduler();
    let state = from;
    const later = repos.reviewLog.laterForCard(cardId, afterId);
    for (const row of later) {
      const next = scheduler.schedule(state, row.reviewedAt, row.rating as RatingCode, cardId);
      repos.reviewLog.updateReplayed(row.id, state.state, next.elapsedDays, next.scheduledDays, JSON.stringify(state));
      state = next;
    }
    repos.cards.saveState(cardId, state);
    return later.length;
  }
  /** The card before an answer, as its undo data keeps it, and its sync head then (undefined: not kept). */
  const undoData = (json: string): { card: CardState; head: string | null | undefined } => {
    const { syncHead, ...card } = JSON.parse(json) as CardState & { syncHead?: string | null };
    return { card, head: syncHead };
  };

  const undoTx = repos.db.transaction((deckId: number) => {
    const node = decks.node(deckId);
    const day = queue.today(clock.now());
    const last = repos.reviewLog.lastUndoable(node.subtree, day.start);
    if (!last) throw new AppError('nothing_to_undo', 'there is no answer to undo today in this deck');
    siblings.undoAnswer(last.id);
    repos.reviewLog.remove(last.id);
    const before = undoData(last.cardBefore);
    sync.undone(last.cardId, last.uid, before.head, rebuild(last.cardId, before.card, last.id));
    return last.cardId;
  });

  const undoQuizTx = repos.db.transaction((logId: number) => {
    const row = repos.reviewLog.cardBeforeOf(logId);
    if (!row || row.kind !== REVIEW_KINDS.quiz || row.cardBefore === null) return;
    repos.reviewLog.remove(logId);
    const before = undoData(row.cardBefore);
    sync.undone(row.cardId, row.uid, before.head, rebuild(row.cardId, before.card, logId));
  });

  return {
    session,
    checkTyped,
    /** Rate a card. One transaction: the card's new state and its review-log row. */
    answer(cardId: number, rating: RatingCode, durationMs: number, kind: number = REVIEW_KINDS.review) {
      return answerTx.immediate(cardId, rating, durationMs, kind);
    },
    /** Rate a card while studying a deck: the answer and the deck's next session, for one round trip per answer. */
    answerInSession(deckId: number, cardId: number, rating: RatingCode, durationMs: number, tag?: string) {
      const a = answerTx.immediate(cardId, rating, durationMs, REVIEW_KINDS.review);
      return { cardId: a.cardId, due: a.due, state: a.state, interval: a.interval, session: session(deckId, undefined, tag) };
    },
    /** Take back the latest daily-review answer today in the deck and rebuild its card from the log; the card is shown again. */
    undo(deckId: number, tag?: string): ReviewSession {
      const cardId = undoTx.immediate(deckId);
      return session(deckId, cardId, tag);
    },
    /** Take back one quiz answer's rating (an overridden quiz miss): remove its log row and rebuild the card from the log. */
    undoQuizAnswer(logId: number): void {
      undoQuizTx.immediate(logId);
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
