/** Secrets kept for this run only: the browser host's store, and Electron's when no keychain can be used. */
import type { SecretStore } from './sync-service-types';

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'memory',
    get: (key) => secrets.get(key) ?? null,
    set: (key, value) => void secrets.set(key, value),
    delete: (key) => void secrets.delete(key),
  };
}
