/** The plan's headline figures: days left, cards in scope, readiness now and on the day, and the weakest topics on the day. */
import type { Plan } from '../../../../shared/api/plan-contract';
import { percentText, plural, shortDate } from '../stats/stats-format';

/** `active`: the saved plan; `changes`: the saved plan as edited, not saved yet; `preview`: no plan saved. */
export type OverviewMode = 'active' | 'changes' | 'preview';

export function PlanOverview({ plan, mode, updating }: { plan: Plan; mode: OverviewMode; updating: boolean }) {
  const active = mode === 'active';
  const weakest = plan.topics.slice(0, 3);
  const days = plan.daysLeft === 0 ? 'The interview is today' : `${plural(plan.daysLeft, 'day')} to the interview`;
  return (
    <section className="panel plan-overview" aria-labelledby="plan-overview-title" aria-busy={updating} data-testid="plan-overview">
      <div className="plan-overview-head">
        <h2 id="plan-overview-title">{active ? 'Your plan' : 'Preview'}</h2>
        {active && <span className={`chip ${plan.onTrack ? 'plan-on-track' : 'plan-off-track'}`}>{plan.onTrack ? 'On track' : 'Behind plan'}</span>}
        {!active && <span className="chip subtle">{mode === 'changes' ? 'Changes not saved' : 'Not started'}</span>}
        {updating && <span className="muted plan-updating">Updating…</span>}
      </div>
      <p className="plan-overview-line">
        {days} ({shortDate(plan.settings.interviewDate)}), {plural(plan.cardsInScope, 'card')} in scope, {plural(plan.unlearned, 'card')} not studied yet.
      </p>
      <dl className="plan-figures">
        <div>
          <dt>Ready on the day if you stop now</dt>
          <dd data-figure="now">{percentText(plan.readinessNow, 0)}</dd>
        </div>
        <div>
          <dt>Ready on the day with this plan</dt>
          <dd data-figure="projected" className="plan-figure-main">
            {percentText(plan.projectedReadiness, 0)}
          </dd>
        </div>
        <div>
          <dt>New cards a day (first day)</dt>
          <dd data-figure="new">{plan.days[0]?.newCards ?? 0}</dd>
        </div>
      </dl>
      {weakest.length > 0 && (
        <p className="plan-weakest">
          Weakest on the day: {weakest.map((t) => `${t.tag} (${percentText(t.readiness, 0)})`).join(', ')}.
        </p>
      )}
    </section>
  );
}
