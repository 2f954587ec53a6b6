/**
 * The plan day by day: projected readiness on the interview day (with the desired retention the
 * scheduler uses that day) and the minutes of study each day against the budget. Each chart has a
 * summary line and its numbers as a table; the charts themselves are hidden from assistive technology.
 */
import type { ReactNode } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Plan } from '../../../../shared/api/plan-contract';
import { NumbersTable } from '../stats/NumbersTable';
import { StatsSection } from '../stats/StatsSection';
import { percentText, shortDate } from '../stats/stats-format';
import '../stats/stats.css';

const pct = (share: number) => Math.round(share * 1000) / 10;
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** Minutes of a day split into new cards and reviews, from the plan's seconds per answer. */
function minutesSplit(plan: Plan, d: Plan['days'][number]) {
  const fresh = Math.min(d.minutes, (d.newCards * plan.secondsPerNewCard) / 60);
  return { newMinutes: oneDecimal(fresh), reviewMinutes: oneDecimal(Math.max(0, d.minutes - fresh)) };
}

/** The frame both charts share: one row per day, a grid, the day axis, a tooltip and a legend. */
function DayChart({ rows, unit, children }: { rows: ReadonlyArray<Record<string, string | number>>; unit: string; children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <ComposedChart accessibilityLayer={false} data={[...rows]} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
        <CartesianGrid className="stats-grid" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tickLine={false} minTickGap={16} fontSize={12} />
        <Tooltip wrapperClassName="stats-tooltip" cursor={{ fill: 'var(--border)', opacity: 0.4 }} formatter={(v) => `${String(v)}${unit}`} />
        <Legend />
        {children}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function PlanReadinessChart({ plan }: { plan: Plan }) {
  const rows = plan.days.map((d) => ({ label: shortDate(d.date), readiness: pct(d.projectedReadiness), target: pct(d.desiredRetention) }));
  const first = plan.days[0]?.desiredRetention ?? 0;
  const last = plan.days[plan.days.length - 1]?.desiredRetention ?? first;
  const target =
    Math.round(first * 100) === Math.round(last * 100)
      ? `Desired retention stays at ${percentText(first, 0)}.`
      : `Desired retention goes from ${percentText(first, 0)} to ${percentText(last, 0)} on the last day.`;
  const summary = `Following the plan: ${percentText(plan.projectedReadiness, 0)} ready on ${shortDate(plan.settings.interviewDate)}, against ${percentText(
    plan.readinessNow,
    0,
  )} if you stopped today. ${target}`;
  return (
    <StatsSection id="plan-readiness" title="Projected readiness" summary={summary}>
      <div className="stats-chart" aria-hidden="true">
        <DayChart rows={rows} unit="%">
          <YAxis domain={[0, 100]} unit="%" tickLine={false} fontSize={12} />
            <ReferenceLine y={pct(plan.readinessNow)} stroke="var(--muted)" strokeDasharray="4 4" ifOverflow="extendDomain" />
            <Line type="monotone" dataKey="readiness" name="Ready on the day" stroke="var(--good)" strokeWidth={2.5} dot={false} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="target" name="Desired retention" stroke="var(--easy)" strokeDasharray="5 4" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </DayChart>
        <p className="plan-chart-note">Dashed grey line: ready on the day if you stopped today ({percentText(plan.readinessNow, 0)}).</p>
      </div>
      <NumbersTable
        caption="Projected readiness on the interview day, as it stands at the end of each day"
        columns={['Day', 'Ready on the day', 'Desired retention']}
        rows={plan.days.map((d) => [d.date, percentText(d.projectedReadiness), percentText(d.desiredRetention, 0)])}
      />
    </StatsSection>
  );
}

export function PlanMinutesChart({ plan }: { plan: Plan }) {
  const budget = plan.settings.minutesPerDay;
  const rows = plan.days.map((d) => ({ label: shortDate(d.date), ...minutesSplit(plan, d) }));
  const total = plan.days.reduce((s, d) => s + d.minutes, 0);
  const over = plan.days.filter((d) => d.minutes > budget + 0.5).length;
  const newCards = plan.days.reduce((s, d) => s + d.newCards, 0);
  const source = plan.timesFromHistory ? 'your own median times' : 'default times until you have history';
  const summary = `${Math.round(total)} min over ${plan.days.length} ${plan.days.length === 1 ? 'day' : 'days'} (${oneDecimal(
    total / Math.max(1, plan.days.length),
  )} a day on average, budget ${budget}); ${newCards} new cards; ${over === 0 ? 'no day over budget' : `${over} ${over === 1 ? 'day' : 'days'} over budget`}. Based on ${source}: ${Math.round(
    plan.secondsPerReview,
  )} s a review, ${Math.round(plan.secondsPerNewCard)} s a new card.`;
  return (
    <StatsSection id="plan-minutes" title="Minutes per day" summary={summary}>
      <div className="stats-chart" aria-hidden="true">
        <DayChart rows={rows} unit=" min">
          <YAxis tickLine={false} fontSize={12} />
            <Bar dataKey="reviewMinutes" name="Reviews" stackId="m" fill="var(--good)" isAnimationActive={false} />
            <Bar dataKey="newMinutes" name="New cards" stackId="m" fill="var(--new)" isAnimationActive={false} />
            <ReferenceLine y={budget} stroke="var(--again)" strokeDasharray="4 4" ifOverflow="extendDomain" label={{ value: `Budget ${budget} min`, position: 'insideTopLeft', fontSize: 12, fill: 'var(--again)' }} />
        </DayChart>
      </div>
      <NumbersTable
        caption="Planned study per day"
        columns={['Day', 'New cards', 'Reviews', 'Of them ahead', 'Minutes']}
        rows={plan.days.map((d) => [d.date, d.newCards, d.reviews, d.reviewAhead, oneDecimal(d.minutes)])}
      />
    </StatsSection>
  );
}
