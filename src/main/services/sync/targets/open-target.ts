/** The target a stored configuration names, with its password from the secret store. */
import type { SecretStore } from '../sync-service-types';
import type { StoredTarget } from '../sync-state';
import { createFolderTarget } from './folder-target';
import { SyncTargetError, type SyncTarget } from './sync-target';
import { createWebdavTarget } from './webdav-target';

/** The secret store's key for a WebDAV password. */
export const webdavSecretKey = (t: { url: string; username: string }): string => `sync.webdav:${t.username}@${t.url}`;

export function openTarget(stored: StoredTarget, secrets: SecretStore, password?: string): SyncTarget {
  if (stored.kind === 'folder') return createFolderTarget(stored.path);
  const pass = password ?? secrets.get(webdavSecretKey(stored));
  if (pass === null) throw new SyncTargetError('auth', `The password for ${stored.url} is not kept on this computer any more: enter it again on the Sync page.`);
  return createWebdavTarget({ url: stored.url, username: stored.username, password: pass });
}
