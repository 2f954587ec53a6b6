/** Reviews per study day over the last year as a calendar (weeks as columns, Sunday on top). */
import type { Heatmap } from '../../../../shared/api/stats-contract';
import { NumbersTable } from './NumbersTable';
import { plural } from './stats-format';

const DAY_MS = 86_400_000;

function level(reviews: number, max: number): number {
  if (reviews === 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((reviews / max) * 4)));
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function StatsHeatmap({ heatmap }: { heatmap: Heatmap }) {
  const byDay = new Map(heatmap.days.map((d) => [d.day, d.reviews]));
  const max = Math.max(1, ...heatmap.days.map((d) => d.reviews));
  // 1970-01-01 was a Thursday: (day + 4) % 7 is the weekday, Sunday 0.
  const lead = (heatmap.firstDay + 4) % 7;
  const cells: Array<{ day: number | null }> = Array.from({ length: lead }, () => ({ day: null }));
  for (let d = heatmap.firstDay; d <= heatmap.today; d++) cells.push({ day: d });
  return (
    <>
      <div className="stats-heatmap" aria-hidden="true">
        {cells.map((c, i) =>
          c.day === null ? (
            <span key={`pad-${i}`} className="heat-cell heat-pad" />
          ) : (
            <span
              key={c.day}
              className={`heat-cell heat-${level(byDay.get(c.day) ?? 0, max)}${c.day === heatmap.today ? ' heat-today' : ''}`}
              title={`${dateOf(c.day)}: ${plural(byDay.get(c.day) ?? 0, 'answer')}`}
            />
          ),
        )}
      </div>
      <div className="heat-legend" aria-hidden="true">
        Less {[0, 1, 2, 3, 4].map((l) => <span key={l} className={`heat-cell heat-${l}`} />)} More
      </div>
      <NumbersTable
        caption="Answers per study day (days with answers only)"
        columns={['Date', 'Answers']}
        rows={[...heatmap.days].reverse().map((d) => [d.date, d.reviews])}
      />
    </>
  );
}
