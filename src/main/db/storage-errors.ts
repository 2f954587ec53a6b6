/**
 * Errors from the disk (SQLite or the file system) said in words a user can act on: a full disk,
 * a read-only folder, a locked or damaged file. Anything else is left to the caller.
 */
import { AppError } from '../../shared/api/errors';

export type StorageProblem = 'disk_full' | 'read_only' | 'busy' | 'damaged';

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** What kind of storage failure `err` is, or null when it is not one. */
export function storageProblem(err: unknown): StorageProblem | null {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full|no space left/i.test(message)) return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  return null;
}

export function diskFullMessage(dataDir: string): string {
  return `The disk holding ${dataDir} is full, so nothing was saved. Free some space on it (empty the trash, remove large files), then try again; what was saved before is safe.`;
}

export function readOnlyMessage(dataDir: string, err?: unknown): string {
  const code = codeOf(err);
  return `The data folder ${dataDir} is read-only${code ? ` (${code})` : ''}: Retain must be able to write its collection there. Make the folder writable (check its permissions, or that its disk is not mounted read-only), then try again.`;
}

/** An AppError for a storage failure during a call, or null when `err` is something else. */
export function storageAppError(err: unknown, dataDir: string): AppError | null {
  switch (storageProblem(err)) {
    case 'disk_full':
      return new AppError('disk_full', diskFullMessage(dataDir));
    case 'read_only':
      return new AppError('database_unavailable', readOnlyMessage(dataDir, err));
    case 'busy':
      return new AppError(
        'conflict',
        'The collection is busy with a long write by another Retain process (for example an import on the command line); try again when it has finished.',
      );
    case 'damaged':
      return new AppError(
        'database_unavailable',
        `The collection file in ${dataDir} is damaged (${(err as Error).message}). Use "Check database" in Settings, or restore a backup.`,
      );
    default:
      return null;
  }
}
