import type { statsContract } from '../../../shared/api/stats-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function statsHandlers(s: Needs<'stats'>): HandlerGroup<keyof typeof statsContract> {
  return {
    'stats.get': (input) => s.stats.get(input),
    'stats.calibration': (input) => s.stats.calibration(input),
  };
}
