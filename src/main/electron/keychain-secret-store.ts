/**
 * Secrets (the WebDAV password) encrypted by the operating system's keychain through Electron's
 * `safeStorage`, and kept as ciphertext in one file in the data folder, readable by this user only
 * (0600), never in the database. Where the keychain cannot be used (`isEncryptionAvailable()` is
 * false, or Linux without a secret service, where safeStorage would fall back to a fixed key) the
 * secrets stay in memory for this run only, and the Sync page says so.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createMemorySecretStore } from '../services/sync/memory-secret-store';
import type { SecretStore } from '../services/sync/sync-service-types';

export const SECRETS_FILE = 'sync-secrets.json';

/** The part of Electron's `safeStorage` used here. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  /** Linux only: "basic_text" means no keychain (a fixed, well-known key). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const fileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

/** Whether `cipher` really encrypts with a key of the user's (not a fixed fallback key). */
export function keychainUsable(cipher: SecretCipher, platform: NodeJS.Platform = process.platform): boolean {
  if (!cipher.isEncryptionAvailable()) return false;
  if (platform !== 'linux' || !cipher.getSelectedStorageBackend) return true;
  const backend = cipher.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

export function createKeychainSecretStore(dataDir: string, cipher: SecretCipher, platform: NodeJS.Platform = process.platform): SecretStore {
  if (!keychainUsable(cipher, platform)) return createMemorySecretStore();
  const file = join(dataDir, SECRETS_FILE);

  const readAll = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data.secrets : {};
    } catch {
      // An unreadable file holds nothing usable: the user enters the password again.
      return {};
    }
  };
  const writeAll = (secrets: Record<string, string>): void => {
    if (Object.keys(secrets).length === 0) {
      rmSync(file, { force: true });
      return;
    }
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, secrets })}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };

  return {
    kind: 'keychain',
    get(key) {
      const sealed = readAll()[key];
      if (sealed === undefined) return null;
      try {
        return cipher.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Sealed by another keychain (a copied data folder): ask for the password again.
        return null;
      }
    },
    set(key, value) {
      writeAll({ ...readAll(), [key]: cipher.encryptString(value).toString('base64') });
    },
    delete(key) {
      const secrets = readAll();
      if (!(key in secrets)) return;
      delete secrets[key];
      writeAll(secrets);
    },
  };
}
