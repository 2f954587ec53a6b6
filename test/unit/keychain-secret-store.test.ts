/**
 * The Electron secret store on a real folder, with a real cipher standing in for the system
 * keychain (AES-256-GCM under a key only this test knows): the password is kept as ciphertext in a
 * 0600 file, survives a new store (a restart), and without a usable keychain stays in memory only.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeychainSecretStore, SECRETS_FILE, type SecretCipher } from '../../src/main/electron/keychain-secret-store';

function aesCipher(key = randomBytes(32), backend = 'gnome_libsecret', available = true): SecretCipher {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('keychain secret store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'retain-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the password sealed in a file only its owner can read, and finds it after a restart', () => {
    const cipher = aesCipher();
    const store = createKeychainSecretStore(dir, cipher, 'linux');
    expect(store.kind).toBe('keychain');
    store.set('webdav', 'correct horse battery staple');
    const file = join(dir, SECRETS_FILE);
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(createKeychainSecretStore(dir, cipher, 'linux').get('webdav')).toBe('correct horse battery staple');
    store.delete('webdav');
    expect(existsSync(file)).toBe(false);
    expect(createKeychainSecretStore(dir, cipher, 'linux').get('webdav')).toBeNull();
  });

  it('asks again (null) when the file was sealed by another keychain or is damaged', () => {
    createKeychainSecretStore(dir, aesCipher(), 'linux').set('webdav', 'pw');
    expect(createKeychainSecretStore(dir, aesCipher(), 'linux').get('webdav')).toBeNull();
    writeFileSync(join(dir, SECRETS_FILE), '{not json');
    const store = createKeychainSecretStore(dir, aesCipher(), 'linux');
    expect(store.get('webdav')).toBeNull();
    store.set('webdav', 'new');
    expect(store.get('webdav')).toBe('new');
  });

  it('keeps the password in memory only when no keychain can be used', () => {
    for (const cipher of [aesCipher(undefined, 'gnome_libsecret', false), aesCipher(undefined, 'basic_text')]) {
      const store = createKeychainSecretStore(dir, cipher, 'linux');
      expect(store.kind).toBe('memory');
      store.set('webdav', 'pw');
      expect(store.get('webdav')).toBe('pw');
      expect(existsSync(join(dir, SECRETS_FILE))).toBe(false);
    }
    // The "basic_text" backend exists on Linux only; elsewhere an available cipher is the keychain.
    expect(createKeychainSecretStore(dir, aesCipher(undefined, 'basic_text'), 'darwin').kind).toBe('keychain');
  });
});
