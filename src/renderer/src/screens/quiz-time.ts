/** Quiz time as shown: the countdown from the server's deadline, clock and duration labels, the timer's level and what screen readers hear. */

/** Time left before the server's deadline, by the screen's clock corrected for the skew. */
export function remainingMs(deadlineAt: number | null, skewMs: number, clientNow: number): number | null {
  return deadlineAt === null ? null : Math.max(0, deadlineAt - (clientNow + skewMs));
}

/** "4:05", "1:02:03". Rounds up, so the clock shows 0:00 only when the time is up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "45 s", "2 min 05 s", "1 h 10 min". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  return s === 0 ? `${m} min` : `${m} min ${String(s).padStart(2, '0')} s`;
}

export type TimerLevel = 'normal' | 'warning' | 'critical';

/** Warning colour under a minute, critical under ten seconds. */
export function timerLevel(ms: number): TimerLevel {
  return ms < 10_000 ? 'critical' : ms < 60_000 ? 'warning' : 'normal';
}

/**
 * What to tell screen readers when the time left goes from `before` to `after`: at each whole
 * minute, then at 30 and 10 seconds, and when the time is up; null between those. When a jump
 * crosses several marks, only the last one is said.
 */
export function timeAnnouncement(before: number, after: number): string | null {
  if (after >= before) return null;
  if (after <= 0) return before > 0 ? 'Time is up.' : null;
  for (const mark of [10_000, 30_000]) if (before > mark && after <= mark) return `${mark / 1000} seconds left.`;
  const minute = Math.ceil(after / 60_000) * 60_000;
  if (before > minute && after <= minute) return minute === 60_000 ? '1 minute left.' : `${minute / 60_000} minutes left.`;
  return null;
}
