/**
 * What daily review records for sync, inside the answer's or the undo's transaction: an answer as
 * a `review` event on the card (made on the card's sync head, leaving the new state, with the
 * FSRS settings it was scheduled with), and an undo as an `undo` event naming the answer. Nothing
 * is read or written while the journal is off.
 */
import type { CardState, Scheduler } from '../../core/scheduler';
import { parseCardBody } from '../../core/sync/fold-card';
import { entityOf } from '../../core/sync/sync-events';
import type { Repos } from '../../db/repos';
import type { CardRow } from '../../db/repos/card-repo';
import type { SettingsService } from '../settings-service';
import { refoldCard } from './apply-cards';
import { cardStateOf, createCardEvents } from './card-events';
import { createCardScheduling } from './card-scheduling';
import type { SyncJournal } from './sync-journal';

/** A card as an answer found it: its entity and the event that set its state. */
export interface AnsweredCard {
  guid: string;
  ord: number;
  syncHead: string | null;
}

export interface AnswerRecord {
  at: number;
  rating: number;
  durationMs: number;
  kind: number;
  before: CardState;
  after: CardState;
  scheduler: Scheduler;
  presetId: number;
  retention: () => number | null;
}

/**
 * The head the card's events give once answer `uid` is taken back, when nothing sets its state
 * after that answer (else undefined): the last event before it that sets a state. When merges
 * put another device's state before the answer meanwhile, this is not the head the answer was
 * made on, and the undo records the card's state instead (the fold of these events must give
 * the card as the undo left it).
 */
function foldHeadWithout(repos: Repos, entity: string, uid: string): string | null | undefined {
  const events = repos.sync.eventsOf(entity);
  const undone = new Set<string>();
  for (const e of events) if (e.type === 'undo') undone.add((parseCardBody(e)?.body as { target?: string } | undefined)?.target ?? '');
  let head: string | null = null;
  for (const e of events) {
    if (e.id === uid || undone.has(e.id)) continue;
    const p = parseCardBody(e);
    const sets = p !== null && (e.type === 'card.state' || (p.type === 'review' && !p.body.history));
    if (!sets) continue;
    if (e.id > uid) return undefined;
    head = e.id;
  }
  return head;
}

export function createReviewEvents(repos: Repos, settings: SettingsService, journal: SyncJournal | undefined) {
  const scheduling = createCardScheduling(repos, settings, journal);
  const cards = createCardEvents(repos, journal);
  return {
    cards,
    /** The card to answer, with its entity and sync head while the journal is on (one read either way). */
    cardOf(cardId: number): { card: CardRow | undefined; key: AnsweredCard | undefined } {
      if (!journal?.on) return { card: repos.cards.get(cardId), key: undefined };
      const r = repos.cards.sync.withKey(cardId);
      return { card: r?.card, key: r?.key };
    },
    /** Record an answer; returns its event id (the log row's uid and the card's new sync head). */
    answered(card: AnsweredCard, a: AnswerRecord): string | null {
      if (!journal) return null;
      return journal.record(entityOf.card(card.guid, card.ord), 'review', {
        at: a.at,
        rating: a.rating,
        durationMs: Math.min(86_400_000, Math.max(0, Math.round(a.durationMs))),
        kind: a.kind,
        stateBefore: a.before.state,
        elapsedDays: a.after.elapsedDays,
        scheduledDays: a.after.scheduledDays,
        parent: card.syncHead,
        after: cardStateOf(a.after),
        scheduling: scheduling.keyFor(a.scheduler, a.presetId, a.retention),
        history: false,
      });
    },
    /**
     * An answer was taken back and its card rebuilt. `head`: the card's sync head before the
     * answer (undefined when not kept); `replayed`: later answers rebuilt on the card. The card
     * goes back to that head when nothing was replayed; else its rebuilt state is recorded.
     */
    undone(cardId: number, uid: string | null, head: string | null | undefined, replayed: number): void {
      if (!journal?.on) return;
      const key = repos.cards.sync.keyOf(cardId);
      if (!key) return;
      const entity = entityOf.card(key.guid, key.ord);
      if (uid) journal.record(entity, 'undo', { target: uid });
      if (uid && replayed === 0 && head !== undefined && foldHeadWithout(repos, entity, uid) === head) repos.cards.sync.setHead(cardId, head);
      else cards.states([cardId]);
      // The card and its log rows are what its events now say (later answers the undo rebuilt are
      // rebuilt by the merge rule, which takes them in event order, as every other device does).
      if (uid) refoldCard({ repos, settings, timeZone: settings.timeZone() }, entity);
    },
  };
}
export type ReviewEvents = ReturnType<typeof createReviewEvents>;
