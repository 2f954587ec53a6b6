/**
 * Where sync files are kept: a folder (kept in sync by the user's own sync service) or a WebDAV
 * server. Paths are relative, with "/" between parts, under the target's root. Every failure is a
 * `SyncTargetError` whose kind the Sync page can explain.
 */
import { MAX_FILE_BYTES } from '../../../core/sync/sync-files';
import type { SyncProblem } from '../../../../shared/api/sync-contract';

export interface TargetEntry {
  name: string;
  folder: boolean;
}

export interface SyncTarget {
  /** What the user chose, for messages ("the folder /…", "the WebDAV server https://…"). */
  readonly label: string;
  /** The entries of a folder; [] when it does not exist. */
  list(folder: string): Promise<TargetEntry[]>;
  /** A file's bytes; null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** Write a whole file: to a temporary name first, then renamed, so readers never see half of it. */
  write(path: string, data: Uint8Array): Promise<void>;
  /** Delete a file (no error when it is already gone). */
  remove(path: string): Promise<void>;
  /** Make a folder and its parents (no error when it exists). */
  makeFolder(path: string): Promise<void>;
}

export type SyncTargetErrorKind = 'unreachable' | 'auth' | 'out_of_space' | 'other';

export class SyncTargetError extends Error {
  constructor(
    readonly kind: SyncTargetErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SyncTargetError';
  }
}

/** The problem a failed sync reports (anything that is not a target error is 'other'). */
export function syncProblemOf(err: unknown): SyncProblem {
  if (err instanceof SyncTargetError) return { code: err.kind, message: err.message };
  return { code: 'other', message: err instanceof Error ? err.message : String(err) };
}

/** A temporary name beside `name` for an atomic write; sync-files.ts never reads it (it ends in .tmp). */
export function tempNameFor(name: string): string {
  return `.${name}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
}

export const joinPath = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

/**
 * The most a target hands back for one read: one byte past the largest file a sync reads, so a
 * larger (hostile or broken) file is refused as damaged without ever being held whole.
 */
export const READ_LIMIT_BYTES = MAX_FILE_BYTES + 1;

/** A response body, at most `limit` bytes of it (a longer body is cut there). */
export async function bodyUpTo(res: Response, limit: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - total;
    chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
    total += Math.min(value.byteLength, room);
    if (total >= limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks, total);
}
