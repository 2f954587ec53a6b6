/**
 * What the sync handlers ask of the sync service, and where WebDAV passwords are kept. Types only:
 * the service (sync-service.ts) implements them and the hosts choose the secret store.
 */
import type { SyncConnectResult, SyncProgress, SyncStatus } from '../../../shared/api/sync-contract';

/** A target as the user gave it; the password goes to the secret store, never to the database. */
export type SyncTargetInput = { kind: 'folder'; path: string } | { kind: 'webdav'; url: string; username: string; password: string };

export interface SyncControl {
  status(): SyncStatus;
  /** Test the target (it answers, can be written to, the password is right); keep it only when the test passes. */
  connect(target: SyncTargetInput): Promise<SyncConnectResult>;
  /** Sync now, or join the sync already running; resolves when it has finished (its problem is in the status). */
  syncNow(onProgress?: (progress: SyncProgress) => void): Promise<SyncStatus>;
  /** Forget the target and its password; the journal stays on. */
  disconnect(): SyncStatus;
  /** Stop the automatic syncs (the collection is closing). */
  stop(): void;
}

/**
 * Where a WebDAV password is kept. `keychain`: encrypted by the operating system and kept across
 * restarts; `memory`: kept until the app quits (the Sync page asks for it again after a restart).
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}
