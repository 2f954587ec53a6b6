/**
 * Reads of cards for sync: the entity of a card (its note's guid and its ordinal), a card by that
 * entity, deck ids by guid, and the cards the journal has not recorded yet. Writes are in card-repo.
 */
import type { Db } from '../open-db';
import type { HistoryRow } from './browse-repo';
import { CARD_COLUMNS, toCard, type CardRow, type RawCard } from './card-row';

export interface SyncCardRow extends CardRow {
  /** cards.suspended as stored: 0 in the queue, 1 suspended, 2 buried as a sibling, 3 buried by the user. */
  outOfQueue: number;
  flag: number;
  syncHead: string | null;
}

/** A card as its events carry it: its entity (note guid, ordinal), state, fields and deck guid. */
export interface CardEntityRow extends SyncCardRow {
  guid: string;
  deckGuid: string | null;
}

type RawEntity = RawCard & { flag: number; sync_head: string | null; guid: string; deck_guid: string | null };
const toEntity = (r: RawEntity): CardEntityRow => ({ ...toCard(r), outOfQueue: r.suspended, flag: r.flag, syncHead: r.sync_head, guid: r.guid, deckGuid: r.deck_guid });

export type UnjournaledCard = RawCard & { flag: number; created_at: number; guid: string; note_deck_id: number; deck_guid: string | null };

/** A review log row (as the browse history reads it) with its card's entity. */
export type UnjournaledAnswer = HistoryRow & { guid: string; ord: number };

const IN_JSON = 'IN (SELECT value FROM json_each(?))';

export function createCardSyncReads(db: Db) {
  // Built here, not at load: card-repo (CARD_COLUMNS) imports this file.
  const cols = CARD_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ');
  const ENTITY_SELECT = `SELECT ${cols}, c.flag, c.sync_head, n.guid, d.guid AS deck_guid
    FROM cards c CROSS JOIN notes n ON n.id = c.note_id LEFT JOIN decks d ON d.id = c.deck_id`;
  const keyOf = db.prepare<[number], { guid: string; ord: number; sync_head: string | null }>(
    'SELECT n.guid, c.ord, c.sync_head FROM cards c CROSS JOIN notes n ON n.id = c.note_id WHERE c.id = ?',
  );
  const withKey = db.prepare<[number], RawCard & { guid: string; sync_head: string | null }>(
    `SELECT ${cols}, n.guid, c.sync_head FROM cards c CROSS JOIN notes n ON n.id = c.note_id WHERE c.id = ?`,
  );
  const entities = db.prepare<[string], RawEntity>(`${ENTITY_SELECT} WHERE c.id ${IN_JSON} ORDER BY c.id`);
  const entitiesOfAction = db.prepare<[number], RawEntity>(
    `${ENTITY_SELECT} WHERE c.id IN (SELECT row_id FROM action_rows WHERE action_id = ? AND tbl = 'cards') ORDER BY c.id`,
  );
  // A card by its entity, and its note (a note without the card gives a row with null card columns).
  const byEntity = db.prepare<[number, string], { nid: number; ndeck: number; ncreated: number } & Partial<RawCard> & { flag: number | null; sync_head: string | null }>(
    `SELECT n.id AS nid, n.deck_id AS ndeck, n.created_at AS ncreated, ${cols}, c.flag, c.sync_head
     FROM notes n LEFT JOIN cards c ON c.note_id = n.id AND c.ord = ? WHERE n.guid = ?`,
  );
  // Only what an answer stacked on the card needs: no notes row is read (the guid index gives its id).
  const headOf = db.prepare<[number, string], [number, string | null]>('SELECT c.id, c.sync_head FROM notes n JOIN cards c ON c.note_id = n.id AND c.ord = ? WHERE n.guid = ?').raw();
  const deckByGuid = db.prepare<[string], { id: number }>('SELECT id FROM decks WHERE guid = ?');
  const deckGuid = db.prepare<[number], { guid: string | null }>('SELECT guid FROM decks WHERE id = ?');
  const unjournaled = db.prepare<[number, number], UnjournaledCard>(
    `SELECT ${cols}, c.flag, c.created_at, n.guid, n.deck_id AS note_deck_id, d.guid AS deck_guid
     FROM cards c CROSS JOIN notes n ON n.id = c.note_id LEFT JOIN decks d ON d.id = c.deck_id
     WHERE c.id > ? AND c.sync_head IS NULL ORDER BY c.id LIMIT ?`,
  );
  const unjournaledAnswers = db.prepare<[number, number], UnjournaledAnswer>(
    `SELECT r.id, n.guid, c.ord, r.reviewed_at, r.rating, r.state_before, r.elapsed_days, r.scheduled_days, r.duration_ms, r.kind
     FROM review_log r CROSS JOIN cards c ON c.id = r.card_id CROSS JOIN notes n ON n.id = c.note_id
     WHERE r.id > ? AND r.uid IS NULL ORDER BY r.id LIMIT ?`,
  );
  return {
    /** The note guid, ordinal and sync head of one card. */
    keyOf(cardId: number): { guid: string; ord: number; syncHead: string | null } | undefined {
      const r = keyOf.get(cardId);
      return r ? { guid: r.guid, ord: r.ord, syncHead: r.sync_head } : undefined;
    },
    /** One card with its note's guid and its sync head (one read, for an answer). */
    withKey(cardId: number): { card: CardRow; key: { guid: string; ord: number; syncHead: string | null } } | undefined {
      const r = withKey.get(cardId);
      return r ? { card: toCard(r), key: { guid: r.guid, ord: r.ord, syncHead: r.sync_head } } : undefined;
    },
    /** The cards of a JSON id list with their entity. */
    entitiesOf(idsJson: string): CardEntityRow[] {
      return entities.all(idsJson).map(toEntity);
    },
    /** The cards an action kept, as they are now, with their entity. */
    entitiesOfAction(actionId: number): CardEntityRow[] {
      return entitiesOfAction.all(actionId).map(toEntity);
    },
    /** The note of a card entity (undefined: not here) and the card (undefined: not made yet). */
    byEntity(guid: string, ord: number): { note: { id: number; deckId: number; createdAt: number }; card: SyncCardRow | undefined } | undefined {
      const r = byEntity.get(ord, guid);
      if (!r) return undefined;
      const card = r.id === undefined || r.id === null ? undefined : { ...toCard(r as RawCard), outOfQueue: r.suspended ?? 0, flag: r.flag ?? 0, syncHead: r.sync_head };
      return { note: { id: r.nid, deckId: r.ndeck, createdAt: r.ncreated }, card };
    },
    /** The id and sync head of the card of an entity (undefined: the note or the card is not here). */
    headOf(guid: string, ord: number): { id: number; syncHead: string | null } | undefined {
      const r = headOf.get(ord, guid);
      return r ? { id: r[0], syncHead: r[1] } : undefined;
    },
    deckIdOfGuid(guid: string): number | undefined {
      return deckByGuid.get(guid)?.id;
    },
    deckGuidOf(deckId: number): string | null {
      return deckGuid.get(deckId)?.guid ?? null;
    },
    /** Up to `limit` cards after id `afterId` without a sync head (never recorded). */
    unjournaled(afterId: number, limit: number): UnjournaledCard[] {
      return unjournaled.all(afterId, limit);
    },
    /** Up to `limit` review log rows after id `afterId` without a uid (never recorded), with their card's entity. */
    unjournaledAnswers(afterId: number, limit: number): UnjournaledAnswer[] {
      return unjournaledAnswers.all(afterId, limit);
    },
  };
}
