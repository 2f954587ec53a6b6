/**
 * Card and note actions (Anki's Browse and review actions): suspend, bury, flag, change deck,
 * forget, set due date, tags; and undo of any of them or of a delete. Each action is one
 * IMMEDIATE transaction that first keeps what it is about to change (trash-repo), so undo puts
 * exactly that back. Undo reaches back to the start of the study day, over the latest actions.
 */
import type { ActionResult } from '../../shared/api/cards-contract';
import { FLAG_NAMES } from '../../shared/api/cards-contract';
import { AppError } from '../../shared/api/errors';
import type { Clock } from '../core/clock';
import { studyDayNumber, studyDayStart } from '../core/day';
import { forgottenState, parseDueSpec, pickDays, setDueState } from '../core/reschedule';
import { addTags, removeTags } from '../core/tag-edit';
import type { CardState } from '../core/scheduler';
import type { Repos } from '../db/repos';
import type { ActionRecord } from '../db/repos/card-actions-repo';
import type { CardRow } from '../db/repos/card-repo';
import type { DeckService } from './deck-service';
import type { QueueService } from './queue-service';
import type { SettingsService } from './settings-service';
import { createCardEvents, type CardField } from './sync/card-events';
import type { SyncJournal } from './sync/sync-journal';
import { recordNoteDecksOfAction, recordTagsOfAction } from './sync/collection-fields';

/** Actions undo can reach at most (Anki keeps a similar number of undo steps). */
export const UNDO_KEPT = 50;

export const SUSPENDED = { inQueue: 0, suspended: 1, buriedSibling: 2, buriedByUser: 3 } as const;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * What one action does inside its transaction: how many cards or notes it changed, the sentence
 * saying so, and whether it is undoable though it changed no card (deleting an empty deck).
 */
export type ActionBody = (actionId: number, now: number) => { changed: number; message: string; undoable?: boolean };

/** What each kind of card action changes, as sync records it: card fields, or the FSRS state. */
const SYNCED: Record<string, readonly CardField[] | 'state'> = {
  suspend: ['suspended'],
  unsuspend: ['suspended'],
  bury: ['suspended'],
  unbury: ['suspended'],
  flag: ['flag'],
  setDeck: ['deck'],
  forget: 'state',
  setDue: 'state',
};

export function createCardActionsService(
  repos: Repos,
  settings: SettingsService,
  queue: QueueService,
  decks: DeckService,
  clock: Clock,
  random: () => number = Math.random,
  journal?: SyncJournal,
) {
  const ca = repos.cardActions;
  const cardEvents = createCardEvents(repos, journal);
  /** Record for sync what an action (or its undo) left on the cards it kept. */
  function recordSynced(kind: string, actionId: number): void {
    const synced = SYNCED[kind];
    if (synced === 'state') cardEvents.statesOfAction(actionId);
    else if (synced) cardEvents.fieldsOfAction(actionId, synced);
    else if (kind === 'addTags' || kind === 'removeTags') recordTagsOfAction(journal, repos, actionId);
    if (kind === 'setDeck') recordNoteDecksOfAction(journal, repos, actionId);
  }

  /** Run an action in one IMMEDIATE transaction with its undo record; an action that changed nothing leaves no record. */
  const runTx = repos.db.transaction((kind: string, body: ActionBody): ActionResult => {
    const now = clock.now();
    // Yesterday's buried cards come back before today's action, never after it.
    queue.unburyIfNewDay(now);
    ca.prune(queue.today(now).start, UNDO_KEPT);
    const id = ca.record(kind, '', now);
    const { changed, message, undoable } = body(id, now);
    if (changed === 0 && !undoable) {
      ca.drop(id);
      return { changed, message, undo: null };
    }
    ca.setLabel(id, message);
    recordSynced(kind, id);
    return { changed, message, undo: { id, label: message } };
  });
  const run = (kind: string, body: ActionBody): ActionResult => runTx.immediate(kind, body);

  /** The selection as a JSON id list, every id checked to exist (nothing is written otherwise). */
  function selection(ids: number[], field: string, noun: string, count: (json: string) => number): string {
    const unique = [...new Set(ids)];
    const json = JSON.stringify(unique);
    const found = count(json);
    if (found !== unique.length) throw new AppError('not_found', `${field}: ${plural(unique.length - found, noun)} of the selection no longer exist`);
    return json;
  }
  const cardSelection = (cardIds: number[]): string => selection(cardIds, 'cardIds', 'card', ca.countCards);
  const noteSelection = (noteIds: number[]): string => selection(noteIds, 'noteIds', 'note', ca.countNotes);
  const cardsOfNotes = (noteIds: number[]): string => JSON.stringify(ca.cardIdsOfNotes(noteSelection(noteIds)));

  /** Set cards.suspended to `to` on the selected cards whose value is one of `from`. */
  function setSuspended(kind: string, ids: () => string, from: readonly number[], to: number, verb: string): ActionResult {
    return run(kind, (id) => {
      const changed = ca.keepSuspended(id, ids(), from);
      repos.cards.setSuspendedOfAction(id, to);
      return { changed, message: `${verb} ${plural(changed, 'card')}` };
    });
  }

  const suspendable = [SUSPENDED.inQueue, SUSPENDED.buriedSibling, SUSPENDED.buriedByUser];
  const buryable = [SUSPENDED.inQueue, SUSPENDED.buriedSibling];
  const buried = [SUSPENDED.buriedSibling, SUSPENDED.buriedByUser];

  /** Rewrite the schedule of the selected cards, one card at a time (forget, set due date). */
  function reschedule(kind: string, cardIds: number[], next: (card: CardRow & { createdAt: number }, now: number) => CardState, verb: string): ActionResult {
    return run(kind, (id, now) => {
      const changed = ca.keepSchedule(id, cardSelection(cardIds));
      for (const card of ca.keptCards(id)) repos.cards.saveState(card.id, next(card, now));
      return { changed, message: `${verb} ${plural(changed, 'card')}` };
    });
  }

  /** Add or remove tags: only notes whose tags change are kept and written. */
  function editTags(kind: string, noteIds: number[], edit: (tags: readonly string[]) => string[], verb: string, unchanged: string): ActionResult {
    return run(kind, (id) => {
      const changes = ca
        .notesTags(noteSelection(noteIds))
        .map((n) => ({ id: n.id, before: n.tags, after: edit(n.tags) }))
        .filter((n) => n.after.length !== n.before.length || n.after.some((t, i) => t !== n.before[i]));
      if (changes.length === 0) return { changed: 0, message: unchanged };
      ca.keepTags(id, JSON.stringify(changes.map((c) => c.id)));
      for (const c of changes) repos.notes.setTags(c.id, c.after);
      return { changed: changes.length, message: `${verb} ${plural(changes.length, 'note')}` };
    });
  }

  /** What else an undo of this kind of action puts back (besides the rows kept). */
  const afterUndo = new Map<string, (actionId: number) => void>();

  const undoTx = repos.db.transaction((wanted: number | undefined) => {
    const id = wanted ?? ca.latestUndoable();
    const action = id === undefined ? undefined : ca.get(id);
    if (!action) throw new AppError('nothing_to_undo', wanted === undefined ? 'there is no action to undo' : `action ${wanted} can no longer be undone`);
    if (action.undoneAt !== null) throw new AppError('nothing_to_undo', `"${action.label}" was already undone`);
    repos.trash.restore(action.id);
    repos.notes.rebuildTagRowsOfAction(action.id);
    afterUndo.get(action.kind)?.(action.id);
    recordSynced(action.kind, action.id);
    ca.markUndone(action.id, clock.now());
    return action;
  });

  return {
    suspendCards(cardIds: number[], suspend: boolean): ActionResult {
      return suspend
        ? setSuspended('suspend', () => cardSelection(cardIds), suspendable, SUSPENDED.suspended, 'Suspended')
        : setSuspended('unsuspend', () => cardSelection(cardIds), [SUSPENDED.suspended], SUSPENDED.inQueue, 'Unsuspended');
    },
    suspendNotes(noteIds: number[], suspend: boolean): ActionResult {
      return suspend
        ? setSuspended('suspend', () => cardsOfNotes(noteIds), suspendable, SUSPENDED.suspended, 'Suspended')
        : setSuspended('unsuspend', () => cardsOfNotes(noteIds), [SUSPENDED.suspended], SUSPENDED.inQueue, 'Unsuspended');
    },
    buryCards(cardIds: number[], bury: boolean): ActionResult {
      return bury
        ? setSuspended('bury', () => cardSelection(cardIds), buryable, SUSPENDED.buriedByUser, 'Buried')
        : setSuspended('unbury', () => cardSelection(cardIds), buried, SUSPENDED.inQueue, 'Unburied');
    },
    buryNotes(noteIds: number[]): ActionResult {
      return setSuspended('bury', () => cardsOfNotes(noteIds), buryable, SUSPENDED.buriedByUser, 'Buried');
    },
    flagCards(cardIds: number[], flag: number): ActionResult {
      return run('flag', (id) => {
        const changed = ca.keepFlag(id, cardSelection(cardIds), flag);
        repos.cards.setFlagOfAction(id, flag);
        return { changed, message: flag === 0 ? `Removed the flag of ${plural(changed, 'card')}` : `Flagged ${plural(changed, 'card')} ${FLAG_NAMES[flag] ?? ''}` };
      });
    },
    setDeck(cardIds: number[], deckId: number): ActionResult {
      const path = decks.node(deckId).path;
      return run('setDeck', (id) => {
        const changed = ca.keepDeck(id, cardSelection(cardIds), deckId);
        repos.cards.setDeckOfAction(id, deckId);
        // Their notes follow their first card's deck (a deck delete then never takes a card kept elsewhere).
        repos.notes.followCardsOfAction(id);
        return { changed, message: `Moved ${plural(changed, 'card')} to ${path}` };
      });
    },
    forget(cardIds: number[], resetCounts: boolean): ActionResult {
      return reschedule('forget', cardIds, (c) => forgottenState(c, c.createdAt, resetCounts), 'Reset to new:');
    },
    setDue(cardIds: number[], days: string): ActionResult {
      const spec = parseDueSpec(days);
      if ('error' in spec) throw new AppError('invalid_input', `days: ${spec.error}`);
      const rollover = settings.collection().dayStartHour;
      const zone = settings.timeZone();
      return reschedule(
        'setDue',
        cardIds,
        (c, now) => {
          const n = pickDays(spec, random);
          const dueAt = studyDayStart(studyDayNumber(now, rollover, zone) + n, rollover, zone);
          return setDueState(c, n, dueAt, spec.setInterval);
        },
        'Set the due date of',
      );
    },
    addTags(noteIds: number[], tags: string[]): ActionResult {
      return editTags('addTags', noteIds, (t) => addTags(t, tags), 'Added tags to', 'The notes already have these tags');
    },
    removeTags(noteIds: number[], tags: string[]): ActionResult {
      return editTags('removeTags', noteIds, (t) => removeTags(t, tags), 'Removed tags from', 'None of the notes has these tags');
    },
    noteSelection,
    /** Run an action defined elsewhere (deletes) as an undoable action; `onUndo` runs inside its undo. */
    define(kind: string, onUndo?: (actionId: number) => void): (body: ActionBody) => ActionResult {
      if (onUndo) afterUndo.set(kind, onUndo);
      return (body) => run(kind, body);
    },
    /** Take back an action (the latest not yet undone, or `id`): what it changed is put back exactly. */
    undo(id?: number): ActionResult & { undone: { id: number; label: string } } {
      let action: ActionRecord;
      try {
        action = undoTx.immediate(id);
      } catch (err) {
        // A row it would put back collides with what was added or deleted since (nothing is written).
        if ((err as { code?: unknown }).code?.toString().startsWith('SQLITE_CONSTRAINT')) {
          throw new AppError('conflict', 'This can no longer be undone: what it would put back conflicts with a later change (undo that first)');
        }
        throw err;
      }
      decks.invalidate();
      return { changed: 1, message: `Undone: ${action.label}`, undo: null, undone: { id: action.id, label: action.label } };
    },
  };
}
export type CardActionsService = ReturnType<typeof createCardActionsService>;
