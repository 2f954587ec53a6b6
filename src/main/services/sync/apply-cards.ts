/**
 * Applies merged card events (merge rules: docs/sync.md). A card is its note's guid and ordinal;
 * a card whose note is not here (deleted, or not arrived yet) is skipped and its events wait in
 * the journal (`applyCardsOfNote` applies them when the note comes). Fast path: new events that
 * sort after every event the card had and apply on top of its state (an answer made on its sync
 * head) are written as they are. Otherwise the card is folded again from all its events
 * (core/sync/fold-card.ts) and its row and review log rows are made what the fold says.
 */
import { newCardState, type CardState } from '../../core/scheduler';
import { foldCard, parseCardBody, toCardState, type FoldedCard, type FoldOptions } from '../../core/sync/fold-card';
import { parseCardEntity, type SyncCardState, type SyncEvent } from '../../core/sync/sync-events';
import type { SyncCardRow } from '../../db/repos/card-sync-reads';
import type { SyncLogRow } from '../../db/repos/review-log-repo';
import type { ApplierDeps } from './applier-deps';
import type { EntityApplier } from './merge-events';
import { cardDeckId } from './card-decks';
import { noteMakesCard } from './note-cards';
import { paramsLookup } from './params-lookup';
import { waitForParams } from './params-waiting';


interface Found {
  note: { id: number; deckId: number; createdAt: number };
  card: SyncCardRow | undefined;
}

const sameRow = (a: Omit<SyncLogRow, 'uid'>, b: SyncLogRow): boolean =>
  a.reviewedAt === b.reviewedAt &&
  a.rating === b.rating &&
  a.stateBefore === b.stateBefore &&
  a.elapsedDays === b.elapsedDays &&
  a.scheduledDays === b.scheduledDays &&
  a.durationMs === b.durationMs &&
  a.kind === b.kind;

/** What folding a card needs (an undo folds its card again outside a merge). */
export type CardFoldDeps = Pick<ApplierDeps, 'repos' | 'settings' | 'timeZone'>;

function foldOptions(deps: CardFoldDeps): FoldOptions {
  return { dayStartHour: deps.settings.collection().dayStartHour, timeZone: deps.timeZone, params: paramsLookup(deps) };
}

type CardSet = { suspended?: number; flag?: number; deck?: string };

/** What new events stacked on a card leave: its state (null: unchanged), its head, and their answers' log rows. */
interface Stacked {
  state: CardState | null;
  head: string | null;
  rows: SyncLogRow[];
}

/**
 * New events stacked on a card whose sync head is `head`; null when one does not stack: an undo,
 * an answer made on another state, a body that fails its schema, or card fields `onSet` refuses.
 */
function stack(head: string | null, fresh: readonly SyncEvent[], onSet: (set: CardSet) => boolean): Stacked | null {
  let state: CardState | null = null;
  const rows: SyncLogRow[] = [];
  for (const e of fresh) {
    if (e.type === 'undo') return null;
    const p = parseCardBody(e);
    if (!p) return null;
    if (p.type === 'review') {
      const b = p.body;
      if (!b.history) {
        if (b.parent !== head || !b.after) return null;
        state = toCardState(b.after);
        head = e.id;
      }
      rows.push({ uid: e.id, reviewedAt: b.at, rating: b.rating, stateBefore: b.stateBefore, elapsedDays: b.elapsedDays, scheduledDays: b.scheduledDays, durationMs: b.durationMs, kind: b.kind });
    } else if (e.type === 'card.state') {
      state = toCardState((p.body as { state: SyncCardState }).state);
      head = e.id;
    } else if (!onSet(p.body as CardSet)) return null;
  }
  return { state, head, rows };
}

/**
 * The fast path: every new event applies on top of the card as it is. Returns false (nothing
 * written) when one does not: an undo, an answer made on another state, a body that fails its schema.
 */
function applyOnTop(deps: ApplierDeps, card: SyncCardRow, fresh: readonly SyncEvent[]): boolean {
  let { outOfQueue: suspended, flag, deckId } = card;
  const s = stack(card.syncHead, fresh, (set) => {
    if (set.suspended !== undefined) suspended = set.suspended;
    if (set.flag !== undefined) flag = set.flag;
    if (set.deck !== undefined) {
      // A deck not here puts the card in its note's deck: the fold decides.
      const named = deps.repos.cards.sync.deckIdOfGuid(set.deck);
      if (named === undefined) return false;
      deckId = named;
    }
    return true;
  });
  if (!s) return false;
  deps.repos.cards.sync.update(card.id, s.state ?? card, s.head, suspended, flag, deckId);
  for (const r of s.rows) deps.repos.reviewLog.insertSynced(card.id, r);
  return true;
}

/**
 * The most common merge, answers and states made on top of the card as this device has it, read
 * with the least: the card's id and head. Undefined when the card needs more (apply it with applyCard).
 */
function stackedOnHead(deps: ApplierDeps, entity: string, fresh: readonly SyncEvent[]): (Stacked & { id: number }) | undefined {
  const key = parseCardEntity(entity);
  const first = fresh[0];
  if (!key || !first || foldedOf(deps).has(entity)) return undefined;
  const card = deps.repos.cards.sync.headOf(key.noteGuid, key.ord);
  if (!card) return undefined;
  const s = stack(card.syncHead, fresh, () => false);
  // No event of the card this device had sorts after the new ones.
  if (!s || deps.repos.sync.countAfter(entity, first.id) !== fresh.length - 1) return undefined;
  return { ...s, id: card.id };
}

/** Make the card and its review log rows what all of its events say. */
function applyFold(deps: CardFoldDeps, entity: string, found: Found, ord: number, folded: FoldedCard): void {
  const { note, card } = found;
  const repos = deps.repos;
  // A card no event moved is in its note's deck.
  const deckId = cardDeckId(deps, folded.deck, note.deckId);
  const suspended = folded.suspended ?? card?.outOfQueue ?? 0;
  const flag = folded.flag ?? card?.flag ?? 0;
  let cardId: number;
  if (card) {
    cardId = card.id;
    repos.cards.sync.update(card.id, folded.state ?? card, folded.state ? folded.head : card.syncHead, suspended, flag, deckId);
  } else {
    cardId = repos.cards.sync.insert(note.id, deckId, ord, folded.state ?? newCardState(note.createdAt), folded.head, suspended, flag, note.createdAt);
  }
  const wanted = new Map(folded.log.map((r) => [r.uid, r]));
  // Rows are kept unless their answer was taken back (a row whose event this device could not read stays).
  for (const row of card ? repos.reviewLog.syncRowsOf(cardId) : []) {
    if (row.uid === null) continue;
    const w = wanted.get(row.uid);
    if (w) {
      if (!sameRow(row, w)) repos.reviewLog.updateSynced(row.id, w);
      wanted.delete(row.uid);
    } else if (folded.undone.has(row.uid)) repos.reviewLog.remove(row.id);
  }
  for (const r of wanted.values()) repos.reviewLog.insertSynced(cardId, r);
  waitForParams(deps, entity, folded.missingParams);
}

/**
 * Card entities applied from all their events by `applyCardsOfNote` (their note arrived or came
 * back earlier in this merge), with the ids of the events that fold read, per collection: new
 * events among those are already in the rows (writing them again would add a history answer's row
 * twice). Emptied after each card apply.
 */
const foldedWithNote = new WeakMap<object, Map<string, Set<string>>>();
const foldedOf = (deps: ApplierDeps): Map<string, Set<string>> => {
  let m = foldedWithNote.get(deps.repos);
  if (!m) foldedWithNote.set(deps.repos, (m = new Map()));
  return m;
};

/** Bring one card entity in line with its events; returns how many of its new events were not understood. */
function applyCard(deps: ApplierDeps, entity: string, fresh: readonly SyncEvent[], options: () => FoldOptions, reviveNote: (noteGuid: string) => void): number {
  const key = parseCardEntity(entity);
  if (!key) return fresh.length;
  const folded = foldedOf(deps).get(entity);
  if (folded && fresh.every((e) => folded.has(e.id))) return fresh.filter((e) => parseCardBody(e) === null).length;
  const found = deps.repos.cards.sync.byEntity(key.noteGuid, key.ord);
  if (!found) {
    // The note is not here. Deleted by an event older than this card's new events: those bring it
    // back (the note applier decides, and applies the note's cards when it does).
    const lastOfNote = deps.repos.sync.lastIdOf(`note:${key.noteGuid}`);
    const newest = fresh[fresh.length - 1];
    if (lastOfNote !== null && newest !== undefined && newest.id > lastOfNote) reviveNote(key.noteGuid);
    return 0;
  }
  // A card of an ordinal its note no longer makes stays away (note-cards.ts).
  if (!found.card && !noteMakesCard(deps.repos, found.note.id, key.ord)) return 0;
  const first = fresh[0];
  const onTop =
    found.card !== undefined && first !== undefined && deps.repos.sync.countAfter(entity, first.id) === fresh.length - 1 && applyOnTop(deps, found.card, fresh);
  if (onTop) return 0;
  applyFold(deps, entity, found, key.ord, foldCard(deps.repos.sync.eventsOf(entity), options()));
  return fresh.filter((e) => parseCardBody(e) === null).length;
}

/**
 * `reviveNote`: the note applier's re-fold of a note (appliers.ts wires it), called for a card
 * whose note is not here while the card has events newer than the note's last one.
 */
export function createCardApplier(deps: ApplierDeps, reviveNote: (noteGuid: string) => void): EntityApplier {
  return {
    apply(fresh) {
      let skipped = 0;
      let options: FoldOptions | undefined;
      const lazyOptions = (): FoldOptions => (options ??= foldOptions(deps));
      try {
        // Entities come in key order (the journal's index order). Cards an answer was simply made
        // on are written afterwards in card order, where their rows and index entries sit together;
        // the others are folded one by one.
        const stacked: Array<Stacked & { id: number }> = [];
        const others: Array<[string, SyncEvent[]]> = [];
        for (const [entity, events] of fresh) {
          const s = stackedOnHead(deps, entity, events);
          if (s) stacked.push(s);
          else others.push([entity, events]);
        }
        stacked.sort((a, b) => a.id - b.id);
        for (const s of stacked) {
          if (s.state) deps.repos.cards.saveState(s.id, s.state, s.head);
          for (const r of s.rows) deps.repos.reviewLog.insertSynced(s.id, r);
        }
        for (const [entity, events] of others) skipped += applyCard(deps, entity, events, lazyOptions, reviveNote);
      } finally {
        foldedOf(deps).clear();
      }
      // Merged answers count against today's limits like local ones: the queue reads them from the log.
      if (fresh.size > 0) deps.repos.siblings.forgetLastAnswered();
      return { skipped };
    },
  };
}

/** The newest event of any card of a note ('' when none): an answer after the note's delete brings the note back. */
export function newestCardEventOf(deps: ApplierDeps, noteGuid: string): string {
  let newest = '';
  for (const entity of deps.repos.sync.entitiesWithPrefix(`card:${noteGuid}/`)) {
    if (parseCardEntity(entity)?.noteGuid !== noteGuid) continue;
    const last = deps.repos.sync.lastIdOf(entity);
    if (last !== null && last > newest) newest = last;
  }
  return newest;
}

/** Fold one card entity again from all its events (when its note is here). */
export function refoldCard(deps: CardFoldDeps, entity: string): void {
  const key = parseCardEntity(entity);
  const found = key && deps.repos.cards.sync.byEntity(key.noteGuid, key.ord);
  if (!key || !found) return;
  if (!found.card && !noteMakesCard(deps.repos, found.note.id, key.ord)) return;
  applyFold(deps, entity, found, key.ord, foldCard(deps.repos.sync.eventsOf(entity), foldOptions(deps)));
}

/**
 * Apply every card of a note that has events (the note just arrived, or came back after a delete).
 * `inMerge`: called by a merge, whose card applier then leaves these cards' new events alone.
 */
export function applyCardsOfNote(deps: ApplierDeps, noteGuid: string, inMerge = true): void {
  const options = foldOptions(deps);
  for (const entity of deps.repos.sync.entitiesWithPrefix(`card:${noteGuid}/`)) {
    const key = parseCardEntity(entity);
    if (!key || key.noteGuid !== noteGuid) continue;
    const found = deps.repos.cards.sync.byEntity(key.noteGuid, key.ord);
    if (!found) continue;
    const events = deps.repos.sync.eventsOf(entity);
    applyFold(deps, entity, found, key.ord, foldCard(events, options));
    if (inMerge) foldedOf(deps).set(entity, new Set(events.map((e) => e.id)));
  }
}
