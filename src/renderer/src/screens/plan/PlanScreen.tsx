/**
 * The interview planner (#/plan): the date, the daily budget and the scope; a live preview of the
 * plan as the inputs change (projected readiness and minutes per day, whether it fits and what would
 * make it fit); start, change or stop the plan; and readiness per topic. Charts come with this
 * lazily loaded screen only.
 */
import { useState } from 'react';
import type { DeckSummary } from '../../../../shared/api/decks-contract';
import type { Plan } from '../../../../shared/api/plan-contract';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';
import { useCall } from '../../api/use-call';
import { ScreenError } from '../../components/ScreenError';
import { PlanMinutesChart, PlanReadinessChart } from './PlanCharts';
import { PlanForm, type SetPlanField } from './PlanForm';
import { PlanOverview } from './PlanOverview';
import { TopicReadinessPanel } from './TopicReadinessPanel';
import { defaultDraft, draftOf, fieldOfPlanError, localDate, readPlanDraft, sameSettings, type PlanDraft, type PlanErrors, type PlanField } from './plan-draft';
import { usePlanPreview } from './use-plan-preview';
import './plan.css';

export function PlanScreen() {
  const plan = useCall('plan.get', {});
  const decks = useCall('decks.list', {});
  const options = useCall('quiz.options', {});
  const error = plan.error ?? decks.error;
  if (error) return <ScreenError what="The plan" error={error} />;
  if (!plan.data || !decks.data || (!options.data && !options.error)) return <main className="screen muted">Loading the plan…</main>;
  return <PlanEditor initial={plan.data.plan} decks={decks.data.decks} tags={options.data?.tags ?? []} />;
}

interface EditorProps {
  initial: Plan | null;
  decks: readonly DeckSummary[];
  tags: ReadonlyArray<{ tag: string; cards: number }>;
}

function PlanEditor({ initial, decks, tags }: EditorProps) {
  const today = initial?.today ?? localDate(Date.now());
  const [active, setActive] = useState<Plan | null>(initial);
  const [draft, setDraft] = useState<PlanDraft>(() => (initial ? draftOf(initial.settings) : defaultDraft(today)));
  const [errors, setErrors] = useState<PlanErrors>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const read = readPlanDraft(draft, today);
  const unchanged = active !== null && sameSettings(draft, draftOf(active.settings));
  const preview = usePlanPreview('settings' in read && !unchanged ? read.settings : null);
  const serverField = preview.error ? fieldOfPlanError(preview.error) : null;
  const shown = unchanged ? active : preview.plan;

  // Problems show at their field as the user types (an untouched empty scope only once they try to start).
  const fieldErrors: PlanErrors = { ...errors };
  if (serverField) fieldErrors[serverField.field] ??= serverField.message;

  const set: SetPlanField = (key, value) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    setStatus(null);
    const r = readPlanDraft(next, today);
    const field: PlanField = key === 'deckIds' || key === 'tags' ? 'scope' : (key as PlanField);
    setErrors((e) => ({ ...e, [field]: 'errors' in r ? r.errors[field] : undefined }));
  };

  const start = () => {
    if ('errors' in read) {
      setErrors(read.errors);
      setStatus({ kind: 'error', text: 'Fix the highlighted fields; no plan was started.' });
      return;
    }
    setBusy(true);
    call('plan.set', read.settings)
      .then((saved) => {
        setStatus({ kind: 'ok', text: active ? 'Plan updated. Reviews follow it from now on.' : 'Plan started. Reviews follow it from now on.' });
        setActive(saved);
        setDraft(draftOf(saved.settings));
      })
      .catch((err: unknown) => {
        const message = errorMessage(err);
        const at = fieldOfPlanError(message);
        if (at) setErrors((e) => ({ ...e, [at.field]: at.message }));
        setStatus({ kind: 'error', text: at ? 'Fix the highlighted field; no plan was started.' : `No plan was started: ${message}` });
      })
      .finally(() => setBusy(false));
  };

  const stop = () => {
    setBusy(true);
    call('plan.clear', {})
      .then(() => {
        setActive(null);
        setStatus({ kind: 'ok', text: "Plan stopped: your presets' settings apply again." });
      })
      .catch((err: unknown) => setStatus({ kind: 'error', text: `The plan was not stopped: ${errorMessage(err)}` }))
      .finally(() => setBusy(false));
  };

  const onlyDeck = active && active.settings.scope.deckIds.length === 1 ? (active.settings.scope.deckIds[0] ?? null) : null;
  return (
    <main className="screen plan-screen">
      <header className="page-head">
        <div>
          <h1>Interview plan</h1>
          <p className="muted">Give your interview date and daily time: Retain paces new cards and raises retention so you are ready on the day.</p>
        </div>
        {active && (
          <p className="plan-active-note">
            <span className="chip">Active</span> Reviews follow this plan until {active.settings.interviewDate}.
          </p>
        )}
      </header>
      {preview.error && !serverField && (
        <p className="banner error" role="alert">
          The plan could not be worked out: {preview.error}
        </p>
      )}
      <div className="plan-layout">
        <PlanForm
          draft={draft}
          errors={fieldErrors}
          set={set}
          today={today}
          decks={decks}
          tags={tags}
          plan={shown}
          active={active !== null}
          changed={!unchanged}
          busy={busy}
          status={status}
          onStart={start}
          onStop={stop}
        />
        <div className="plan-result">
          {shown ? (
            <>
              <PlanOverview plan={shown} mode={unchanged ? 'active' : active ? 'changes' : 'preview'} updating={preview.loading} />
              <PlanReadinessChart plan={shown} />
              <PlanMinutesChart plan={shown} />
            </>
          ) : (
            <section className="panel plan-placeholder" aria-live="polite">
              {preview.loading ? (
                <p>Working out the plan…</p>
              ) : (
                <>
                  <h2>Your plan shows here</h2>
                  <p className="muted">Choose the decks or topics to prepare, your interview date and your daily minutes: the plan updates as you type.</p>
                </>
              )}
            </section>
          )}
        </div>
      </div>
      <TopicReadinessPanel key={active?.settings.interviewDate ?? 'none'} decks={decks} interviewDate={active?.settings.interviewDate ?? null} initialDeckId={onlyDeck} />
    </main>
  );
}
