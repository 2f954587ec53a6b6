import type { displayContract } from '../../../shared/api/display-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function displayHandlers(s: Needs<'settings'>): HandlerGroup<keyof typeof displayContract> {
  return {
    'display.get': () => s.settings.display.get(),
    'display.update': (patch) => s.settings.display.update(patch),
  };
}
