/**
 * Which rows of the browser's result list are selected (by row index), the cursor (the row the
 * preview shows) and the anchor a Shift-extended selection grows from. Pure: the screen dispatches.
 */
export interface Selection {
  cursor: number | null;
  anchor: number | null;
  /** Selected row indexes; ignored while `all` is set. */
  rows: ReadonlySet<number>;
  /** Every row of the search is selected (Ctrl+A), loaded or not. */
  all: boolean;
}

export const emptySelection: Selection = { cursor: null, anchor: null, rows: new Set(), all: false };

function range(a: number, b: number): Set<number> {
  const out = new Set<number>();
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) out.add(i);
  return out;
}

const clamp = (i: number, total: number): number => Math.max(0, Math.min(total - 1, i));

/** A plain click: this row alone. */
export function selectOnly(i: number): Selection {
  return { cursor: i, anchor: i, rows: new Set([i]), all: false };
}

/** Ctrl/Cmd+click: add or remove one row. */
export function toggleRow(s: Selection, i: number, total: number): Selection {
  const rows = new Set(s.all ? range(0, total - 1) : s.rows);
  if (rows.has(i)) rows.delete(i);
  else rows.add(i);
  return { cursor: i, anchor: i, rows, all: false };
}

/** Shift+click: every row from the anchor to this one. */
export function extendTo(s: Selection, i: number): Selection {
  const anchor = s.anchor ?? i;
  return { cursor: i, anchor, rows: range(anchor, i), all: false };
}

/** ↑/↓ (by `delta` rows, PageUp/PageDown by more): move the cursor; with Shift, extend the selection. */
export function moveCursor(s: Selection, delta: number, extend: boolean, total: number): Selection {
  if (total === 0) return emptySelection;
  const i = s.cursor === null ? (delta > 0 ? 0 : total - 1) : clamp(s.cursor + delta, total);
  return extend ? extendTo(s, i) : selectOnly(i);
}

export function selectAll(s: Selection, total: number): Selection {
  if (total === 0) return s;
  return { cursor: s.cursor ?? 0, anchor: s.anchor ?? 0, rows: new Set(), all: true };
}

export function isSelected(s: Selection, i: number): boolean {
  return s.all || s.rows.has(i);
}

export function selectedCount(s: Selection, total: number): number {
  return s.all ? total : s.rows.size;
}
