import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { OVERALL, type TrendRow } from './quiz-trend';

/** Colours that read on both the light and the dark background. */
const PALETTE = ['#4c6ef5', '#12b886', '#f76707', '#ae3ec9', '#1098ad', '#e64980', '#74b816', '#fab005'];

/** Score per attempt (percent) for the overall score and each chosen topic. Decorative: the table next to it holds the same numbers. */
export function QuizTrendChart({ rows, topics }: { rows: TrendRow[]; topics: string[] }) {
  return (
    <div className="trend-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: -12 }}>
          <CartesianGrid className="trend-grid" strokeDasharray="3 3" />
          <XAxis dataKey="label" tickLine={false} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" tickLine={false} />
          <Tooltip formatter={(v) => `${String(v)}%`} wrapperClassName="trend-tooltip" />
          <Legend />
          <Line type="monotone" dataKey={OVERALL} stroke="var(--text)" strokeWidth={3} dot={{ r: 3 }} isAnimationActive={false} />
          {topics.map((t, i) => (
            <Line
              key={t}
              type="monotone"
              dataKey={t}
              stroke={PALETTE[i % PALETTE.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
