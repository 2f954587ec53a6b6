import type { displayContract } from '../../../shared/api/display-contract';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app';

export function displayHandlers(s: Services): HandlerGroup<keyof typeof displayContract> {
  return {
    'display.get': () => s.settings.display.get(),
    'display.update': (patch) => s.settings.display.update(patch),
  };
}
