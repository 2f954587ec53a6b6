/** The browser's keyboard shortcuts, as in Anki's browser (Ctrl or Cmd). Pure: a key press → a command. */
export type BrowseCommand =
  | { kind: 'suspend' }
  | { kind: 'bury' }
  | { kind: 'flag'; flag: number }
  | { kind: 'cycleFlag' }
  | { kind: 'setDeck' }
  | { kind: 'addTags' }
  | { kind: 'removeTags' }
  | { kind: 'forget' }
  | { kind: 'setDue' }
  | { kind: 'delete' }
  | { kind: 'undo' }
  | { kind: 'edit' }
  | { kind: 'selectAll' }
  | { kind: 'focusSearch' };

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function commandFor(e: KeyPress): BrowseCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return e.key === 'Enter' && !e.altKey && !e.shiftKey ? { kind: 'edit' } : null;
  const letter = /^Key([A-Z])$/.exec(e.code)?.[1] ?? (e.key.length === 1 ? e.key.toUpperCase() : '');
  const digit = /^Digit([0-7])$/.exec(e.code)?.[1];
  if (e.key === 'Delete' || e.key === 'Backspace') return e.shiftKey || e.altKey ? null : { kind: 'delete' };
  if (digit !== undefined && !e.altKey && !e.shiftKey) return { kind: 'flag', flag: Number(digit) };
  const plain = !e.altKey && !e.shiftKey;
  switch (letter) {
    case 'J':
      return e.altKey ? null : e.shiftKey ? { kind: 'bury' } : { kind: 'suspend' };
    case 'K':
      return plain ? { kind: 'cycleFlag' } : null;
    case 'D':
      if (e.altKey && !e.shiftKey) return { kind: 'setDeck' };
      return e.shiftKey && !e.altKey ? { kind: 'setDue' } : null;
    case 'A':
      if (e.shiftKey) return e.altKey ? { kind: 'removeTags' } : { kind: 'addTags' };
      return e.altKey ? null : { kind: 'selectAll' };
    case 'N':
      return e.altKey && !e.shiftKey ? { kind: 'forget' } : null;
    case 'Z':
      return plain ? { kind: 'undo' } : null;
    case 'E':
      return plain ? { kind: 'edit' } : null;
    case 'F':
      return plain ? { kind: 'focusSearch' } : null;
    default:
      return null;
  }
}

/** The shortcut of each toolbar action, for its title and aria-keyshortcuts. */
export const SHORTCUTS = {
  suspend: 'Control+J',
  bury: 'Control+Shift+J',
  cycleFlag: 'Control+K',
  setDeck: 'Control+Alt+D',
  addTags: 'Control+Shift+A',
  removeTags: 'Control+Alt+Shift+A',
  forget: 'Control+Alt+N',
  setDue: 'Control+Shift+D',
  delete: 'Control+Delete',
  undo: 'Control+Z',
  edit: 'Control+E',
} as const;

/** "Control+Shift+A" as a person reads it: "Ctrl+Shift+A". */
export const keyLabel = (shortcut: string): string => shortcut.replace('Control', 'Ctrl');
