/** Numbers of the statistics screen as text: the summary lines and table cells each chart carries. */
import type { Distribution, RetentionRow, Stats } from '../../../../shared/api/stats-contract';

export function percentText(share: number | null, digits = 1): string {
  return share === null ? '—' : `${(share * 100).toFixed(digits)}%`;
}

export function retention(passed: number, failed: number): number | null {
  return passed + failed === 0 ? null : passed / (passed + failed);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function minutesText(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const h = Math.floor(minutes / 60);
  return `${h} h ${Math.round(minutes - h * 60)} min`;
}

/** "12 Mar" from "2026-03-12". */
export function shortDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export const PERIOD_LABELS: Record<RetentionRow['period'], string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  week: 'Last week',
  month: 'Last month',
  year: 'Last year',
};

export function retentionSummary(rows: readonly RetentionRow[]): string {
  const month = rows.find((r) => r.period === 'month');
  if (!month) return '';
  const passed = month.young.passed + month.mature.passed;
  const failed = month.young.failed + month.mature.failed;
  if (passed + failed === 0) return 'No review answers in the last month yet.';
  return `Last month: ${percentText(retention(passed, failed))} of ${plural(passed + failed, 'review answer')} passed (young ${percentText(
    retention(month.young.passed, month.young.failed),
  )}, mature ${percentText(retention(month.mature.passed, month.mature.failed))}).`;
}

export function distributionSummary(d: Distribution, what: string, unit: (mean: number) => string): string {
  if (d.cards === 0 || d.mean === null) return `No ${what} to show yet: no card here has been studied.`;
  const top = d.buckets.reduce((a, b) => (b.cards > a.cards ? b : a));
  return `${plural(d.cards, 'card')}, mean ${what} ${unit(d.mean)}; most cards (${top.cards.toLocaleString('en-US')}) at ${top.label}.`;
}

export function forecastSummary(s: Stats): string {
  const f = s.forecast;
  const tomorrow = f.perDay[1]?.due ?? 0;
  return `${plural(f.total, 'card')} due in the next ${s.rangeDays} days (${f.perDay[0]?.due ?? 0} today, ${f.overdue} of them overdue; ${tomorrow} tomorrow); ${(
    f.total / Math.max(1, f.perDay.length)
  ).toFixed(1)} a day on average.`;
}

export function activitySummary(s: Stats): string {
  const a = s.activity;
  return `${plural(a.reviews, 'answer')} and ${minutesText(a.minutes)} over the last ${s.rangeDays} days, on ${plural(a.daysStudied, 'day')} (${(
    a.reviews / s.rangeDays
  ).toFixed(1)} answers a day on average).`;
}

export function hoursSummary(s: Stats): string {
  const busiest = s.hours.reduce((a, b) => (b.reviews > a.reviews ? b : a));
  if (busiest.reviews === 0) return `No answers in the last ${s.rangeDays} days.`;
  return `Busiest hour in the last ${s.rangeDays} days: ${String(busiest.hour).padStart(2, '0')}:00 with ${plural(busiest.reviews, 'answer')}, ${percentText(
    retention(busiest.passed, busiest.reviews - busiest.passed),
  )} passed.`;
}
