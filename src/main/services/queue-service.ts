/** Today's queue for a set of decks: counts within each deck's limits and the next cards, in the preset's order. */
import { effectiveLimits } from '../../shared/deck-limits';
import { studyDay, studyDayNumber, type StudyDay } from '../core/day';
import { orderNewCards, orderReviews } from '../core/queue-order';
import {
  LEARN_AHEAD_MS,
  allocateQuotas,
  limitLeft,
  nextSource,
  sumCounts,
  type Available,
  type DeckQuota,
  type LimitLeft,
  type QueueCounts,
} from '../core/queue-rules';
import type { Clock } from '../core/clock';
import type { Repos } from '../db/repos';
import type { CardRow } from '../db/repos/card-repo';
import { hasAdjacentSiblings, spreadSiblings, type SiblingKey } from '../core/sibling-rules';
import { createDeckTreeCache, type DeckNode, type DeckTreeCache } from './deck-tree';
import { createDailyUnbury } from './daily-unbury';
import { createPlanFollow, type PlanFollow } from './plan-follow';
import type { SettingsService } from './settings-service';

export interface TodayQueue {
  day: StudyDay;
  now: number;
  counts: QueueCounts;
  answeredToday: number;
  /** The next cards, in the order they will be shown (learning due now, reviews, new). */
  cards: CardRow[];
}

/** Reviews read per deck to order them other than by due date (Anki sorts what it gathered). */
const ORDER_WINDOW = 5000;

export function createQueueService(
  repos: Repos,
  settings: SettingsService,
  clock: Clock,
  timeZone: string,
  tree: DeckTreeCache = createDeckTreeCache(() => repos.decks.list()),
  /** An active interview plan's new cards per day and review-ahead, for the decks of its scope. */
  follow: PlanFollow = createPlanFollow(repos, settings),
) {
  function today(now: number): StudyDay {
    return studyDay(now, settings.collection().dayStartHour, timeZone);
  }
  /** Buried cards come back at the first queue of a new study day. */
  const unbury = createDailyUnbury(repos);

  /** A deck of the hierarchy, or a stand-in with the Default preset for an id the hierarchy lacks. */
  const nodeOf = (id: number): DeckNode =>
    tree.get(id) ?? { id, name: '', parentId: null, description: '', presetId: 1, limits: null, path: '', depth: 0, subtree: [id] };

  /** What is left today of every deck's limits, from one read of today's answers. */
  function limitsLeft(dayStart: number, dayNumber: number): (deckId: number) => LimitLeft {
    const studied = repos.reviewLog.studiedByDeck(dayStart);
    const planned = follow.newLimits(dayNumber, studied);
    const memo = new Map<number, LimitLeft>();
    return (deckId) => {
      let l = memo.get(deckId);
      if (!l) {
        const node = nodeOf(deckId);
        const done = { newDone: 0, reviewsDone: 0 };
        for (const id of node.subtree) {
          const s = studied.get(id);
          if (s) {
            done.newDone += s.newDone;
            done.reviewsDone += s.reviewsDone;
          }
        }
        l = limitLeft(effectiveLimits(settings.presetConfig(node.presetId), node.limits, dayNumber), done);
        if (planned) l = planned(deckId, l);
        memo.set(deckId, l);
      }
      return l;
    };
  }

  /** One moment's reads, shared by every session computed from it: limits left and each deck's own cards. */
  interface Today {
    day: StudyDay;
    dayNumber: number;
    left: (deckId: number) => LimitLeft;
    own: (deckId: number) => Available;
  }

  function todayAt(now: number): Today {
    const day = today(now);
    unbury.ensure(day);
    const dayNumber = studyDayNumber(now, settings.collection().dayStartHour, timeZone);
    follow.ensureDay(dayNumber, day.start);
    const left = limitsLeft(day.start, dayNumber);
    const owned = new Map<number, Available>();
    const own = (id: number): Available => {
      let a = owned.get(id);
      if (!a) {
        // Counted up to what the deck's own limits could show at most; allocateQuotas applies the rest.
        const l = left(id);
        a = repos.cards.queueCounts([id], day.end, l.newLeft, l.reviewLeft);
        owned.set(id, a);
      }
      return a;
    };
    return { day, dayNumber, left, own };
  }

  interface Plan {
    day: StudyDay;
    dayNumber: number;
    perDeck: Map<number, QueueCounts>;
    counts: QueueCounts;
  }

  /** Allocate today's limits over decks whose cards count against the limits of their chains. */
  function allocate(t: Today, decks: Array<{ deckId: number; chain: number[] }>): Map<number, QueueCounts> {
    const room = new Map<number, LimitLeft>();
    const quotas = decks.map((d): DeckQuota => {
      for (const id of d.chain) room.set(id, t.left(id));
      return { ...d, own: t.own(d.deckId) };
    });
    return allocateQuotas(quotas, room);
  }

  /** The parents whose limits also bound a session on `deck` (none unless its preset makes limits start from the top). */
  const topChain = (deck: DeckNode): number[] =>
    settings.presetConfig(deck.presetId).limitsStartFromTop ? tree.ancestors(deck.id).map((a) => a.id) : [];

  /** A session on `deckIds` (a deck's subtree, the deck first). */
  function plan(deckIds: number[], t: Today): Plan {
    const root = nodeOf(deckIds[0]!);
    const above = topChain(root);
    const inSession = new Set(deckIds);
    const chainOf = (id: number): number[] => {
      const chain: number[] = [];
      for (let n: DeckNode | undefined = nodeOf(id); n && inSession.has(n.id); n = n.parentId === null ? undefined : tree.get(n.parentId)) {
        chain.push(n.id);
        if (n.id === root.id) break;
      }
      return [...chain, ...above];
    };
    const perDeck = allocate(t, deckIds.map((deckId) => ({ deckId, chain: chainOf(deckId) })));
    return { day: t.day, dayNumber: t.dayNumber, perDeck, counts: sumCounts(perDeck.values()) };
  }

  /** Up to `limit` reviews of the session, in the studied deck's review order. */
  function reviews(p: Plan, presetId: number, now: number, limit: number): CardRow[] {
    const order = settings.presetConfig(presetId).reviewOrder;
    const rows: CardRow[] = [];
    for (const [deckId, c] of p.perDeck) {
      if (c.dueCount === 0) continue;
      const fetched = repos.cards.next('review', [deckId], p.day.end, order === 'due' ? Math.min(c.dueCount, limit) : ORDER_WINDOW);
      const scheduler = settings.schedulerForPreset(nodeOf(deckId).presetId);
      rows.push(...orderReviews(fetched, order, p.dayNumber, (card) => scheduler.retrievability(card, now)).slice(0, c.dueCount));
    }
    const ordered = orderReviews(rows, order, p.dayNumber, (card) => settings.schedulerForPreset(nodeOf(card.deckId).presetId).retrievability(card, now));
    return ordered.slice(0, Math.min(p.counts.dueCount, limit));
  }

  /** Up to `limit` new cards of the session, in the studied deck's new card order. */
  function newCards(p: Plan, presetId: number, limit: number): CardRow[] {
    const order = settings.presetConfig(presetId).newCardOrder;
    const rows: CardRow[] = [];
    for (const [deckId, c] of p.perDeck) {
      const n = Math.min(c.newCount, limit);
      if (n === 0) continue;
      rows.push(...(order === 'random' ? repos.cards.nextNewShuffled(deckId, p.dayNumber, n) : repos.cards.next('new', [deckId], p.day.end, n)));
    }
    return orderNewCards(rows, order, p.dayNumber).slice(0, Math.min(p.counts.newCount, limit));
  }

  return {
    today,
    /** The active interview plan as the scheduler follows it. */
    plan: follow,
    /** The daily unbury (the review service has it record what it brings back for sync). */
    dailyUnbury: unbury,
    /** Bring buried cards back when a new study day has started since they were buried (no query once done today). */
    unburyIfNewDay(now: number): void {
      if (!unbury.doneAt(now)) unbury.ensure(today(now));
    },
    /** The hierarchy the limits follow (shared with the deck service, which forgets it when decks change). */
    tree,
    /** Today's counts for a session on `deckIds` (a deck's subtree, the deck first). */
    counts(deckIds: number[]): QueueCounts {
      return plan(deckIds, todayAt(clock.now())).counts;
    },
    /**
     * The deck list's counts: each deck's row as if it were studied, and what can be studied
     * today over all decks (each deck's own cards within its limits, and its parents' limits
     * where its preset makes limits start from the top).
     */
    listCounts(): { rows: Map<number, QueueCounts>; today: QueueCounts } {
      const t = todayAt(clock.now());
      const rows = new Map<number, QueueCounts>();
      for (const node of tree.nodes()) rows.set(node.id, plan(node.subtree, t).counts);
      const studiable = allocate(t, tree.nodes().map((node) => ({ deckId: node.id, chain: [node.id, ...topChain(node)] })));
      return { rows, today: sumCounts(studiable.values()) };
    },
    /**
     * Counts plus up to `limit` next cards. No card follows one of its own note, nor comes first
     * after the note answered last: when the first read leaves such a pair, more cards are read
     * so another note's card can come between.
     */
    build(deckIds: number[], limit: number): TodayQueue {
      const now = clock.now();
      const p = plan(deckIds, todayAt(now));
      const { day, counts: c } = p;
      const presetId = nodeOf(deckIds[0]!).presetId;
      const answered = repos.reviewLog.studiedSince(deckIds, day.start).answered;
      const lastNote = repos.siblings.lastAnsweredNote(day.start);
      const gather = (n: number): CardRow[] => {
        // Learning cards due now, then reviews, then new cards, then learning cards due within the
        // learn-ahead window; that window never reaches into the next study day (interday steps wait for it).
        // learningCount holds every (re)learning card due today: none means none to fetch.
        const soon = c.learningCount > 0 ? repos.cards.next('learning', deckIds, Math.min(now + LEARN_AHEAD_MS + 1, day.end), n) : [];
        const dueNow = soon.filter((card) => card.due <= now);
        const cards: CardRow[] = [...dueNow];
        if (nextSource(c, dueNow.length > 0, soon.length > 0) !== null) {
          cards.push(...reviews(p, presetId, now, n - cards.length));
          cards.push(...newCards(p, presetId, n - cards.length));
          cards.push(...soon.filter((card) => card.due > now).slice(0, Math.max(0, n - cards.length)));
        }
        return cards;
      };
      // Siblings are a note's cards, or the notes of a deck sharing a fact key.
      const spread = (rows: CardRow[]): { cards: CardRow[]; adjacent: boolean } => {
        const facts = repos.siblings.factKeys();
        const keyOf = (r: { noteId: number }): SiblingKey => facts.get(r.noteId)?.key ?? r.noteId;
        const lastKey = lastNote === undefined ? undefined : keyOf({ noteId: lastNote });
        const out = spreadSiblings(rows, lastKey, keyOf);
        return { cards: out, adjacent: hasAdjacentSiblings(out, lastKey, keyOf) };
      };
      const first = spread(gather(limit));
      let cards = first.cards;
      if (cards.length === limit && first.adjacent) cards = spread(gather(limit * 2 + 8)).cards.slice(0, limit);
      return { day, now, counts: c, answeredToday: answered, cards };
    },
  };
}
export type QueueService = ReturnType<typeof createQueueService>;
