import { memo, useEffect, useRef } from 'react';
import type { CardView } from '../../../shared/api/review-contract';

const RATINGS = [
  { rating: 1, label: 'Again', key: '1', className: 'again' },
  { rating: 2, label: 'Hard', key: '2', className: 'hard' },
  { rating: 3, label: 'Good', key: '3', className: 'good' },
  { rating: 4, label: 'Easy', key: '4', className: 'easy' },
] as const;

/** "Show answer", or the four ratings with the interval each would give; focus stays on the button the next key would use. */
export const ReviewAnswerBar = memo(function ReviewAnswerBar({
  cardId,
  intervals,
  revealed,
  busy,
  onReveal,
  onRate,
}: {
  cardId: number;
  intervals: CardView['intervals'];
  revealed: boolean;
  busy: boolean;
  onReveal: () => void;
  onRate: (rating: 1 | 2 | 3 | 4) => void;
}) {
  const showAnswerRef = useRef<HTMLButtonElement>(null);
  const goodRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    (revealed ? goodRef : showAnswerRef).current?.focus();
  }, [revealed, cardId]);

  return (
    <div className="answer-bar">
      {!revealed ? (
        <button ref={showAnswerRef} className="btn primary wide" onClick={onReveal} disabled={busy}>
          Show answer <kbd>Space</kbd>
        </button>
      ) : (
        <div className="ratings" role="group" aria-label="Rate your recall">
          {RATINGS.map((r, i) => (
            <button
              key={r.rating}
              ref={r.rating === 3 ? goodRef : undefined}
              className={`btn rating ${r.className}`}
              onClick={() => onRate(r.rating)}
              disabled={busy}
              aria-keyshortcuts={r.key}
            >
              <span className="interval">{intervals[i]}</span>
              <span className="label">{r.label}</span>
              <kbd>{r.key}</kbd>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}, (a, b) =>
  a.cardId === b.cardId &&
  a.revealed === b.revealed &&
  a.busy === b.busy &&
  a.onReveal === b.onReveal &&
  a.onRate === b.onRate &&
  a.intervals.join() === b.intervals.join(),
);
