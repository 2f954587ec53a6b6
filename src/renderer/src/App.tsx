import { useEffect, useState } from 'react';
import type { AppStatus } from '../../shared/api/app-contract';
import { call, ApiCallError } from './api/transport';
import { useRoute } from './router';
import { HomeScreen } from './screens/HomeScreen';
import { ImportScreen } from './screens/ImportScreen';
import { QuizHistoryScreen } from './screens/QuizHistoryScreen';
import { QuizScreen } from './screens/QuizScreen';
import { QuizSetupScreen } from './screens/QuizSetupScreen';
import { ReviewScreen } from './screens/ReviewScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { UnavailableScreen } from './screens/UnavailableScreen';
import { RestoreBanner } from './components/RestoreBanner';

const NAV = [
  { href: '#/', label: 'Decks', match: ['home', 'review'] },
  { href: '#/quiz', label: 'Quiz', match: ['quiz', 'quizAttempt'] },
  { href: '#/history', label: 'History', match: ['history'] },
  { href: '#/import', label: 'Import', match: ['import'] },
  { href: '#/settings', label: 'Settings', match: ['settings'] },
] as const;

export function App() {
  const route = useRoute();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('app.status', {})
      .then(setStatus)
      .catch((e: unknown) => setError(e instanceof ApiCallError ? e.message : String(e)));
  }, []);

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
          {NAV.map((n) => (
            <a key={n.href} href={n.href} className={(n.match as readonly string[]).includes(route.name) ? 'tab active' : 'tab'}>
              {n.label}
            </a>
          ))}
        </div>
      </nav>
      {status.lastRestore && <RestoreBanner key={status.lastRestore.at} restore={status.lastRestore} />}
      {route.name === 'home' && <HomeScreen />}
      {route.name === 'review' && <ReviewScreen key={route.deckId} deckId={route.deckId} />}
      {route.name === 'settings' && <SettingsScreen />}
      {route.name === 'import' && <ImportScreen />}
      {route.name === 'quiz' && <QuizSetupScreen />}
      {route.name === 'quizAttempt' && <QuizScreen key={route.attemptId} attemptId={route.attemptId} />}
      {route.name === 'history' && <QuizHistoryScreen />}
      {route.name === 'unknown' && (
        <main className="screen">
          <p>
            Nothing here. <a href="#/">Back to decks</a>
          </p>
        </main>
      )}
    </div>
  );
}
