/**
 * The planner's inputs: interview date, daily minutes and scope (decks with their subdecks, topic
 * tags), each with its problem at the field; right under them whether the plan fits the budget and,
 * when it does not, what would make it fit; then start, save or stop.
 */
import { SaveStatus, type SaveStatusValue } from '../../components/SaveStatus';
import { useId } from 'react';
import type { DeckSummary } from '../../../../shared/api/decks-contract';
import { PLAN_LIMITS, type Plan } from '../../../../shared/api/plan-contract';
import { toggle } from '../list-toggle';
import { addDays, type PlanDraft, type PlanErrors } from './plan-draft';

export type SetPlanField = <K extends keyof PlanDraft>(key: K, value: PlanDraft[K]) => void;

interface Props {
  draft: PlanDraft;
  errors: PlanErrors;
  set: SetPlanField;
  today: string;
  decks: readonly DeckSummary[];
  tags: ReadonlyArray<{ tag: string; cards: number }>;
  /** The plan shown beside the form (the preview, or the active plan when unchanged). */
  plan: Plan | null;
  active: boolean;
  changed: boolean;
  busy: boolean;
  status: SaveStatusValue | null;
  onStart: () => void;
  onStop: () => void;
}

export function PlanForm({ draft, errors, set, today, decks, tags, plan, active, changed, busy, status, onStart, onStop }: Props) {
  const ids = { date: useId(), minutes: useId(), scope: useId(), fit: useId() };
  const describe = (id: string, err: string | undefined) => [err ? `${id}-error` : null, `${id}-help`].filter(Boolean).join(' ');
  return (
    <form
      className="panel plan-form"
      noValidate
      aria-label="Interview plan"
      onSubmit={(e) => {
        e.preventDefault();
        onStart();
      }}
    >
      <div className="plan-inputs">
        <label className="field" htmlFor={ids.date}>
          <span className="field-label">Interview date</span>
          <input
            id={ids.date}
            type="date"
            value={draft.interviewDate}
            min={today}
            max={addDays(today, PLAN_LIMITS.maxDaysAhead)}
            onChange={(e) => set('interviewDate', e.target.value)}
            aria-invalid={errors.interviewDate ? true : undefined}
            aria-describedby={describe(ids.date, errors.interviewDate)}
          />
          <span className="field-help" id={`${ids.date}-help`}>
            Today or up to two years ahead.
          </span>
          {errors.interviewDate && (
            <span className="field-error" id={`${ids.date}-error`}>
              {errors.interviewDate}
            </span>
          )}
        </label>
        <label className="field" htmlFor={ids.minutes}>
          <span className="field-label">Minutes a day</span>
          <input
            id={ids.minutes}
            type="number"
            inputMode="numeric"
            min={PLAN_LIMITS.minMinutesPerDay}
            max={PLAN_LIMITS.maxMinutesPerDay}
            step={1}
            value={draft.minutesPerDay}
            onChange={(e) => set('minutesPerDay', e.target.value)}
            aria-invalid={errors.minutesPerDay ? true : undefined}
            aria-describedby={describe(ids.minutes, errors.minutesPerDay)}
          />
          <span className="field-help" id={`${ids.minutes}-help`}>
            Your daily study budget.
          </span>
          {errors.minutesPerDay && (
            <span className="field-error" id={`${ids.minutes}-error`}>
              {errors.minutesPerDay}
            </span>
          )}
        </label>
      </div>

      <FitNote id={ids.fit} plan={plan} />

      <fieldset className="plan-scope" aria-describedby={errors.scope ? `${ids.scope}-error` : undefined}>
        <legend>What to prepare</legend>
        {errors.scope && (
          <p className="field-error" id={`${ids.scope}-error`}>
            {errors.scope}
          </p>
        )}
        <div className="plan-scope-group">
          <h3>Decks</h3>
          <p className="field-help">Each deck includes its subdecks.</p>
          <ul className="deck-picks">
            {decks.map((d) => (
              <li key={d.id} style={{ paddingLeft: `${d.depth * 1.25}rem` }}>
                <label className="field check">
                  <input type="checkbox" checked={draft.deckIds.includes(d.id)} onChange={() => set('deckIds', toggle(draft.deckIds, d.id))} />
                  <span className={d.depth === 0 ? 'deck-pick-root' : ''}>{d.name}</span>
                  <span className="muted deck-pick-count">{d.totalCards}</span>
                </label>
              </li>
            ))}
          </ul>
        </div>
        <div className="plan-scope-group">
          <h3>Topics</h3>
          <p className="field-help">{draft.tags.length === 0 ? 'Optional: cards with any chosen topic tag.' : `${draft.tags.length} chosen.`}</p>
          {tags.length === 0 ? (
            <p className="muted">No topic tags in this collection.</p>
          ) : (
            <div className="tag-picks plan-tag-picks">
              {tags.map((t) => {
                const on = draft.tags.includes(t.tag);
                return (
                  <button key={t.tag} type="button" className={`tag-pick ${on ? 'on' : ''}`} aria-pressed={on} onClick={() => set('tags', toggle(draft.tags, t.tag))}>
                    {t.tag} <span className="tag-count">{t.cards}</span>
                  </button>
                );
              })}
            </div>
          )}
        </div>
      </fieldset>

      <div className="plan-actions">
        {active ? (
          <>
            <button className="btn primary" type="submit" disabled={busy || !changed}>
              Save changes
            </button>
            <button className="btn" type="button" disabled={busy} onClick={onStop}>
              Stop plan
            </button>
          </>
        ) : (
          <button className="btn primary" type="submit" disabled={busy}>
            Start this plan
          </button>
        )}
        <SaveStatus status={status} />
      </div>
    </form>
  );
}

/** Whether the plan fits the budget, in plain words, with what would make it fit. */
function FitNote({ id, plan }: { id: string; plan: Plan | null }) {
  if (!plan) return <div id={id} className="plan-fit" aria-live="polite" />;
  const peak = plan.days.reduce((m, d) => Math.max(m, d.minutes), 0);
  return (
    <div id={id} className={`plan-fit ${plan.fits ? 'fits' : 'misfit'}`} aria-live="polite" data-testid="plan-fit">
      {plan.fits ? (
        <p>
          <strong>Fits your budget.</strong> At most {Math.ceil(peak)} min on the busiest day.
        </p>
      ) : (
        <>
          <p>
            <strong>Does not fit:</strong> {plan.problem ?? 'the plan needs more time than the daily budget.'}
          </p>
          {plan.suggestions.length > 0 && (
            <>
              <p className="plan-fit-lead">What would make it fit:</p>
              <ul>
                {plan.suggestions.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
