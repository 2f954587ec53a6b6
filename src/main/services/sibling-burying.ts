/**
 * Siblings in daily review: answering a card buries its note's other cards by its deck preset's
 * options (Anki's bury new / review / interday learning siblings), and undoing the answer brings
 * them back. A new study day brings every buried card back (daily-unbury.ts).
 */
import { buriesAny, buryRulesOf } from '../core/sibling-rules';
import type { Repos } from '../db/repos';
import type { DeckService } from './deck-service';
import type { CardEvents } from './sync/card-events';
import { DEFAULT_PRESET_ID, type SettingsService } from './settings-service';

export function createSiblingBurying(
  repos: Repos,
  settings: SettingsService,
  decks: DeckService,
  queue: { unburyIfNewDay(now: number): void },
  /** Where buried and unburied cards are recorded for sync. */
  events?: CardEvents,
) {
  return {
    /** After a daily-review answer (in its transaction): bury the card's siblings, kept with answer `logId` for its undo. */
    afterAnswer(card: { id: number; noteId: number; deckId: number }, logId: number, now: number): void {
      // Yesterday's buried cards come back first, so today's burying is never undone by the day's first queue.
      queue.unburyIfNewDay(now);
      repos.siblings.answered(card.noteId, now);
      const rules = buryRulesOf(settings.presetConfig(decks.presetOf(card.deckId) ?? DEFAULT_PRESET_ID));
      if (buriesAny(rules)) events?.fields(repos.siblings.burySiblings(card.id, card.noteId, rules, logId, now), ['suspended']);
    },
    /** Undoing answer `logId` (in its transaction): its buried siblings come back. */
    undoAnswer(logId: number): void {
      events?.fields(repos.siblings.unburyForAnswer(logId), ['suspended']);
    },
  };
}
export type SiblingBurying = ReturnType<typeof createSiblingBurying>;
