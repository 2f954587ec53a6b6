import type { planContract } from '../../../shared/api/plan-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function planHandlers(s: Needs<'plans' | 'readiness' | 'simulator'>): HandlerGroup<keyof typeof planContract> {
  return {
    'plan.get': () => s.plans.get(),
    'plan.preview': (input) => s.plans.preview(input),
    'plan.set': (input) => s.plans.set(input),
    'plan.clear': () => s.plans.clear(),
    'plan.status': () => s.plans.status(),
    'readiness.get': (input) => s.readiness.get(input),
    'simulate.run': (input) => s.simulator.run(input),
  };
}
