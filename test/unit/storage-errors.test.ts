/** Disk errors said in words a user can act on, whatever layer raised them. */
import { describe, expect, it } from 'vitest';
import { storageAppError, storageProblem } from '../../src/main/db/storage-errors';

const err = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('storage errors', () => {
  it('recognise a full disk, a read-only folder, a lock and damage from SQLite and from the file system', () => {
    expect(storageProblem(err('SQLITE_FULL', 'database or disk is full'))).toBe('disk_full');
    expect(storageProblem(err('ENOSPC'))).toBe('disk_full');
    expect(storageProblem(new Error('SqliteError: database or disk is full'))).toBe('disk_full');
    expect(storageProblem(err('SQLITE_READONLY_DBMOVED'))).toBe('read_only');
    expect(storageProblem(err('EROFS'))).toBe('read_only');
    expect(storageProblem(err('SQLITE_BUSY'))).toBe('busy');
    expect(storageProblem(err('SQLITE_CORRUPT_INDEX'))).toBe('damaged');
    expect(storageProblem(err('SQLITE_NOTADB'))).toBe('damaged');
    expect(storageProblem(new TypeError('x is undefined'))).toBeNull();
  });

  it('give a code the renderer branches on and a message naming the folder and what to do', () => {
    const full = storageAppError(err('SQLITE_FULL'), '/data/Retain');
    expect(full?.code).toBe('disk_full');
    expect(full?.message).toMatch(/\/data\/Retain is full.*Free some space/);
    const ro = storageAppError(err('EROFS'), '/data/Retain');
    expect(ro?.code).toBe('database_unavailable');
    expect(ro?.message).toMatch(/\/data\/Retain is read-only \(EROFS\).*writable/);
    expect(storageAppError(new Error('other'), '/data/Retain')).toBeNull();
  });
});
