/**
 * The review screen's keys, as Anki has them, and the list the shortcut overlay shows. One table:
 * the overlay lists exactly what `keyCommand` (review-state.ts) acts on.
 */

/** Card and note actions, each one call of the cards contract. */
export type ReviewActionName = 'buryCard' | 'buryNote' | 'suspendCard' | 'suspendNote' | 'deleteNote';

/** Plain keys (no Ctrl) for the actions. */
export const ACTION_KEYS: Readonly<Record<string, ReviewActionName>> = {
  '-': 'buryCard',
  '=': 'buryNote',
  '@': 'suspendCard',
  '!': 'suspendNote',
};

/** Anki's flags reachable with Ctrl+1…7 (pressing a card's own flag again removes it). */
export const FLAG_COLOURS = ['', 'red', 'orange', 'green', 'blue', 'pink', 'turquoise', 'purple'] as const;

/**
 * Which option a key picks on a choice card before the answer is shown: 1–9 or A–D (either case),
 * or -1. Once the answer is shown, 1–4 rate instead.
 */
export function choiceKeyIndex(key: string): number {
  if (/^[1-9]$/.test(key)) return Number(key) - 1;
  const letter = key.toLowerCase();
  return /^[a-d]$/.test(letter) ? letter.charCodeAt(0) - 97 : -1;
}

export interface ShortcutGroup {
  title: string;
  keys: ReadonlyArray<{ keys: string[]; does: string }>;
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Studying',
    keys: [
      { keys: ['Space', 'Enter'], does: 'Show the answer; once shown, rate the suggested button (Good, or Again after a wrong pick)' },
      { keys: ['1', '2', '3', '4'], does: 'After the answer is shown: rate Again, Hard, Good, Easy' },
      { keys: ['1–9', 'A–D'], does: 'Before the answer is shown, on a multiple-choice card: pick that option (then 1–4 rate)' },
      { keys: ['Enter'], does: 'In the answer box of a typed card: check the answer (Space in an empty box shows the answer without typing)' },
      { keys: ['R'], does: 'Replay the audio of the side shown' },
      { keys: ['Ctrl+Z'], does: 'Undo the last answer or action' },
    ],
  },
  {
    title: 'Card and note',
    keys: [
      { keys: ['E'], does: 'Edit the note, then come back to this card' },
      { keys: ['-'], does: 'Bury the card until tomorrow' },
      { keys: ['='], does: 'Bury the note (all its cards) until tomorrow' },
      { keys: ['@'], does: 'Suspend the card' },
      { keys: ['!'], does: 'Suspend the note (all its cards)' },
      { keys: ['Ctrl+1…7'], does: 'Flag the card red, orange, green, blue, pink, turquoise or purple; the same key again removes it' },
      { keys: ['Ctrl+Delete'], does: 'Delete the note (can be undone)' },
    ],
  },
  {
    title: 'Screen',
    keys: [
      { keys: ['?'], does: 'Show or hide these shortcuts' },
      { keys: ['Esc'], does: 'Close this list, or go back to the decks' },
    ],
  },
];
