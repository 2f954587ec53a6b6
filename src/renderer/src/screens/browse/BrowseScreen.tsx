/**
 * The card browser (Anki's Browse): a search in Anki's syntax kept in the address (#/browse?q=…),
 * a sortable, virtual list of every matching card, the card under the cursor with its review
 * history, keyboard selection, and bulk actions with Anki's shortcuts, each undoable.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { BROWSE_SORTS, searchProblemColumn, type BrowseSortKey } from '../../../../shared/api/browse-contract';
import { browseHash, navigate } from '../../router';
import { BrowseDialog, type DialogKind } from './BrowseDialog';
import { BrowsePreview } from './BrowsePreview';
import { BrowseTable, ROW_HEIGHT } from './BrowseTable';
import { BrowseToolbar } from './BrowseToolbar';
import { SearchHelp } from './SearchHelp';
import { commandFor, type BrowseCommand } from './browse-commands';
import { emptySelection, extendTo, moveCursor, selectAll, selectedCount, selectOnly, toggleRow, type Selection } from './browse-selection';
import { useBrowseActions } from './use-browse-actions';
import { useBrowseRows } from './use-browse-rows';
import './browse.css';

const SORT_KEY = 'retain.browse.sort';

function savedSort(): { sort: BrowseSortKey; descending: boolean } {
  try {
    const saved = JSON.parse(localStorage.getItem(SORT_KEY) ?? 'null') as { sort?: string; descending?: boolean } | null;
    const sort = BROWSE_SORTS.find((s) => s === saved?.sort);
    if (sort) return { sort, descending: saved?.descending === true };
  } catch {
    // A damaged saved order falls back to the default.
  }
  return { sort: 'due', descending: false };
}

export function BrowseScreen({ query }: { query: string }) {
  const [draft, setDraft] = useState(query);
  const [order, setOrder] = useState(savedSort);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [dialogCounts, setDialogCounts] = useState({ cards: 0, notes: 0 });
  const [previewVersion, setPreviewVersion] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const rows = useBrowseRows(query, order.sort, order.descending);
  const { refresh } = rows;
  const changed = useCallback(() => {
    refresh();
    setPreviewVersion((v) => v + 1);
  }, [refresh]);
  const actions = useBrowseActions(query, rows, selection, changed);

  // The first card is under the cursor once results arrive; a new order starts at the top.
  useEffect(() => {
    if (rows.status === 'ready') setSelection((s) => (s.cursor === null && rows.total > 0 ? selectOnly(0) : s.cursor !== null && s.cursor >= rows.total ? moveCursor(s, 0, false, rows.total) : s));
  }, [rows.status, rows.total]);
  useEffect(() => setSelection(emptySelection), [order]);

  // A malformed search: the caret goes to the column the message names.
  const problemColumn = rows.error?.invalidQuery ? searchProblemColumn(rows.error.message) : null;
  useEffect(() => {
    const box = searchBox.current;
    if (problemColumn !== null && box) {
      box.focus();
      box.setSelectionRange(problemColumn - 1, problemColumn - 1);
    }
  }, [problemColumn]);
  useEffect(() => {
    if (!query) searchBox.current?.focus();
    else grid.current?.focus();
  }, [query]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim() === query.trim()) changed();
    else navigate(browseHash(draft.trim()).slice(1));
  };
  const sortBy = (key: BrowseSortKey) => {
    const next = { sort: key, descending: order.sort === key ? !order.descending : false };
    setOrder(next);
    localStorage.setItem(SORT_KEY, JSON.stringify(next));
  };
  const cursorRow = selection.cursor === null ? undefined : rows.rowAt(selection.cursor);
  const editNote = (noteId: number) => navigate(`/notes/${noteId}?return=${encodeURIComponent(browseHash(query).slice(2))}`);
  const count = selectedCount(selection, rows.total);

  const openDialog = async (kind: DialogKind) => {
    if (count === 0) return;
    const t = await actions.targets();
    setDialogCounts({ cards: t.cardIds.length, notes: t.noteIds.length });
    setDialog(kind);
  };

  const perform = (c: BrowseCommand) => {
    switch (c.kind) {
      case 'selectAll':
        return setSelection((s) => selectAll(s, rows.total));
      case 'focusSearch':
        return searchBox.current?.select();
      case 'undo':
        return void actions.undo();
      case 'edit':
        return cursorRow && editNote(cursorRow.noteId);
    }
    if (count === 0) return;
    switch (c.kind) {
      case 'suspend':
        return void actions.toggleSuspend();
      case 'bury':
        return void actions.toggleBury();
      case 'flag':
        return void actions.flag(c.flag);
      case 'cycleFlag':
        return void actions.cycleFlag();
      default:
        return void openDialog(c.kind);
    }
  };

  const onKeyDown = (e: globalThis.KeyboardEvent) => {
    const target = e.target instanceof Element ? e.target : null;
    if (dialog || e.defaultPrevented || target?.closest('input, select, textarea, dialog')) return;
    // A focused button keeps Enter, Space and the arrows; the Ctrl shortcuts still apply.
    if (target?.closest('button, a') && !e.ctrlKey && !e.metaKey) return;
    const page = Math.max(1, Math.floor((grid.current?.clientHeight ?? 600) / ROW_HEIGHT) - 2);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -rows.total, End: rows.total };
    const move = moves[e.key];
    if (move !== undefined && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setSelection((s) => moveCursor(s, move, e.shiftKey, rows.total));
      return;
    }
    const c = commandFor(e);
    if (c) {
      e.preventDefault();
      perform(c);
    }
  };

  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  // Shortcuts work wherever the focus is on this screen (after a dialog closes it may be on the page itself).
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
  useEffect(() => {
    if (dialog === null && query) grid.current?.focus();
  }, [dialog, query]);

  const onRowClick = (i: number, e: MouseEvent) => {
    if (e.shiftKey) setSelection((s) => extendTo(s, i));
    else if (e.ctrlKey || e.metaKey) setSelection((s) => toggleRow(s, i, rows.total));
    else setSelection(selectOnly(i));
    grid.current?.focus();
  };

  const statusText =
    rows.status === 'error' ? '' : rows.status === 'loading' && rows.total === 0 ? 'Searching…' : `${rows.total.toLocaleString()} card${rows.total === 1 ? '' : 's'}`;

  return (
    <main className="screen browse-screen">
      <form className="browse-search" role="search" onSubmit={submit}>
        <label htmlFor="browse-query" className="sr-only">
          Search cards
        </label>
        <input
          id="browse-query"
          ref={searchBox}
          className="browse-query"
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder='Search: deck:AWS tag:lambda is:due, "exact phrase", -word, prop:ivl>=10'
          spellCheck={false}
          autoComplete="off"
          aria-invalid={rows.error?.invalidQuery === true}
          aria-describedby={rows.error ? 'browse-query-problem' : undefined}
        />
        <button type="submit" className="btn primary">
          Search
        </button>
        <SearchHelp />
      </form>
      {rows.error && (
        <p id="browse-query-problem" className="field-error search-problem" role="alert">
          {rows.error.invalidQuery && problemColumn !== null && (
            <code className="problem-excerpt" aria-hidden="true">
              {query.slice(Math.max(0, problemColumn - 21), problemColumn - 1)}
              <mark>{query.slice(problemColumn - 1, problemColumn) || ' '}</mark>
              {query.slice(problemColumn, problemColumn + 20)}
            </code>
          )}
          {rows.error.message}
        </p>
      )}
      <BrowseToolbar
        disabled={count === 0 || actions.busy}
        onSuspend={() => perform({ kind: 'suspend' })}
        onBury={() => perform({ kind: 'bury' })}
        onFlag={(flag) => perform({ kind: 'flag', flag })}
        onDialog={(kind) => perform({ kind })}
        onEdit={() => perform({ kind: 'edit' })}
      />
      <div className="browse-main">
        <div className="browse-table-wrap" ref={grid} tabIndex={0} aria-label="Search results; arrow keys move, Shift extends the selection">
          <BrowseTable
            rows={rows}
            selection={selection}
            sort={order.sort}
            descending={order.descending}
            onSort={sortBy}
            onRowClick={onRowClick}
            onRowOpen={(i) => {
              const row = rows.rowAt(i);
              if (row) editNote(row.noteId);
            }}
          />
          {rows.status === 'ready' && rows.total === 0 && <p className="browse-empty muted">No cards match this search.</p>}
        </div>
        <BrowsePreview cardId={cursorRow?.cardId ?? null} version={previewVersion} onEdit={editNote} />
      </div>
      <div className="browse-status" role="status" aria-live="polite">
        <span className="status-count">
          {statusText}
          {count > 0 && ` · ${count.toLocaleString()} selected`}
          {rows.tookMs !== null && rows.status === 'ready' && <span className="muted"> · {Math.round(rows.tookMs)} ms</span>}
        </span>
        {actions.status && <span className={actions.status.error ? 'text-error status-message' : 'status-message'}>{actions.status.message}</span>}
        {actions.status?.undo && (
          <button
            type="button"
            className="btn small"
            onClick={() => void actions.undo()}
            disabled={actions.busy}
            aria-keyshortcuts="Control+Z"
            aria-label={`Undo: ${actions.status.undo.label}`}
            title={`Undo: ${actions.status.undo.label} (Ctrl+Z)`}
          >
            Undo
          </button>
        )}
      </div>
      {dialog && (
        <BrowseDialog
          kind={dialog}
          cards={dialogCounts.cards}
          notes={dialogCounts.notes}
          onCancel={() => setDialog(null)}
          onAnswer={(a) => {
            const kind = dialog;
            setDialog(null);
            void actions.answer(kind, a);
          }}
        />
      )}
    </main>
  );
}
