/** Hash routes ("#/review/3"), so the same build works from file:// in Electron and over HTTP. */
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'review'; deckId: number }
  | { name: 'settings' }
  | { name: 'import' }
  | { name: 'quiz' }
  | { name: 'quizAttempt'; attemptId: number }
  | { name: 'history' }
  | { name: 'unknown'; path: string };

export type RouteName = Route['name'];

/** The route table: each path pattern and the route it names (numbers in the path become ids). */
const PATHS: ReadonlyArray<{ pattern: RegExp; route: (id: number) => Exclude<Route, { name: 'unknown' }> }> = [
  { pattern: /^\/$/, route: () => ({ name: 'home' }) },
  { pattern: /^\/review\/(\d+)(?:\/.*)?$/, route: (deckId) => ({ name: 'review', deckId }) },
  { pattern: /^\/settings(?:\/.*)?$/, route: () => ({ name: 'settings' }) },
  { pattern: /^\/import(?:\/.*)?$/, route: () => ({ name: 'import' }) },
  { pattern: /^\/quiz$/, route: () => ({ name: 'quiz' }) },
  { pattern: /^\/quiz\/(\d+)(?:\/.*)?$/, route: (attemptId) => ({ name: 'quizAttempt', attemptId }) },
  { pattern: /^\/history(?:\/.*)?$/, route: () => ({ name: 'history' }) },
];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const normal = `/${path.split('/').filter(Boolean).join('/')}`;
  for (const { pattern, route } of PATHS) {
    const m = pattern.exec(normal);
    if (m) return route(Number(m[1] ?? 0));
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
