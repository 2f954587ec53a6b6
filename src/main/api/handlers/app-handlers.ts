import type { appContract } from '../../../shared/api/app-contract';
import type { HandlerGroup, Needs } from '../handler-types';
import type { RecoveryMethod } from './recovery-handlers';

/** The app's methods that need the open collection (the rest are in recovery-handlers.ts). */
export function appHandlers(s: Needs<'backups' | 'settings'>): HandlerGroup<Exclude<keyof typeof appContract, RecoveryMethod>> {
  return {
    'backups.create': async () => {
      await s.backups.create('manual');
      return s.backups.view();
    },
    'backups.updateSettings': (patch) => s.backups.updateSettings(patch),
    'settings.get': () => s.settings.config(),
    'settings.update': (patch) => s.settings.update(patch),
  };
}
