import type { appContract } from '../../../shared/api/app-contract';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app';

export function appHandlers(s: Services): HandlerGroup<keyof typeof appContract> {
  return {
    'app.status': () => s.status(),
    'app.restoreBackup': ({ name }) => s.restoreBackup(name),
    'settings.get': () => s.settings.config(),
    'settings.update': (patch) => s.settings.update(patch),
  };
}
