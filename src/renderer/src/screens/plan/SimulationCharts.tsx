/**
 * The simulator's two charts, one line per desired retention: minutes of study per day, and
 * knowledge (cards expected to be remembered) per day. Decorative for assistive technology: the
 * table beside them holds the same comparison as text.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Simulation } from '../../../../shared/api/plan-contract';
import { shortDate } from '../stats/stats-format';
import '../stats/stats.css';

const COLORS = ['var(--again)', 'var(--hard)', 'var(--good)', 'var(--easy)', 'var(--accent)', 'var(--learn)', 'var(--new)', 'var(--muted)'];

function seriesRows(sim: Simulation, pick: (d: Simulation['rows'][number]['perDay'][number]) => number) {
  const first = sim.rows[0]?.perDay ?? [];
  return first.map((d, i) => {
    const row: Record<string, string | number> = { label: shortDate(d.date) };
    sim.rows.forEach((r, j) => {
      const day = r.perDay[i];
      if (day) row[`s${j}`] = Math.round(pick(day) * 10) / 10;
    });
    return row;
  });
}

function SimulationLines({ sim, title, pick, unit }: { sim: Simulation; title: string; pick: (d: Simulation['rows'][number]['perDay'][number]) => number; unit: string }) {
  return (
    <figure className="sim-chart">
      <figcaption>{title}</figcaption>
      <div className="stats-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={200}>
          <LineChart accessibilityLayer={false} data={seriesRows(sim, pick)} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
            <CartesianGrid className="stats-grid" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tickLine={false} minTickGap={16} fontSize={12} />
            <YAxis tickLine={false} fontSize={12} />
            <Tooltip wrapperClassName="stats-tooltip" formatter={(v) => `${String(v)} ${unit}`} />
            <Legend />
            {sim.rows.map((r, j) => (
              <Line
                key={r.desiredRetention}
                type="monotone"
                dataKey={`s${j}`}
                name={`${Math.round(r.desiredRetention * 100)}%${r.desiredRetention === sim.bestRetention ? ' (best)' : ''}`}
                stroke={COLORS[j % COLORS.length]}
                strokeWidth={r.desiredRetention === sim.bestRetention ? 3 : 1.5}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function SimulationCharts({ sim }: { sim: Simulation }) {
  return (
    <div className="sim-charts">
      <SimulationLines sim={sim} title="Minutes per day" pick={(d) => d.minutes} unit="min" />
      <SimulationLines sim={sim} title="Cards remembered" pick={(d) => d.knowledge} unit="cards" />
    </div>
  );
}
