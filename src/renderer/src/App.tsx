import { lazy, Suspense, useEffect, useRef, type ComponentType, type ReactNode } from 'react';
import { onCollectionUnavailable, onEvent } from './api/transport';
import { useCall } from './api/use-call';
import { useRoute, type Route, type RouteName } from './router';
import { HomeScreen } from './screens/HomeScreen';
import { ReviewScreen } from './screens/ReviewScreen';
import { UnavailableScreen } from './screens/UnavailableScreen';
import { RestoreBanner } from './components/RestoreBanner';
import { requestSyncAfterReview } from './screens/sync/auto-sync';
import { SyncNavTab } from './screens/sync/SyncNavTab';

// The deck list and the review screen come with the first load; the other screens (and the charts
// the history pulls in) are fetched when first opened.
function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}
const SettingsScreen = lazyScreen(() => import('./screens/SettingsScreen').then((m) => m.SettingsScreen));
const ImportScreen = lazyScreen(() => import('./screens/ImportScreen').then((m) => m.ImportScreen));
const QuizSetupScreen = lazyScreen(() => import('./screens/QuizSetupScreen').then((m) => m.QuizSetupScreen));
const QuizScreen = lazyScreen(() => import('./screens/QuizScreen').then((m) => m.QuizScreen));
const QuizHistoryScreen = lazyScreen(() => import('./screens/QuizHistoryScreen').then((m) => m.QuizHistoryScreen));
const BrowseScreen = lazyScreen(() => import('./screens/browse/BrowseScreen').then((m) => m.BrowseScreen));
const NoteEditorScreen = lazyScreen(() => import('./screens/editor/NoteEditorScreen').then((m) => m.NoteEditorScreen));
const DeckOptionsScreen = lazyScreen(() => import('./screens/deck-options/DeckOptionsScreen').then((m) => m.DeckOptionsScreen));
const StatsScreen = lazyScreen(() => import('./screens/stats/StatsScreen').then((m) => m.StatsScreen));
const PlanScreen = lazyScreen(() => import('./screens/plan/PlanScreen').then((m) => m.PlanScreen));
const SyncScreen = lazyScreen(() => import('./screens/sync/SyncScreen').then((m) => m.SyncScreen));

/** The screen table: each route and what it shows. A route without a screen does not compile. */
const SCREENS: { [N in RouteName]: (route: Extract<Route, { name: N }>) => ReactNode } = {
  home: () => <HomeScreen />,
  review: (r) => <ReviewScreen key={`${r.deckId} ${r.tag ?? ''}`} deckId={r.deckId} tag={r.tag} />,
  settings: () => <SettingsScreen />,
  import: () => <ImportScreen />,
  quiz: () => <QuizSetupScreen />,
  quizAttempt: (r) => <QuizScreen key={r.attemptId} attemptId={r.attemptId} />,
  history: () => <QuizHistoryScreen />,
  browse: (r) => <BrowseScreen key={r.query} query={r.query} />,
  addNote: (r) => <NoteEditorScreen key={`add-${r.deckId}`} mode={{ kind: 'add', deckId: r.deckId }} />,
  editNote: (r) => <NoteEditorScreen key={`edit-${r.noteId}`} mode={{ kind: 'edit', noteId: r.noteId, returnTo: r.returnTo }} />,
  deckOptions: (r) => <DeckOptionsScreen key={r.deckId} deckId={r.deckId} />,
  presetOptions: (r) => <DeckOptionsScreen key={`preset-${r.presetId}`} presetId={r.presetId} />,
  stats: () => <StatsScreen />,
  plan: () => <PlanScreen />,
  sync: () => <SyncScreen />,
  unknown: () => (
    <main className="screen">
      <p>
        Nothing here. <a href="#/">Back to decks</a>
      </p>
    </main>
  ),
};

const NAV: ReadonlyArray<{ href: string; label: string; match: readonly RouteName[] }> = [
  { href: '#/', label: 'Decks', match: ['home', 'review', 'deckOptions'] },
  { href: '#/add', label: 'Add', match: ['addNote'] },
  { href: '#/browse', label: 'Browse', match: ['browse', 'editNote'] },
  { href: '#/quiz', label: 'Quiz', match: ['quiz', 'quizAttempt'] },
  { href: '#/history', label: 'History', match: ['history'] },
  { href: '#/stats', label: 'Stats', match: ['stats'] },
  { href: '#/plan', label: 'Plan', match: ['plan'] },
  { href: '#/import', label: 'Import', match: ['import'] },
  { href: '#/sync', label: 'Sync', match: ['sync'] },
  { href: '#/settings', label: 'Settings', match: ['settings', 'presetOptions'] },
];

function show(route: Route): ReactNode {
  return (SCREENS[route.name] as (r: Route) => ReactNode)(route);
}

export function App() {
  const route = useRoute();
  const { data: status, error, setData: setStatus, reload: reloadStatus } = useCall('app.status', {});
  // A collection found damaged after the first screen: show the recovery screen at the next call.
  useEffect(() => onCollectionUnavailable(reloadStatus), [reloadStatus]);
  useEffect(() => onEvent((e) => e.type === 'collection.unavailable' && reloadStatus()), [reloadStatus]);
  // Leaving the review screen ends a review session: sync soon (see auto-sync.ts).
  const lastRoute = useRef(route.name);
  useEffect(() => {
    if (lastRoute.current === 'review' && route.name !== 'review') requestSyncAfterReview();
    lastRoute.current = route.name;
  }, [route.name]);

  if (error) {
    return (
      <main className="screen center">
        <div className="panel error-panel" role="alert">
          <h1>Retain is not reachable</h1>
          <p>{error}</p>
        </div>
      </main>
    );
  }
  if (!status) return <main className="screen center muted">Starting…</main>;
  if (status.state === 'unavailable') return <UnavailableScreen status={status} onRecovered={setStatus} />;

  return (
    <div className="app">
      <nav className="topbar" aria-label="Main">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true">R</span> Retain
        </a>
        <div className="tabs">
          {NAV.map((n) =>
            n.href === '#/sync' ? (
              <SyncNavTab key={n.href} active={n.match.includes(route.name)} />
            ) : (
              <a key={n.href} href={n.href} className={n.match.includes(route.name) ? 'tab active' : 'tab'}>
                {n.label}
              </a>
            ),
          )}
        </div>
      </nav>
      {status.lastRestore && <RestoreBanner key={status.lastRestore.at} restore={status.lastRestore} />}
      <Suspense fallback={<main className="screen muted">Loading…</main>}>{show(route)}</Suspense>
    </div>
  );
}
