/** Histograms of stability, difficulty, retrievability (now) and intervals, each with its summary and numbers. */
import type { Distribution, Stats } from '../../../../shared/api/stats-contract';
import { NumbersTable } from './NumbersTable';
import { StatsBarChart } from './StatsBarChart';
import { StatsSection } from './StatsSection';
import { distributionSummary } from './stats-format';

const days = (mean: number) => `${mean.toFixed(1)} days`;
const percent = (mean: number) => `${mean.toFixed(1)}%`;

const CHARTS: ReadonlyArray<{ id: string; key: 'stability' | 'difficulty' | 'retrievability' | 'intervals'; title: string; what: string; unit: (m: number) => string; color: string }> = [
  { id: 'stability', key: 'stability', title: 'Stability', what: 'stability', unit: days, color: 'var(--easy)' },
  { id: 'difficulty', key: 'difficulty', title: 'Difficulty', what: 'difficulty', unit: percent, color: 'var(--hard)' },
  { id: 'retrievability', key: 'retrievability', title: 'Retrievability now', what: 'retrievability', unit: percent, color: 'var(--good)' },
  { id: 'intervals', key: 'intervals', title: 'Review intervals', what: 'interval', unit: days, color: 'var(--accent)' },
];

function DistributionChart({ d, color, caption }: { d: Distribution; color: string; caption: string }) {
  const rows = d.buckets.map((b) => ({ label: b.label, cards: b.cards }));
  return (
    <>
      {d.cards > 0 && <StatsBarChart data={rows} xKey="label" bars={[{ key: 'cards', label: 'Cards', color }]} height={180} />}
      <NumbersTable caption={caption} columns={['Range', 'Cards']} rows={rows.map((r) => [r.label, r.cards])} />
    </>
  );
}

export function StatsDistributions({ stats }: { stats: Stats }) {
  return (
    <>
      {CHARTS.map((c) => (
        <StatsSection key={c.id} id={c.id} title={c.title} summary={distributionSummary(stats[c.key], c.what, c.unit)}>
          <DistributionChart d={stats[c.key]} color={c.color} caption={`Cards by ${c.what}`} />
        </StatsSection>
      ))}
    </>
  );
}
