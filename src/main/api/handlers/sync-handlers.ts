import { isAbsolute } from 'node:path';
import type { syncContract } from '../../../shared/api/sync-contract';
import { AppError } from '../../../shared/api/errors';
import type { HandlerGroup, Needs } from '../handler-types';

export function syncHandlers(s: Needs<'sync' | 'events'>): HandlerGroup<keyof typeof syncContract> {
  return {
    'sync.status': () => s.sync.status(),
    'sync.setFolder': ({ path }) => {
      if (!isAbsolute(path)) throw new AppError('invalid_input', `path: "${path}" is not a full folder path (choose the folder, or paste its whole path)`);
      return s.sync.connect({ kind: 'folder', path });
    },
    'sync.setWebdav': ({ url, username, password }) => s.sync.connect({ kind: 'webdav', url, username, password }),
    'sync.now': () => s.sync.syncNow((progress) => s.events.publish({ type: 'sync.progress', progress })),
    'sync.disconnect': () => s.sync.disconnect(),
  };
}
