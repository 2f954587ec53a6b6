/**
 * Recording card changes for sync (call inside the change's transaction): a card's
 * last-writer-wins fields (`card.set`) and its FSRS state set outright (`card.state`, which also
 * becomes the card's sync head). Nothing is read or written while the journal is off.
 */
import type { CardState } from '../../core/scheduler';
import { entityOf, type SyncCardState } from '../../core/sync/sync-events';
import type { Repos } from '../../db/repos';
import type { CardEntityRow } from '../../db/repos/card-sync-reads';
import type { SyncJournal } from './sync-journal';

export type CardField = 'suspended' | 'flag' | 'deck';

/** The FSRS state of a card row (its other columns left out), as events carry it. */
export const cardStateOf = (c: CardState): CardState => ({
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
});

/** The same, under the name other sync code imports. */
export const syncStateOf: (c: CardState) => SyncCardState = (c) => cardStateOf(c);

function fieldsOf(c: CardEntityRow, fields: readonly CardField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (f === 'suspended') body.suspended = c.outOfQueue;
    else if (f === 'flag') body.flag = c.flag;
    else if (c.deckGuid !== null) body.deck = c.deckGuid;
  }
  return body;
}

export function createCardEvents(repos: Repos, journal: SyncJournal | undefined) {
  const on = (): boolean => journal?.on === true;

  function setFields(cards: readonly CardEntityRow[], fields: readonly CardField[]): void {
    for (const c of cards) {
      const body = fieldsOf(c, fields);
      if (Object.keys(body).length > 0) journal?.record(entityOf.card(c.guid, c.ord), 'card.set', body);
    }
  }
  function setStates(cards: readonly CardEntityRow[]): void {
    for (const c of cards) {
      const id = journal?.record(entityOf.card(c.guid, c.ord), 'card.state', { state: cardStateOf(c) });
      if (id) repos.cards.sync.setHead(c.id, id);
    }
  }

  return {
    get on() {
      return on();
    },
    /** Record these fields of the cards (ids) as they are now. */
    fields(cardIds: readonly number[], fields: readonly CardField[]): void {
      if (!on() || cardIds.length === 0) return;
      setFields(repos.cards.sync.entitiesOf(JSON.stringify(cardIds)), fields);
    },
    /** Record these fields of the cards an action kept, as they are now. */
    fieldsOfAction(actionId: number, fields: readonly CardField[]): void {
      if (on()) setFields(repos.cards.sync.entitiesOfAction(actionId), fields);
    },
    /** Record the state of the cards an action kept, as it is now; each becomes its card's sync head. */
    statesOfAction(actionId: number): void {
      if (on()) setStates(repos.cards.sync.entitiesOfAction(actionId));
    },
    /** Record the state of these cards as it is now (a card rebuilt from its log). */
    states(cardIds: readonly number[]): void {
      if (on() && cardIds.length > 0) setStates(repos.cards.sync.entitiesOf(JSON.stringify(cardIds)));
    },
  };
}
export type CardEvents = ReturnType<typeof createCardEvents>;
