import { useEffect, useState } from 'react';
import type { ReviewSession } from '../../../shared/api/review-contract';
import { navigate } from '../router';
import { requestSyncAfterReview } from './sync/auto-sync';

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "4:05" or "1:02:30" until `ms` from now. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Nothing to study right now. Either the day is done (what was done, what tomorrow holds), or
 * learning cards come back later today: then a countdown to the next one, and the screen goes
 * back to it by itself when it can be studied (as Anki does).
 */
export function ReviewDone({ session, onUndo, onDue }: { session: ReviewSession; onUndo: () => void; onDue: () => void }) {
  const shownAt = session.nextLearningShownAt;
  const [now, setNow] = useState(() => Date.now());
  // The session has finished: sync soon (at most once a minute, only when sync is set up).
  useEffect(() => requestSyncAfterReview(), []);
  useEffect(() => {
    if (shownAt === null) return;
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, [shownAt]);
  useEffect(() => {
    if (shownAt !== null && now >= shownAt) onDue();
  }, [now, shownAt, onDue]);

  const waiting = shownAt !== null;
  const learning = session.counts.learningCount;
  return (
    <section className={`card-frame done${waiting ? ' waiting' : ''}`} aria-live="polite">
      <div className="done-mark" aria-hidden="true">
        {waiting ? (
          <svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
            <circle cx="12" cy="13" r="8" />
            <path d="M12 9v4l2.5 2.5M9 2.5h6" />
          </svg>
        ) : (
          '✓'
        )}
      </div>
      <h1>{waiting ? 'Learning cards come back soon' : 'Done for today'}</h1>
      {waiting && (
        <>
          <p className="countdown" role="timer" aria-label="Next learning card in">
            Next card in <strong>{countdownText(shownAt - now)}</strong>
          </p>
          <p>
            {plural(learning, 'learning card is', 'learning cards are')} still due today (the next at{' '}
            {formatTime(session.nextLearningDueAt ?? shownAt)}). This screen goes back to them by itself.
          </p>
        </>
      )}
      <p>
        {plural(session.answeredToday, 'answer', 'answers')} in this deck today.
      </p>
      <p>
        Due tomorrow: <strong>{session.dueTomorrow}</strong>
      </p>
      <div className="row gap">
        <button className="btn primary" onClick={() => navigate('/')} autoFocus>
          Back to decks
        </button>
        {session.canUndo && (
          <button className="btn" onClick={onUndo}>
            Undo
          </button>
        )}
      </div>
    </section>
  );
}
