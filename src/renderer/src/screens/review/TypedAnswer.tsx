import { useEffect, useRef } from 'react';
import type { TypedCheck } from '../../../../shared/api/review-contract';
import { afterNextPaint } from '../../after-paint';

/**
 * The answer box of a typed card. Enter checks (shows the answer); once shown, the comparison
 * as Anki's {{type:}} draws it: what was typed right, typed wrong, and missing.
 */
export function TypedAnswer({
  shownAt,
  value,
  onChange,
  revealed,
  check,
  onSubmit,
}: {
  /** When the card was shown: each showing (a new card, the same card again after undo) focuses the box. */
  shownAt: number;
  value: string;
  onChange: (text: string) => void;
  revealed: boolean;
  check: TypedCheck | null;
  onSubmit: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  // Once the card is painted: focusing lays the page out at once, which would hold the card back.
  useEffect(() => (revealed ? undefined : afterNextPaint(() => input.current?.focus())), [shownAt, revealed]);

  if (!revealed) {
    return (
      <form
        className="typed-answer"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <label htmlFor="typed-answer-input">Your answer</label>
        <input
          id="typed-answer-input"
          ref={input}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="Type the answer, then Enter"
        />
      </form>
    );
  }
  if (!check) return <div className="typed-result muted">{value.trim() ? 'Checking…' : ''}</div>;
  return (
    <div className={`typed-result ${check.correct ? 'right' : 'wrong'}`} role="status" aria-label="Your answer compared">
      <div className="typed-verdict">{check.correct ? '✓ Right' : value.trim() ? '✗ Not quite' : 'No answer typed'}</div>
      {value.trim() !== '' && (
        <div className="typed-diff" aria-label="Typed answer against the expected one">
          {check.segments.map((seg, i) => (
            <span key={i} className={`seg ${seg.kind}`} title={seg.kind === 'missing' ? 'missing' : seg.kind === 'wrong' ? 'typed wrong' : undefined}>
              {seg.text}
            </span>
          ))}
        </div>
      )}
      <div className="typed-expected">
        Expected: <strong>{check.expected}</strong>
      </div>
    </div>
  );
}
