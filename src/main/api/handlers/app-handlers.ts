import type { appContract } from '../../../shared/api/app-contract';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app';

export function appHandlers(s: Services): HandlerGroup<keyof typeof appContract> {
  return {
    'app.status': () => s.status(),
    'app.retry': () => s.retry(),
    'app.restoreBackup': ({ name }) => s.restoreBackup(name),
    'app.checkDatabase': () => s.checkDatabase(),
    'app.startFresh': () => s.startFresh(),
    'backups.list': () => s.backups.view(),
    'backups.create': async () => {
      await s.backups.create('manual');
      return s.backups.view();
    },
    'backups.updateSettings': (patch) => s.backups.updateSettings(patch),
    'settings.get': () => s.settings.config(),
    'settings.update': (patch) => s.settings.update(patch),
  };
}
