import type { cardsContract } from '../../../shared/api/cards-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function cardsHandlers(s: Needs<'cardActions' | 'deletes'>): HandlerGroup<keyof typeof cardsContract> {
  const a = s.cardActions;
  return {
    'cards.suspend': ({ cardIds, suspended }) => a.suspendCards(cardIds, suspended),
    'notes.suspend': ({ noteIds, suspended }) => a.suspendNotes(noteIds, suspended),
    'cards.bury': ({ cardIds, buried }) => a.buryCards(cardIds, buried),
    'notes.bury': ({ noteIds }) => a.buryNotes(noteIds),
    'cards.flag': ({ cardIds, flag }) => a.flagCards(cardIds, flag),
    'cards.setDeck': ({ cardIds, deckId }) => a.setDeck(cardIds, deckId),
    'cards.forget': ({ cardIds, resetCounts }) => a.forget(cardIds, resetCounts),
    'cards.setDue': ({ cardIds, days }) => a.setDue(cardIds, days),
    'notes.addTags': ({ noteIds, tags }) => a.addTags(noteIds, tags),
    'notes.removeTags': ({ noteIds, tags }) => a.removeTags(noteIds, tags),
    'notes.delete': ({ noteIds }) => s.deletes.deleteNotes(noteIds),
    'actions.undo': ({ id }) => a.undo(id),
  };
}
