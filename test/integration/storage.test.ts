/** Migrations, refusal of newer databases, backups, corrupt files: on real SQLite files. */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/shared/api/app-contract';
import { createApp } from '../../src/main/app';
import { manualClock } from '../../src/main/core/clock';
import { migrate, schemaVersion } from '../../src/main/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/db/migrations';
import { openDb } from '../../src/main/db/open-db';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'retain-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migrations', () => {
  it('bring an empty file to the latest schema with WAL and foreign keys on', () => {
    const db = openDb(join(tmp(), 'a.db'));
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['cards', 'deck_notices', 'deck_sources', 'decks', 'media', 'note_tags', 'notes', 'presets', 'quiz_answers', 'quiz_attempts', 'quiz_questions', 'review_log', 'settings']),
    );
    // Running again is a no-op.
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    db.close();
  });

  it('run each pending migration in its own transaction and back up a non-empty file first', () => {
    const db = openDb(join(tmp(), 'b.db'));
    const v1 = MIGRATIONS.filter((m) => m.version === 1);
    migrate(db, { migrations: v1 });
    const extra = [...MIGRATIONS, { version: 99, name: 'test', sql: 'CREATE TABLE t99 (x INTEGER NOT NULL);' }];
    const broken = [...extra, { version: 100, name: 'broken', sql: 'CREATE TABLE t100 (x); SELECT no_such_function();' }];
    const backups: number[] = [];
    expect(() => migrate(db, { migrations: broken, backup: (from) => backups.push(from) })).toThrow();
    // 99 applied and kept; 100 rolled back entirely.
    expect(schemaVersion(db)).toBe(99);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't100'").get()).toEqual({ n: 0 });
    expect(backups).toEqual([1]);
    db.close();
  });

  it('refuse a database written by a newer Retain, without touching it', () => {
    const dir = tmp();
    const path = join(dir, 'retain.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const app = createApp({ dataDir: dir, clock: manualClock(0) });
    const status = app.collection.status();
    expect(status.state).toBe('unavailable');
    expect(status.state === 'unavailable' && status.message).toMatch(/newer version of Retain/);
    app.close();
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    again.close();
  });
});

describe('an unreadable collection', () => {
  it('is reported with its path, never overwritten, and can be replaced by the last backup', async () => {
    const dir = tmp();
    const clock = manualClock(Date.UTC(2026, 0, 1));
    // A good collection with one setting changed, and a backup of it.
    const first = createApp({ dataDir: dir, clock });
    await first.dispatch('settings.update', { newPerDay: 7 });
    expect(await first.dispatch('backups.create', {})).toMatchObject({ ok: true });
    first.close();
    expect(readdirSync(join(dir, 'backups')).length).toBeGreaterThan(0);

    const dbPath = join(dir, 'retain.db');
    for (const ext of ['-wal', '-shm']) rmSync(dbPath + ext, { force: true });
    writeFileSync(dbPath, 'this is not a database '.repeat(500));
    const app = createApp({ dataDir: dir, clock });
    const result = await app.dispatch('app.status', {});
    if (!result.ok) throw new Error(result.error.message);
    const status = result.value as AppStatus;
    if (status.state !== 'unavailable') throw new Error('expected the collection to be unavailable');
    expect(status.databasePath).toBe(dbPath);
    expect(status.backups.length).toBeGreaterThan(0);
    // Everything else is refused with a code, and the file is untouched.
    const list = await app.dispatch('decks.list', {});
    expect(list).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });

    const restored = await app.dispatch('app.restoreBackup', { name: status.backups[0]!.name });
    expect(restored).toMatchObject({ ok: true, value: { state: 'ok' } });
    const settings = await app.dispatch('settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { newPerDay: 7 } });
    // The unreadable file is kept, moved into the backups folder.
    const aside = readdirSync(join(dir, 'backups')).find((f) => f.startsWith('set-aside-'));
    expect(aside && readdirSync(join(dir, 'backups', aside))).toContain('retain.db');
    app.close();
  });

  it('unknown backup names are not found, and names outside the backups folder are refused', async () => {
    const dir = tmp();
    const app = createApp({ dataDir: dir, clock: manualClock(0) });
    expect(await app.dispatch('app.restoreBackup', { name: 'retain-x.db' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.dispatch('app.restoreBackup', { name: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    app.close();
    expect(existsSync(join(dir, 'retain.db'))).toBe(true);
  });
});
