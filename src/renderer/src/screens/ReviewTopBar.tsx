import { memo } from 'react';
import type { ReviewSession } from '../../../shared/api/review-contract';
import { navigate } from '../router';
import { progress } from './review-state';
import './review/plan-line.css';

/** Back link, deck name, today's counts, undo and the progress bar. Re-renders only when these change, not on a reveal. */
export const ReviewTopBar = memo(function ReviewTopBar({
  deckName,
  planLine = null,
  counts,
  answeredToday,
  canUndo,
  onUndo,
}: {
  deckName: string;
  /** An active interview plan's status line, or null. */
  planLine?: string | null;
  counts: ReviewSession['counts'] | undefined;
  answeredToday: number;
  canUndo: boolean;
  onUndo: () => void;
}) {
  const pct = Math.round(progress(counts, answeredToday) * 100);
  return (
    <>
      <div className="review-top">
        <button className="btn ghost" onClick={() => navigate('/')} title="Back to decks (Esc)">
          ← Decks
        </button>
        <div className="review-title">
          {deckName}
          {planLine && (
            <a className="review-plan-line" href="#/plan" title="Open the interview plan">
              {planLine}
            </a>
          )}
        </div>
        <div className="counts" aria-label="Cards left today">
          <span className="count new" title="New">{counts?.newCount ?? 0}</span>
          <span className="count learn" title="Learning">{counts?.learningCount ?? 0}</span>
          <span className="count due" title="To review">{counts?.dueCount ?? 0}</span>
        </div>
        <button className="btn ghost" onClick={onUndo} disabled={!canUndo} title="Undo last answer (Ctrl+Z)">
          ↶ Undo
        </button>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Today's progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </>
  );
});
