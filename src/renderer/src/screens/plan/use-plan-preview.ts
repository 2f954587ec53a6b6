/**
 * The plan a valid draft would give (`plan.preview`), asked for once the user pauses typing, and
 * only the answer to the latest draft kept. Nothing is saved.
 */
import { useEffect, useRef, useState } from 'react';
import type { Plan, PlanSettingsInput } from '../../../../shared/api/plan-contract';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';

export const PREVIEW_DELAY_MS = 350;

export interface PreviewState {
  plan: Plan | null;
  error: string | null;
  loading: boolean;
}

/** `settings` null: nothing to preview (the draft has a problem, or it is the active plan itself). */
export function usePlanPreview(settings: PlanSettingsInput | null): PreviewState {
  const key = settings ? JSON.stringify(settings) : null;
  const [state, setState] = useState<PreviewState>({ plan: null, error: null, loading: false });
  const round = useRef(0);

  useEffect(() => {
    const mine = ++round.current;
    if (key === null) {
      setState({ plan: null, error: null, loading: false });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      call('plan.preview', JSON.parse(key) as PlanSettingsInput)
        .then((plan) => mine === round.current && setState({ plan, error: null, loading: false }))
        .catch((err: unknown) => mine === round.current && setState({ plan: null, error: errorMessage(err), loading: false }));
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return state;
}
