/**
 * The result list as a grid: sortable column headers (aria-sort), and only the rows in view
 * rendered, so a search over 100,000 cards scrolls as fast as one over ten.
 */
import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { BrowseSortKey } from '../../../../shared/api/browse-contract';
import { COLUMNS, flagName, queueLabel, type BrowseColumn } from './browse-format';
import { isSelected, type Selection } from './browse-selection';
import type { BrowseRows } from './use-browse-rows';

export const ROW_HEIGHT = 34;
const OVERSCAN = 8;

interface Props {
  rows: BrowseRows;
  selection: Selection;
  sort: BrowseSortKey;
  descending: boolean;
  onSort(key: BrowseSortKey): void;
  onRowClick(index: number, e: MouseEvent): void;
  onRowOpen(index: number): void;
}

const cellClass = (c: BrowseColumn): string => `browse-cell col-${c.key}${c.tier ? ` tier-${c.tier}` : ''}${c.numeric ? ' numeric' : ''}`;

export function BrowseTable({ rows, selection, sort, descending, onSort, onRowClick, onRowOpen }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The sticky header row takes the first ROW_HEIGHT of the scrolled area.
  const first = Math.max(0, Math.floor((view.top - ROW_HEIGHT) / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.total - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const { ensure } = rows;
  useEffect(() => {
    if (rows.status !== 'error' && last >= first) ensure(first, last);
  }, [first, last, rows.status, rows.total, ensure]);

  // Keep the cursor row in view as the keyboard moves it.
  useEffect(() => {
    const el = body.current;
    if (!el || selection.cursor === null) return;
    const top = selection.cursor * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + 2 * ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW_HEIGHT - el.clientHeight;
  }, [selection.cursor]);

  const visible: number[] = [];
  for (let i = first; i <= last; i++) visible.push(i);

  return (
    <div
      className="browse-grid"
      role="grid"
      // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
      tabIndex={0}
      aria-label="Cards"
      aria-rowcount={rows.total + 1}
      aria-multiselectable="true"
      ref={body}
      onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
    >
      <div className="browse-row browse-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={cellClass(c)}
            aria-sort={sort === c.key ? (descending ? 'descending' : 'ascending') : 'none'}
          >
            <button type="button" className="browse-sort" tabIndex={-1} onClick={() => onSort(c.key)} title={`Sort by ${c.label.toLowerCase()}`}>
              <span className="sort-label">{c.label}</span>
              <span aria-hidden="true" className="sort-mark">
                {sort === c.key ? (descending ? '▼' : '▲') : ''}
              </span>
            </button>
          </div>
        ))}
      </div>
      <div className="browse-spacer" style={{ height: rows.total * ROW_HEIGHT }}>
        {visible.map((i) => {
          const row = rows.rowAt(i);
          const selected = isSelected(selection, i);
          const classes = ['browse-row', selected ? 'selected' : '', selection.cursor === i ? 'cursor' : '', row ? `queue-${row.queue}` : '', row?.flag ? `flag-${row.flag}` : ''];
          return (
            <div
              key={i}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={selected}
              data-card-id={row?.cardId}
              className={classes.filter(Boolean).join(' ')}
              style={{ top: i * ROW_HEIGHT }}
              onMouseDown={(e) => {
                if (e.shiftKey) e.preventDefault();
              }}
              onClick={(e) => onRowClick(i, e)}
              onDoubleClick={() => onRowOpen(i)}
              title={row ? [queueLabel(row.queue), flagName(row.flag) && `${flagName(row.flag)} flag`].filter(Boolean).join(', ') || undefined : undefined}
            >
              {COLUMNS.map((c) => (
                <div key={c.key} role="gridcell" className={cellClass(c)}>
                  {row ? c.cell(row, rows.now) : ''}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
