/**
 * Backups with a test clock: every 30 minutes of use when something changed, before imports,
 * database checks and restores; retention by the settings; written through the online backup
 * API while answers go on, checked and renamed into place; restore → undo restore loses nothing,
 * and a restore keeps the replaced collection (with its WAL) whole.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus, BackupsView } from '../../src/shared/api/app-contract';
import type { RetainApp } from '../../src/main/app';
import { manualClock, type ManualClock } from '../../src/main/core/clock';
import { answerCards, call, loggedAnswers, missingAnswers, RECOVERY_START, recoveryScratch } from '../support/recovery';
import { stageFile } from '../support/staged-import';

const MIN = 60_000;
const DAY = 86_400_000;
const scratch = recoveryScratch('retain-backups-');
afterEach(() => scratch.cleanup());

function fresh(): { app: RetainApp; clock: ManualClock; dir: string } {
  const dir = scratch.dir();
  const clock = manualClock(RECOVERY_START);
  return { app: scratch.open(dir, clock), clock, dir };
}

const names = (app: RetainApp): string[] => app.collection.backups.view().backups.map((b) => b.name);

describe('backup schedule', () => {
  it('makes a backup every 30 minutes of use when something changed, and none when nothing did', async () => {
    const { app, clock } = fresh();
    const b = app.collection.backups;
    expect(await b.tick()).not.toBeNull(); // none yet
    clock.advance(10 * MIN);
    await answerCards(app, 3);
    expect(await b.tick()).toBeNull(); // 10 minutes since the last
    clock.advance(20 * MIN);
    expect((await b.tick())?.name).toMatch(/-periodic\.db$/); // 30 minutes, and answers since
    clock.advance(3 * 60 * MIN);
    expect(await b.tick()).toBeNull(); // hours later, but nothing changed
    await answerCards(app, 1);
    expect(await b.tick()).not.toBeNull();
    expect(names(app)).toHaveLength(3);
  });

  it('makes one before an import, a database check and a restore', async () => {
    const { app } = fresh();
    await call(app, 'import.commit', { stageId: await stageFile(app.dispatch, 'cards.csv', 'front,back\nWhat is 2+2?,4\n') });
    expect(names(app).some((n) => n.endsWith('-before-import.db'))).toBe(true);
    await call(app, 'app.checkDatabase');
    expect(names(app).some((n) => n.endsWith('-before-check.db'))).toBe(true);
    await call(app, 'app.restoreBackup', { name: names(app).at(-1) });
    expect(names(app).some((n) => n.endsWith('-before-restore.db'))).toBe(true);
  });

  it('thins old backups by the retention settings', async () => {
    const { app, clock } = fresh();
    await call(app, 'backups.updateSettings', { keepAllDays: 1, daily: 3, weekly: 1, monthly: 0 });
    for (let day = 0; day < 20; day++) {
      await answerCards(app, 1);
      await call(app, 'backups.create');
      clock.advance(DAY);
    }
    // Today's window (1 day) holds the newest; then 3 daily and 1 weekly.
    const view = await call<BackupsView>(app, 'backups.list');
    expect(view.settings).toMatchObject({ keepAllDays: 1, daily: 3, weekly: 1, monthly: 0, intervalMinutes: 30 });
    expect(view.backups).toHaveLength(1 + 3 + 1);
    expect(await app.dispatch('backups.updateSettings', { daily: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('backup files', () => {
  it('are written while answers go on, pass integrity_check, and no partial file is ever listed', async () => {
    const { app, dir } = fresh();
    await answerCards(app, 50);
    const pending = app.collection.backups.create('manual');
    await answerCards(app, 50);
    const info = await pending;
    const copy = new Database(join(dir, 'backups', info.name), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number }).n).toBeGreaterThanOrEqual(50);
    copy.close();
    // A backup cut off by a crash leaves a partial file: removed at the next start, never offered.
    const partial = join(dir, 'backups', '.partial-retain-20260310T090000Z-periodic.db');
    writeFileSync(partial, 'half a backup');
    app.close();
    const again = scratch.open(dir);
    expect(existsSync(partial)).toBe(false);
    expect(names(again)).toEqual([info.name]);
  });
});

describe('restore', () => {
  it('backs up the current state first, keeps the replaced files with their WAL, and can be undone without losing an answer', async () => {
    const { app, dir } = fresh();
    const acked = await answerCards(app, 20);
    const backup = (await app.collection.backups.create('manual')).name;
    await answerCards(app, 15, acked);
    const dbPath = join(dir, 'retain.db');
    expect(existsSync(`${dbPath}-wal`)).toBe(true);
    const total = [...acked.values()].reduce((a, b) => a + b, 0);

    const restored = await call<AppStatus>(app, 'app.restoreBackup', { name: backup });
    expect(restored.state).toBe('ok');
    expect(restored.lastRestore).toMatchObject({ restored: backup, undoBackup: expect.stringMatching(/-before-restore\.db$/) });
    expect([...loggedAnswers(dbPath).values()].reduce((a, b) => a + b, 0)).toBe(20);
    // The replaced collection is kept whole beside the backups.
    const aside = restored.lastRestore!.setAside!;
    expect(readdirSync(aside)).toContain('retain.db');
    const kept = new Database(join(aside, 'retain.db'), { readonly: true });
    expect((kept.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number }).n).toBe(total);
    kept.close();

    const undone = await call<AppStatus>(app, 'app.restoreBackup', { name: restored.lastRestore!.undoBackup });
    expect(undone.state).toBe('ok');
    expect(missingAnswers(acked, dbPath)).toEqual([]);
    await answerCards(app, 5, acked);
    app.close();
    expect(missingAnswers(acked, dbPath)).toEqual([]);
  });

  it('of a collection that cannot be opened moves its file and its WAL aside together, so the answers only the WAL holds are kept', async () => {
    const { app, dir } = fresh();
    const backup = (await app.collection.backups.create('manual')).name;
    const acked = await answerCards(app, 25);
    // A copy of the files as a kill -9 would leave them: the answers are in retain.db-wal only.
    const crashed = scratch.dir();
    const dbPath = join(crashed, 'retain.db');
    for (const ext of ['', '-wal']) copyFileSync(join(dir, `retain.db${ext}`), `${dbPath}${ext}`);
    // Mark it as written by a newer Retain, keeping the WAL (a second connection stops the checkpoint on close).
    const writer = new Database(dbPath);
    const reader = new Database(dbPath);
    reader.prepare('SELECT count(*) FROM cards').get();
    writer.pragma('user_version = 999');
    writer.close();
    const walCopy = scratch.dir();
    for (const ext of ['', '-wal']) copyFileSync(`${dbPath}${ext}`, join(walCopy, `retain.db${ext}`));
    reader.close();
    mkdirSync(join(walCopy, 'backups'));
    copyFileSync(join(dir, 'backups', backup), join(walCopy, 'backups', backup));

    const broken = scratch.open(walCopy);
    expect(broken.collection.status()).toMatchObject({ state: 'unavailable', reason: 'newer_schema' });
    const restored = await call<AppStatus>(broken, 'app.restoreBackup', { name: backup });
    expect(restored.state).toBe('ok');
    const aside = restored.lastRestore!.setAside!;
    expect(readdirSync(aside)).toEqual(expect.arrayContaining(['retain.db', 'retain.db-wal']));
    expect(missingAnswers(acked, join(aside, 'retain.db'))).toEqual([]);
  });

  it('refuses a backup that fails its check, and changes nothing', async () => {
    const { app, dir } = fresh();
    await answerCards(app, 5);
    mkdirSync(join(dir, 'backups'), { recursive: true });
    writeFileSync(join(dir, 'backups', 'retain-20260101T000000Z-daily.db'), 'not a database at all'.repeat(100));
    const r = await app.dispatch('app.restoreBackup', { name: 'retain-20260101T000000Z-daily.db' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(app.collection.status().state).toBe('ok');
    expect(loggedAnswers(join(dir, 'retain.db')).size).toBeGreaterThan(0);
  });
});
