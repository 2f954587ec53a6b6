/**
 * Records cards and answers the journal has not seen (the first sync; imports, built-in decks and
 * new notes since): a card without a sync head gets a `card.state` with its state (and a `card.set`
 * with what differs from a new card's fields), dated when it was last answered or made; a review log
 * row without a uid becomes a `history` answer dated when it was made. One pass over each table, in
 * batches read by id.
 */
import { entityOf } from '../../core/sync/sync-events';
import { toCard } from '../../db/repos/card-repo';
import type { ApplierDeps } from './applier-deps';
import { cardStateOf } from './card-events';

const BATCH = 5000;

/** Record each row of a table read in batches by id; `record` returns how many events it made (null: the journal is off). */
function recordInBatches<T extends { id: number }>(read: (afterId: number, limit: number) => T[], record: (row: T) => number | null): number {
  let events = 0;
  let after = 0;
  for (;;) {
    const batch = read(after, BATCH);
    if (batch.length === 0) return events;
    for (const r of batch) {
      after = r.id;
      const made = record(r);
      if (made === null) return events;
      events += made;
    }
  }
}

function recordCards(deps: ApplierDeps): number {
  const { repos, journal } = deps;
  return recordInBatches(repos.cards.sync.unjournaled, (r) => {
    const entity = entityOf.card(r.guid, r.ord);
    const at = r.last_review ?? r.created_at;
    const id = journal.recordAt(at, entity, 'card.state', { state: cardStateOf(toCard(r)) });
    if (id === null) return null;
    repos.cards.sync.setHead(r.id, id);
    const set: Record<string, unknown> = {};
    if (r.suspended !== 0) set.suspended = r.suspended;
    if (r.flag !== 0) set.flag = r.flag;
    if (r.deck_id !== r.note_deck_id && r.deck_guid !== null) set.deck = r.deck_guid;
    return Object.keys(set).length > 0 && journal.recordAt(at, entity, 'card.set', set) !== null ? 2 : 1;
  });
}

function recordAnswers(deps: ApplierDeps): number {
  const { repos, journal } = deps;
  return recordInBatches(repos.cards.sync.unjournaledAnswers, (r) => {
    const id = journal.recordAt(r.reviewed_at, entityOf.card(r.guid, r.ord), 'review', {
      at: r.reviewed_at,
      rating: r.rating,
      durationMs: Math.min(86_400_000, Math.max(0, Math.round(r.duration_ms))),
      kind: r.kind,
      stateBefore: r.state_before,
      elapsedDays: Math.max(0, r.elapsed_days),
      scheduledDays: Math.max(0, r.scheduled_days),
      parent: null,
      after: null,
      scheduling: null,
      history: true,
    });
    if (id === null) return null;
    repos.reviewLog.setUid(r.id, id);
    return 1;
  });
}

export function recordUnjournaledCards(deps: ApplierDeps): { events: number } {
  return { events: recordAnswers(deps) + recordCards(deps) };
}
