/**
 * The browser's result list, fetched a page of 100 rows at a time as the table scrolls to it.
 * A new search or order starts over; answers to an earlier search are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrowseRow, BrowseSortKey } from '../../../../shared/api/browse-contract';
import { ApiCallError, call } from '../../api/transport';

export const PAGE_SIZE = 100;

export interface SearchState {
  status: 'loading' | 'ready' | 'error';
  total: number;
  /** The refusal of a malformed search, or why the search failed. */
  error: { message: string; invalidQuery: boolean } | null;
  /** Milliseconds the first page took (shown in the status line). */
  tookMs: number | null;
  now: number;
}

export interface BrowseRows extends SearchState {
  rowAt(index: number): BrowseRow | undefined;
  /** Fetch the pages holding rows `from`..`to` if they are not here yet. */
  ensure(from: number, to: number): void;
  /** The rows at these indexes, fetching missing pages first. */
  rowsAt(indexes: number[]): Promise<BrowseRow[]>;
  /** Search again (after an action changed cards), keeping the scroll position. */
  refresh(): void;
}

export function useBrowseRows(query: string, sort: BrowseSortKey, descending: boolean): BrowseRows {
  const pages = useRef(new Map<number, BrowseRow[] | Promise<BrowseRow[]>>());
  /** The rows before a refresh, shown until the refreshed pages arrive (no flicker after an action). */
  const previous = useRef(new Map<number, BrowseRow[] | Promise<BrowseRow[]>>());
  const keepPrevious = useRef(false);
  const generation = useRef(0);
  const [, setVersion] = useState(0);
  const [state, setState] = useState<SearchState>({ status: 'loading', total: 0, error: null, tookMs: null, now: Date.now() });
  const [reloads, setReloads] = useState(0);

  const fetchPage = useCallback(
    (page: number, gen: number): Promise<BrowseRow[]> => {
      const cached = pages.current.get(page);
      if (cached) return Promise.resolve(cached);
      const started = performance.now();
      const p = call('browse.search', { query, sort, descending, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (r) => {
          if (gen !== generation.current) return r.rows;
          pages.current.set(page, r.rows);
          setState((s) => ({ status: 'ready', total: r.total, error: null, tookMs: page === 0 ? performance.now() - started : s.tookMs, now: r.now }));
          setVersion((v) => v + 1);
          return r.rows;
        },
        (err: unknown) => {
          pages.current.delete(page);
          if (gen === generation.current) {
            const invalidQuery = err instanceof ApiCallError && err.code === 'invalid_input';
            setState((s) => ({ ...s, status: 'error', total: 0, error: { message: err instanceof Error ? err.message : String(err), invalidQuery } }));
          }
          return [];
        },
      );
      pages.current.set(page, p);
      return p;
    },
    [query, sort, descending],
  );

  useEffect(() => {
    const gen = ++generation.current;
    if (!keepPrevious.current) previous.current = new Map();
    keepPrevious.current = false;
    pages.current = new Map();
    setState((s) => ({ ...s, status: 'loading' }));
    void fetchPage(0, gen);
  }, [fetchPage, reloads]);

  const rowAt = (index: number): BrowseRow | undefined => {
    const n = Math.floor(index / PAGE_SIZE);
    const page = pages.current.get(n);
    if (Array.isArray(page)) return page[index % PAGE_SIZE];
    const before = previous.current.get(n);
    return Array.isArray(before) ? before[index % PAGE_SIZE] : undefined;
  };

  return {
    ...state,
    rowAt,
    ensure(from, to) {
      for (let p = Math.floor(Math.max(0, from) / PAGE_SIZE); p <= Math.floor(Math.max(0, to) / PAGE_SIZE); p++) {
        if (p * PAGE_SIZE < state.total && !pages.current.has(p)) void fetchPage(p, generation.current);
      }
    },
    async rowsAt(indexes) {
      const gen = generation.current;
      const needed = [...new Set(indexes.map((i) => Math.floor(i / PAGE_SIZE)))];
      await Promise.all(needed.map((p) => fetchPage(p, gen)));
      return indexes.map(rowAt).filter((r): r is BrowseRow => r !== undefined);
    },
    refresh() {
      previous.current = pages.current;
      keepPrevious.current = true;
      setReloads((n) => n + 1);
    },
  };
}
