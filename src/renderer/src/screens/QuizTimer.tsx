import { useEffect, useRef, useState } from 'react';
import { formatClock, timeAnnouncement, timerLevel } from './quiz-time';

/**
 * The visible countdown of a mock interview, plus a polite live region that speaks the time left
 * at each whole minute, then at 30 and 10 seconds, never every second.
 */
export function QuizTimer({ remainingMs, label = 'Time left' }: { remainingMs: number; label?: string }) {
  const previous = useRef(remainingMs);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const said = timeAnnouncement(previous.current, remainingMs);
    previous.current = remainingMs;
    if (said) setAnnouncement(said);
  }, [remainingMs]);

  const level = timerLevel(remainingMs);
  return (
    <div className={`quiz-timer ${level}`} title={label}>
      <svg className="quiz-timer-icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
        <circle cx="12" cy="13" r="8" />
        <path d="M12 9v4l2.5 2.5M9.5 2.5h5" />
      </svg>
      <span className="quiz-timer-label">{label}</span>
      <span className="quiz-timer-value" data-testid="quiz-timer">
        {formatClock(remainingMs)}
      </span>
      <span className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </span>
    </div>
  );
}
