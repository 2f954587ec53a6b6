/**
 * A folder target: plain files, written to a temporary name in the same folder, flushed to disk,
 * then renamed (a sync service watching the folder sees the whole file appear at once).
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { READ_LIMIT_BYTES, SyncTargetError, tempNameFor, type SyncTarget, type TargetEntry } from './sync-target';

const codeOf = (err: unknown): string => ((err as NodeJS.ErrnoException)?.code ?? '');

function folderError(root: string, what: string, err: unknown): SyncTargetError {
  const code = codeOf(err);
  const why = err instanceof Error ? err.message : String(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new SyncTargetError('out_of_space', `The sync folder ${root} is out of space (${what}): free some space, then sync again.`);
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENODEV' || code === 'EIO' || code === 'ETIMEDOUT' || code === 'EHOSTDOWN')
    return new SyncTargetError('unreachable', `The sync folder ${root} cannot be reached (${what}: ${why}). Is the drive connected?`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new SyncTargetError('other', `Retain may not write in the sync folder ${root} (${what}: ${why}).`);
  return new SyncTargetError('other', `The sync folder ${root} failed (${what}: ${why}).`);
}

function writeDurably(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    let off = 0;
    while (off < data.byteLength) off += writeSync(fd, data, off, data.byteLength - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function createFolderTarget(root: string): SyncTarget {
  const full = (path: string): string => join(root, ...path.split('/'));
  const guard = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw err instanceof SyncTargetError ? err : folderError(root, what, err);
    }
  };
  const rootExists = async (): Promise<void> => {
    try {
      if (!(await stat(root)).isDirectory()) throw new SyncTargetError('unreachable', `The sync folder ${root} is not a folder.`);
    } catch (err) {
      if (err instanceof SyncTargetError) throw err;
      throw new SyncTargetError('unreachable', `The sync folder ${root} cannot be found. Is the drive connected?`);
    }
  };
  return {
    label: `the folder ${root}`,
    list: (folder) =>
      guard(`listing ${folder}`, async () => {
        await rootExists();
        try {
          const entries = await readdir(full(folder), { withFileTypes: true });
          return entries.map((e): TargetEntry => ({ name: e.name, folder: e.isDirectory() }));
        } catch (err) {
          if (codeOf(err) === 'ENOENT') return [];
          throw err;
        }
      }),
    read: (path) =>
      guard(`reading ${path}`, async () => {
        try {
          // A file larger than any sync file is read only to the limit (and refused as damaged).
          if ((await stat(full(path))).size > READ_LIMIT_BYTES) return new Uint8Array(READ_LIMIT_BYTES);
          return new Uint8Array(await readFile(full(path)));
        } catch (err) {
          if (codeOf(err) === 'ENOENT') return null;
          throw err;
        }
      }),
    write: (path, data) =>
      guard(`writing ${path}`, async () => {
        await rootExists();
        const target = full(path);
        const temp = join(dirname(target), tempNameFor(path.split('/').pop() ?? 'file'));
        try {
          writeDurably(temp, data);
          await rename(temp, target);
        } catch (err) {
          await rm(temp, { force: true }).catch(() => undefined);
          throw err;
        }
      }),
    remove: (path) => guard(`deleting ${path}`, () => rm(full(path), { force: true })),
    makeFolder: (path) =>
      guard(`making ${path}`, async () => {
        await rootExists();
        await mkdir(full(path), { recursive: true });
      }),
  };
}
