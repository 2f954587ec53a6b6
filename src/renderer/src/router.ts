/** Hash routes ("#/review/3"), so the same build works from file:// in Electron and over HTTP. */
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'home' }
  /** With `tag`: a review of that topic's due cards in the deck (a readiness row's link). */
  | { name: 'review'; deckId: number; tag?: string }
  | { name: 'settings' }
  | { name: 'import' }
  | { name: 'quiz' }
  | { name: 'quizAttempt'; attemptId: number }
  | { name: 'history' }
  | { name: 'browse'; query: string }
  | { name: 'addNote'; deckId: number | null }
  | { name: 'editNote'; noteId: number; returnTo: string }
  | { name: 'deckOptions'; deckId: number }
  | { name: 'presetOptions'; presetId: number }
  | { name: 'stats' }
  | { name: 'plan' }
  | { name: 'sync' }
  | { name: 'unknown'; path: string };

export type RouteName = Route['name'];

/** The route table: each path pattern and the route it names (numbers in the path become ids). */
const PATHS: ReadonlyArray<{ pattern: RegExp; route: (id: number, params: URLSearchParams) => Exclude<Route, { name: 'unknown' }> }> = [
  { pattern: /^\/$/, route: () => ({ name: 'home' }) },
  { pattern: /^\/review\/(\d+)(?:\/.*)?$/, route: (deckId, params) => (params.get('tag') ? { name: 'review', deckId, tag: params.get('tag')! } : { name: 'review', deckId }) },
  { pattern: /^\/settings(?:\/.*)?$/, route: () => ({ name: 'settings' }) },
  { pattern: /^\/import(?:\/.*)?$/, route: () => ({ name: 'import' }) },
  { pattern: /^\/quiz$/, route: () => ({ name: 'quiz' }) },
  { pattern: /^\/quiz\/(\d+)(?:\/.*)?$/, route: (attemptId) => ({ name: 'quizAttempt', attemptId }) },
  { pattern: /^\/history(?:\/.*)?$/, route: () => ({ name: 'history' }) },
  // The browser's search travels in the hash ("#/browse?q=deck:AWS is:due"), so it survives a reload.
  { pattern: /^\/browse$/, route: (_id, params) => ({ name: 'browse', query: params.get('q') ?? '' }) },
  { pattern: /^\/add$/, route: () => ({ name: 'addNote', deckId: null }) },
  { pattern: /^\/add\/(\d+)$/, route: (deckId) => ({ name: 'addNote', deckId }) },
  // "return" is the hash to go back to after saving ("review/3" when E was pressed in review).
  { pattern: /^\/notes\/(\d+)$/, route: (noteId, params) => ({ name: 'editNote', noteId, returnTo: params.get('return') ?? '' }) },
  { pattern: /^\/decks\/(\d+)\/options$/, route: (deckId) => ({ name: 'deckOptions', deckId }) },
  // A preset's options without a deck (the Settings screen links to the Default preset's).
  { pattern: /^\/presets\/(\d+)$/, route: (presetId) => ({ name: 'presetOptions', presetId }) },
  { pattern: /^\/stats$/, route: () => ({ name: 'stats' }) },
  // The interview planner with readiness per topic.
  { pattern: /^\/plan$/, route: () => ({ name: 'plan' }) },
  { pattern: /^\/sync$/, route: () => ({ name: 'sync' }) },
];

/** The hash of a browser search, for links and navigate(). */
export function browseHash(query: string): string {
  return query ? `#/browse?q=${encodeURIComponent(query)}` : '#/browse';
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const q = path.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? path.slice(q + 1) : '');
  const normal = `/${(q >= 0 ? path.slice(0, q) : path).split('/').filter(Boolean).join('/')}`;
  for (const { pattern, route } of PATHS) {
    const m = pattern.exec(normal);
    if (m) return route(Number(m[1] ?? 0), params);
  }
  return { name: 'unknown', path };
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
