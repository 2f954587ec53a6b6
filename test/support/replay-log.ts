/** A card's state replayed from its review log alone, with the app's settings and time zone. */
import { createScheduler, newCardState, type CardState, type RatingCode } from '../../src/main/core/scheduler';
import type { TempApp } from './temp-app';

function replayLog(t: TempApp, cardId: number): CardState | null {
  const { settings, repos } = t.app.services;
  const scheduler = createScheduler(settings.config(), { timeZone: settings.timeZone() });
  const rows = repos.reviewLog.forCard(cardId);
  if (rows.length === 0) return null;
  let state = newCardState(rows[0]!.reviewedAt);
  for (const r of rows) state = scheduler.schedule(state, r.reviewedAt, r.rating as RatingCode, cardId);
  return state;
}

/**
 * The card row's schedule and the replay of its log, to compare with toEqual. A card without log
 * rows replays to an unanswered New card (its due date is whatever it was given when added).
 */
export function cardAndReplay(t: TempApp, cardId: number): { card: Partial<CardState>; replayed: Partial<CardState> } {
  const row = t.app.services.repos.cards.get(cardId);
  if (!row) throw new Error(`card ${cardId} is gone`);
  const { id: _id, noteId: _n, deckId: _d, ord: _o, suspended: _s, ...card } = row;
  const replayed = replayLog(t, cardId);
  if (replayed) return { card, replayed };
  const { due: _due, ...unanswered } = card;
  const { due: _newDue, ...fresh } = newCardState(0);
  return { card: unanswered, replayed: fresh };
}
