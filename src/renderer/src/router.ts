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

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'review' && parts[1] && /^\d+$/.test(parts[1])) return { name: 'review', deckId: Number(parts[1]) };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'import') return { name: 'import' };
  if (parts[0] === 'quiz' && parts.length === 1) return { name: 'quiz' };
  if (parts[0] === 'quiz' && parts[1] && /^\d+$/.test(parts[1])) return { name: 'quizAttempt', attemptId: Number(parts[1]) };
  if (parts[0] === 'history') return { name: 'history' };
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
