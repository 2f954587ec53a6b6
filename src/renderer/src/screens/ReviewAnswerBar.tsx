import { memo, useEffect, useRef } from 'react';
import type { CardView } from '../../../shared/api/review-contract';
import { afterNextPaint } from '../after-paint';

const RATINGS = [
  { rating: 1, label: 'Again', key: '1', className: 'again' },
  { rating: 2, label: 'Hard', key: '2', className: 'hard' },
  { rating: 3, label: 'Good', key: '3', className: 'good' },
  { rating: 4, label: 'Easy', key: '4', className: 'easy' },
] as const;

/**
 * "Show answer", or the four ratings with the interval each would give; focus stays on the button
 * the next key would use: the suggested rating (Again after a wrong pick or typed answer, else Good).
 * A typed card's answer box keeps the focus before the answer is shown.
 */
export const ReviewAnswerBar = memo(function ReviewAnswerBar({
  cardId,
  intervals,
  revealed,
  busy,
  suggested = 3,
  typed = false,
  onReveal,
  onRate,
}: {
  cardId: number;
  intervals: CardView['intervals'];
  revealed: boolean;
  busy: boolean;
  suggested?: 1 | 3;
  typed?: boolean;
  onReveal: () => void;
  onRate: (rating: 1 | 2 | 3 | 4) => void;
}) {
  const showAnswerRef = useRef<HTMLButtonElement>(null);
  const suggestedRef = useRef<HTMLButtonElement>(null);
  // After the frame that shows the change: moving focus makes the browser lay out the page at once.
  useEffect(
    () => (!revealed && typed ? undefined : afterNextPaint(() => (revealed ? suggestedRef : showAnswerRef).current?.focus())),
    [revealed, cardId, suggested, typed],
  );

  // One list for both states, keyed by rating, with "Show answer" in the suggested rating's place: the
  // button that has the focus stays the same element when a card is answered or revealed, only its label
  // changes. Taking a focused button out of the page makes the browser bring its styles up to date in the
  // middle of the change, before the frame that shows the next card.
  return (
    <div className="answer-bar">
      <div className={revealed ? 'ratings' : 'answer-slot'} {...(revealed ? { role: 'group', 'aria-label': 'Rate your recall' } : {})}>
        {RATINGS.map((r) =>
          !revealed ? (
            r.rating === suggested && (
              <button key={r.rating} ref={showAnswerRef} className="btn primary wide" onClick={onReveal} disabled={busy}>
                Show answer <kbd>Space</kbd>
              </button>
            )
          ) : (
            <button
              key={r.rating}
              ref={r.rating === suggested ? suggestedRef : undefined}
              className={`btn rating ${r.className}${r.rating === suggested && suggested !== 3 ? ' suggested' : ''}`}
              onClick={() => onRate(r.rating)}
              disabled={busy}
              aria-keyshortcuts={r.key}
            >
              <span className="interval">{intervals[r.rating - 1]}</span>
              <span className="label">{r.label}</span>
              <kbd>{r.key}</kbd>
              {r.rating === suggested && suggested !== 3 && <span className="suggested-note">suggested</span>}
            </button>
          ),
        )}
      </div>
    </div>
  );
}, (a, b) =>
  a.cardId === b.cardId &&
  a.revealed === b.revealed &&
  a.busy === b.busy &&
  a.suggested === b.suggested &&
  a.typed === b.typed &&
  a.onReveal === b.onReveal &&
  a.onRate === b.onRate &&
  a.intervals.join() === b.intervals.join(),
);
