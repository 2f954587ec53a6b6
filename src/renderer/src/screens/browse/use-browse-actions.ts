/**
 * Runs the browser's bulk actions on the selected cards through the card actions of the API, and
 * keeps the status line: the last action's message and its undo.
 */
import { useState } from 'react';
import type { ActionResult } from '../../../../shared/api/cards-contract';
import { call } from '../../api/transport';
import type { DialogAnswer, DialogKind } from './BrowseDialog';
import type { Selection } from './browse-selection';
import type { BrowseRows } from './use-browse-rows';

export interface Status {
  message: string;
  error: boolean;
  undo: { id: number; label: string } | null;
}

export interface Targets {
  cardIds: number[];
  noteIds: number[];
}

export function useBrowseActions(query: string, rows: BrowseRows, selection: Selection, onChanged: () => void) {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);

  /** The selected cards and their notes: all of the search's (Ctrl+A) or the selected rows. */
  async function targets(): Promise<Targets> {
    if (selection.all) return call('browse.ids', { query });
    const picked = await rows.rowsAt([...selection.rows].sort((a, b) => a - b));
    return { cardIds: picked.map((r) => r.cardId), noteIds: [...new Set(picked.map((r) => r.noteId))] };
  }

  async function run(action: (t: Targets) => Promise<ActionResult>): Promise<void> {
    if (busy) return;
    setBusy(true);
    try {
      const t = await targets();
      if (t.cardIds.length === 0) {
        setStatus({ message: 'Select cards first.', error: true, undo: null });
        return;
      }
      const result = await action(t);
      setStatus({ message: result.message, error: false, undo: result.undo });
      onChanged();
    } catch (err) {
      setStatus({ message: err instanceof Error ? err.message : String(err), error: true, undo: null });
    } finally {
      setBusy(false);
    }
  }

  const cursorRow = selection.cursor === null ? undefined : rows.rowAt(selection.cursor);

  return {
    status,
    busy,
    targets,
    /** Suspend, or unsuspend when the card under the cursor is suspended (Anki's toggle). */
    toggleSuspend: () => run((t) => call('cards.suspend', { cardIds: t.cardIds, suspended: cursorRow?.queue !== 1 })),
    toggleBury: () => run((t) => call('cards.bury', { cardIds: t.cardIds, buried: (cursorRow?.queue ?? 0) < 2 })),
    /** Set a flag, or clear it when the card under the cursor has it already. */
    flag: (flag: number) => run((t) => call('cards.flag', { cardIds: t.cardIds, flag: flag !== 0 && cursorRow?.flag === flag ? 0 : flag })),
    cycleFlag: () => run((t) => call('cards.flag', { cardIds: t.cardIds, flag: ((cursorRow?.flag ?? 0) + 1) % 8 })),
    /** An action that asked a question first. */
    answer: (kind: DialogKind, a: DialogAnswer) =>
      run((t) => {
        if (kind === 'setDeck' && 'deckId' in a) return call('cards.setDeck', { cardIds: t.cardIds, deckId: a.deckId });
        if (kind === 'addTags' && 'tags' in a) return call('notes.addTags', { noteIds: t.noteIds, tags: a.tags });
        if (kind === 'removeTags' && 'tags' in a) return call('notes.removeTags', { noteIds: t.noteIds, tags: a.tags });
        if (kind === 'setDue' && 'days' in a) return call('cards.setDue', { cardIds: t.cardIds, days: a.days });
        if (kind === 'forget' && 'resetCounts' in a) return call('cards.forget', { cardIds: t.cardIds, resetCounts: a.resetCounts });
        return call('notes.delete', { noteIds: t.noteIds });
      }),
    async undo(): Promise<void> {
      if (busy) return;
      setBusy(true);
      try {
        const r = await call('actions.undo', status?.undo ? { id: status.undo.id } : {});
        setStatus({ message: `Undone: ${r.undone.label}`, error: false, undo: null });
        onChanged();
      } catch (err) {
        setStatus({ message: err instanceof Error ? err.message : String(err), error: true, undo: null });
      } finally {
        setBusy(false);
      }
    },
  };
}
export type BrowseActions = ReturnType<typeof useBrowseActions>;
