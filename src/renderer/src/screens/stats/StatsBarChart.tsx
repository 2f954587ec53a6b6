/**
 * Bars (optionally stacked) over a category axis, with an optional line on a percent axis.
 * Decorative for assistive technology: each chart's section carries the same numbers as text.
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

interface Props {
  data: ReadonlyArray<Record<string, string | number | null>>;
  xKey: string;
  bars: readonly ChartSeries[];
  stacked?: boolean;
  /** Drawn against a 0–100 % axis on the right. */
  line?: ChartSeries;
  height?: number;
}

export function StatsBarChart({ data, xKey, bars, stacked = false, line, height = 220 }: Props) {
  return (
    <div className="stats-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart accessibilityLayer={false} data={[...data]} margin={{ top: 8, right: line ? 0 : 12, bottom: 0, left: -16 }}>
          <CartesianGrid className="stats-grid" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={xKey} tickLine={false} minTickGap={12} fontSize={12} />
          <YAxis yAxisId="count" allowDecimals={false} tickLine={false} fontSize={12} />
          {line && <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} unit="%" tickLine={false} fontSize={12} />}
          <Tooltip wrapperClassName="stats-tooltip" cursor={{ fill: 'var(--border)', opacity: 0.4 }} />
          {(bars.length > 1 || line) && <Legend />}
          {bars.map((b) => (
            <Bar
              key={b.key}
              yAxisId="count"
              dataKey={b.key}
              name={b.label}
              fill={b.color}
              stackId={stacked ? 'stack' : undefined}
              isAnimationActive={false}
            />
          ))}
          {line && (
            <Line
              yAxisId="percent"
              type="monotone"
              dataKey={line.key}
              name={line.label}
              stroke={line.color}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
