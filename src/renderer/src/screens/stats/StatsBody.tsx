/** Every chart of the statistics screen for one answer of `stats.get`, each with its summary line and numbers. */
import type { ReactNode } from 'react';
import type { Stats } from '../../../../shared/api/stats-contract';
import { NumbersTable } from './NumbersTable';
import { StatsBarChart, type ChartSeries } from './StatsBarChart';
import { StatsCardCounts } from './StatsCardCounts';
import { StatsDistributions } from './StatsDistributions';
import { StatsHeatmap } from './StatsHeatmap';
import { StatsRetentionTable } from './StatsRetentionTable';
import { StatsSection } from './StatsSection';
import { activitySummary, forecastSummary, hoursSummary, minutesText, percentText, plural, retention, retentionSummary, shortDate } from './stats-format';

const BUTTONS = ['Again', 'Hard', 'Good', 'Easy'] as const;
const GROUP_LABELS = { learning: 'Learning', young: 'Young', mature: 'Mature' } as const;
const ACTIVITY_BARS: readonly ChartSeries[] = [
  { key: 'answers', label: 'Answers', color: 'var(--good)' },
  { key: 'minutes', label: 'Minutes', color: 'var(--easy)' },
];
const BUTTON_BARS: readonly ChartSeries[] = [
  { key: 'learning', label: 'Learning', color: 'var(--learn)' },
  { key: 'young', label: 'Young', color: 'var(--good)' },
  { key: 'mature', label: 'Mature', color: 'var(--easy)' },
];

/** `extra`: sections loaded apart (the calibration check), shown after the others. */
export function StatsBody({ stats: s, busy, extra }: { stats: Stats; busy: boolean; extra?: ReactNode }) {
  const h = s.heatmap;
  const forecastRows = s.forecast.perDay.map((d, i) => ({ label: i === 0 ? 'Today' : shortDate(d.date), due: d.due }));
  const activityRows = s.activity.days.map((d) => ({ label: shortDate(d.date), answers: d.reviews, minutes: Math.round(d.minutes * 10) / 10 }));
  const hourRows = s.hours.map((x) => ({
    label: String(x.hour).padStart(2, '0'),
    answers: x.reviews,
    passRate: x.reviews ? Math.round((x.passed / x.reviews) * 1000) / 10 : null,
  }));
  const buttonRows = BUTTONS.map((b, i) => ({
    label: b,
    learning: s.buttons[0]?.counts[i] ?? 0,
    young: s.buttons[1]?.counts[i] ?? 0,
    mature: s.buttons[2]?.counts[i] ?? 0,
  }));
  // Charts of answers are left out when the range holds none: the summary line says so instead of empty axes.
  const answered = s.activity.reviews > 0;
  const scope = `${s.deckName ?? 'Whole collection'}${s.includeQuiz ? ', quiz answers included' : ''}`;
  return (
    <div className="stats-body" aria-busy={busy} data-testid="stats-body">
      <p className="muted stats-scope">
        {scope}. Study day of {s.today}.
      </p>
      {s.noHistory && (
        <p className="panel info-panel stats-no-history" role="status">
          No answers yet{s.includeQuiz ? '' : ' (quiz answers left out)'}: the charts of your history fill in as you study.
        </p>
      )}
      <div className="stats-grid">
        <StatsSection
          id="heatmap"
          title="Calendar"
          summary={`${plural(h.daysStudied, 'day')} studied in the last year. Current streak ${plural(h.currentStreak, 'day')}, longest ${plural(h.longestStreak, 'day')}.`}
        >
          <StatsHeatmap heatmap={h} />
        </StatsSection>
        <StatsSection id="retention" title="True retention" summary={retentionSummary(s.trueRetention)}>
          <StatsRetentionTable rows={s.trueRetention} />
        </StatsSection>
        <StatsSection id="card-counts" title="Card counts" summary={`${plural(s.cardCounts.total, 'card')} in all.`}>
          <StatsCardCounts counts={s.cardCounts} />
        </StatsSection>
        <StatsSection id="forecast" title="Future due" summary={forecastSummary(s)}>
          {s.forecast.total > 0 && <StatsBarChart data={forecastRows} xKey="label" bars={[{ key: 'due', label: 'Cards due', color: 'var(--accent)' }]} />}
          <NumbersTable caption="Cards due per day" columns={['Day', 'Cards due']} rows={forecastRows.map((r) => [r.label, r.due])} />
        </StatsSection>
        <StatsSection id="activity" title="Reviews per day" summary={activitySummary(s)}>
          {answered && <StatsBarChart data={activityRows} xKey="label" bars={ACTIVITY_BARS} />}
          <NumbersTable
            caption="Answers and minutes per day"
            columns={['Day', 'Answers', 'Minutes']}
            rows={[...s.activity.days].reverse().map((d) => [d.date, d.reviews, minutesText(d.minutes)])}
          />
        </StatsSection>
        <StatsSection id="buttons" title="Answer buttons" summary={buttonsSummary(s)}>
          {answered && <StatsBarChart data={buttonRows} xKey="label" bars={BUTTON_BARS} />}
          <NumbersTable
            caption={`Answer buttons, last ${s.rangeDays} days`}
            columns={['Cards', ...BUTTONS, 'Passed']}
            rows={s.buttons.map((b) => [GROUP_LABELS[b.group], ...b.counts, percentText(retention(b.counts[1] + b.counts[2] + b.counts[3], b.counts[0]))])}
          />
        </StatsSection>
        <StatsSection id="hours" title="Hour of day" summary={hoursSummary(s)}>
          {answered && (
            <StatsBarChart
              data={hourRows}
              xKey="label"
              bars={[{ key: 'answers', label: 'Answers', color: 'var(--accent)' }]}
              line={{ key: 'passRate', label: 'Passed %', color: 'var(--hard)' }}
            />
          )}
          <NumbersTable
            caption={`Answers per hour, last ${s.rangeDays} days`}
            columns={['Hour', 'Answers', 'Passed']}
            rows={s.hours.map((x) => [`${String(x.hour).padStart(2, '0')}:00`, x.reviews, percentText(retention(x.passed, x.reviews - x.passed))])}
          />
        </StatsSection>
        <StatsDistributions stats={s} />
        {extra}
      </div>
    </div>
  );
}

function buttonsSummary(s: Stats): string {
  const total = s.buttons.reduce((n, b) => n + b.counts.reduce((a, c) => a + c, 0), 0);
  if (total === 0) return `No answers in the last ${s.rangeDays} days.`;
  const again = s.buttons.reduce((n, b) => n + b.counts[0], 0);
  return `${plural(total, 'answer')} in the last ${s.rangeDays} days; Again on ${percentText(again / total)} of them.`;
}
