import type { ReviewSession } from '../../../shared/api/review-contract';
import { navigate } from '../router';

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Nothing left to study now: what was done today, when learning cards return, what tomorrow holds. */
export function ReviewDone({ session, onUndo }: { session: ReviewSession; onUndo: () => void }) {
  return (
    <section className="card-frame done" aria-live="polite">
      <div className="done-mark" aria-hidden="true">✓</div>
      <h1>Done for today</h1>
      <p>
        You answered <strong>{session.answeredToday}</strong> {session.answeredToday === 1 ? 'card' : 'cards'} in this deck today.
      </p>
      {session.nextLearningDueAt !== null && <p>More learning cards come due at {formatTime(session.nextLearningDueAt)}.</p>}
      <p>
        Due tomorrow: <strong>{session.dueTomorrow}</strong>
      </p>
      <div className="row gap">
        <button className="btn primary" onClick={() => navigate('/')} autoFocus>
          Back to decks
        </button>
        {session.canUndo && (
          <button className="btn" onClick={onUndo}>
            Undo last answer
          </button>
        )}
      </div>
    </section>
  );
}
