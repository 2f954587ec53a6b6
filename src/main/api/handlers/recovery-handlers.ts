import type { HandlerGroup, Needs } from '../handler-types';

/** The methods that answer while the collection cannot be opened: its status, the ways to recover it, and the backups to recover from. */
export type RecoveryMethod = 'app.status' | 'app.retry' | 'app.restoreBackup' | 'app.checkDatabase' | 'app.startFresh' | 'backups.list';

export function recoveryHandlers(s: Needs<'status' | 'retry' | 'restoreBackup' | 'checkDatabase' | 'startFresh' | 'backups'>): HandlerGroup<RecoveryMethod> {
  return {
    'app.status': () => s.status(),
    'app.retry': () => s.retry(),
    'app.restoreBackup': ({ name }) => s.restoreBackup(name),
    'app.checkDatabase': () => s.checkDatabase(),
    'app.startFresh': () => s.startFresh(),
    'backups.list': () => s.backups.view(),
  };
}
