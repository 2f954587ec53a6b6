/**
 * Calibration check: what the memory model predicted before each answer (retrievability, in
 * 5-point bins) against how often the user actually passed, with the overall figures. Loaded with
 * its own call after the other charts, since it replays every card's history.
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Calibration } from '../../../../shared/api/stats-contract';
import { useCall } from '../../api/use-call';
import { NumbersTable } from './NumbersTable';
import { StatsSection } from './StatsSection';
import { percentText, plural } from './stats-format';

const pct = (share: number) => Math.round(share * 1000) / 10;

export function calibrationSummary(c: Calibration): string {
  if (c.reviews === 0 || c.predicted === null || c.actual === null) {
    return 'No answers to check yet: the check needs answers given a day or more after the one before, on cards studied from new.';
  }
  const gap = c.actual - c.predicted;
  const verdict =
    Math.abs(gap) < 0.02 ? 'the model fits you well' : gap > 0 ? 'you remember more than the model expects' : 'you remember less than the model expects';
  return (
    `Over ${plural(c.reviews, 'answer')} the model predicted ${percentText(c.predicted)} and you passed ${percentText(c.actual)}: ${verdict}. ` +
    `RMSE over the bins ${percentText(c.rmseBins)}, log loss ${c.logLoss?.toFixed(3) ?? '—'}.`
  );
}

export function StatsCalibration({ deckId, includeQuiz }: { deckId: number | null; includeQuiz: boolean }) {
  const calibration = useCall('stats.calibration', { deckId, includeQuiz });
  const c = calibration.data;
  if (!c) {
    return (
      <StatsSection id="calibration" title="Calibration" summary={calibration.error ?? 'Replaying your history…'}>
        {null}
      </StatsSection>
    );
  }
  const rows = c.bins.map((b) => ({ label: `${b.from}–${b.to}%`, answers: b.reviews, predicted: pct(b.predicted), actual: pct(b.actual) }));
  return (
    <StatsSection id="calibration" title="Calibration" summary={calibrationSummary(c)}>
      {c.reviews > 0 && (
        <div className="stats-chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={240}>
            <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
              <CartesianGrid className="stats-grid" strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tickLine={false} minTickGap={12} fontSize={12} />
              <YAxis yAxisId="count" allowDecimals={false} tickLine={false} fontSize={12} />
              <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} unit="%" tickLine={false} fontSize={12} />
              <Tooltip wrapperClassName="stats-tooltip" cursor={{ fill: 'var(--border)', opacity: 0.4 }} />
              <Legend />
              <Bar yAxisId="count" dataKey="answers" name="Answers" fill="var(--muted)" fillOpacity={0.35} isAnimationActive={false} />
              <Line yAxisId="percent" dataKey="predicted" name="Predicted %" stroke="var(--accent)" strokeDasharray="4 3" strokeWidth={2} isAnimationActive={false} />
              <Line yAxisId="percent" dataKey="actual" name="Passed %" stroke="var(--good)" strokeWidth={2} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <NumbersTable
        caption="Predicted recall against answers passed"
        columns={['Predicted', 'Answers', 'Mean prediction', 'Passed']}
        rows={c.bins.map((b) => [`${b.from}–${b.to}%`, b.reviews, percentText(b.predicted), percentText(b.actual)])}
      />
    </StatsSection>
  );
}
