/**
 * Damaged, foreign and unwritable collection files at start-up, on real SQLite files: each is
 * named with a clear reason, nothing is migrated or written into it, the newest good backup is
 * offered, and restoring (or "Check database") brings back every answer acknowledged before it.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus, DatabaseCheck } from '../../src/shared/api/app-contract';
import type { RetainApp } from '../../src/main/app';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations';
import { START_CHECK_GRACE_MS } from '../../src/main/services/collection-service';
import { answerCards, call, missingAnswers, recoveryScratch, sha256 } from '../support/recovery';

const scratch = recoveryScratch('retain-recovery-');
afterEach(() => scratch.cleanup());
const open = (dataDir: string): RetainApp => scratch.open(dataDir);

/** A collection with 30 answers, a backup of it, then 10 more answers; closed. */
async function collectionWithBackup(): Promise<{ dir: string; dbPath: string; acked: Map<number, number>; backup: string }> {
  const dir = scratch.dir();
  const app = open(dir);
  const acked = await answerCards(app, 30);
  const { backups } = await call<{ backups: Array<{ name: string }> }>(app, 'backups.create');
  await answerCards(app, 10);
  app.close();
  return { dir, dbPath: join(dir, 'retain.db'), acked, backup: backups[0]!.name };
}

function unavailable(app: RetainApp): Extract<AppStatus, { state: 'unavailable' }> {
  const s = app.collection.status();
  if (s.state !== 'unavailable') throw new Error('expected the collection to be unavailable');
  return s;
}

/**
 * The damage check runs after the first screen, in a worker thread: ask for the deck list as the
 * first screen does, then wait (without starting the check ourselves) until the app reports the
 * collection unavailable.
 */
async function afterFirstScreen(app: RetainApp): Promise<Extract<AppStatus, { state: 'unavailable' }>> {
  await app.dispatch('decks.list', {});
  // Sooner than the fallback that runs the check when no screen asks, so this sees the first screen's doing.
  for (const until = Date.now() + START_CHECK_GRACE_MS - 1500; Date.now() < until; ) {
    if (app.collection.status().state === 'unavailable') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return unavailable(app);
}

function removeWal(dbPath: string): void {
  // Closing checkpoints the WAL into the file; a stray -shm must not outlive the file it belonged to.
  for (const ext of ['-wal', '-shm']) rmSync(dbPath + ext, { force: true });
}

/** Restore the offered backup and check the answers it holds are all there. */
async function restoreOffered(app: RetainApp, dbPath: string, acked: Map<number, number>, backup: string): Promise<void> {
  const s = unavailable(app);
  expect(s.recommended).toBe(backup);
  const restored = await call<AppStatus>(app, 'app.restoreBackup', { name: s.recommended });
  expect(restored.state).toBe('ok');
  expect(missingAnswers(acked, dbPath)).toEqual([]);
  expect(await app.dispatch('decks.list', {})).toMatchObject({ ok: true });
}

/** The files set aside by restores, each folder's file names. */
const setAside = (dir: string): string[][] =>
  readdirSync(join(dir, 'backups'))
    .filter((f) => f.startsWith('set-aside-'))
    .map((f) => readdirSync(join(dir, 'backups', f)));

describe('a collection file that cannot be used', () => {
  it('zero-length: reported as empty with the newest backup offered, not turned into a new collection', async () => {
    const c = await collectionWithBackup();
    removeWal(c.dbPath);
    writeFileSync(c.dbPath, '');
    const app = open(c.dir);
    const s = unavailable(app);
    expect(s.reason).toBe('empty');
    expect(s.message).toContain(c.dbPath);
    expect(statSync(c.dbPath).size).toBe(0);
    expect(await app.dispatch('decks.list', {})).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    await restoreOffered(app, c.dbPath, c.acked, c.backup);
    expect(setAside(c.dir)).toEqual([['retain.db']]);
  });

  it('zero-length with no backup: a new collection is started only when asked, and the empty file is kept', async () => {
    const dir = scratch.dir();
    const dbPath = join(dir, 'retain.db');
    writeFileSync(dbPath, '');
    const app = open(dir);
    expect(unavailable(app)).toMatchObject({ reason: 'empty', backups: [], recommended: null });
    const started = await call<AppStatus>(app, 'app.startFresh');
    expect(started).toMatchObject({ state: 'ok', lastRestore: { restored: null, undoBackup: null } });
    expect(setAside(dir)).toEqual([['retain.db']]);
    await answerCards(app, 3);
    expect(await app.dispatch('app.startFresh', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('truncated to half: reported as damaged; the backup restores', async () => {
    const c = await collectionWithBackup();
    removeWal(c.dbPath);
    truncateSync(c.dbPath, Math.floor(statSync(c.dbPath).size / 2));
    const app = open(c.dir);
    expect((await afterFirstScreen(app)).reason).toBe('damaged');
    await restoreOffered(app, c.dbPath, c.acked, c.backup);
  });

  it('64 KiB of random bytes in the middle: found by quick_check right after the first screen, not reported as ok', async () => {
    const c = await collectionWithBackup();
    removeWal(c.dbPath);
    const size = statSync(c.dbPath).size;
    const fd = openSync(c.dbPath, 'r+');
    const noise = Buffer.alloc(65536);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(Math.random() * 256);
    writeSync(fd, noise, 0, noise.length, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const app = open(c.dir);
    const s = await afterFirstScreen(app);
    expect(s.reason).toBe('damaged');
    expect(s.message).toMatch(/quick_check|malformed/);
    expect(await app.dispatch('review.next', { deckId: 1 })).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    await restoreOffered(app, c.dbPath, c.acked, c.backup);
  });

  it('an index page zeroed: "Check database" repairs it, keeps every answer, and a second run finds nothing', async () => {
    const c = await collectionWithBackup();
    const all = new Map(c.acked);
    removeWal(c.dbPath);
    const raw = new Database(c.dbPath, { readonly: true });
    const { rootpage } = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'cards_queue'").get() as { rootpage: number };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const answers = (raw.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number }).n;
    raw.close();
    const fd = openSync(c.dbPath, 'r+');
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const app = open(c.dir);
    // Nothing slow before the first screen: the damage is not looked for at start…
    expect(app.collection.status().state).toBe('ok');
    // …but right after it, and the app then offers what the recovery screen offers.
    const s = await afterFirstScreen(app);
    expect(s).toMatchObject({ reason: 'damaged', recommended: c.backup });
    expect(s.message).toMatch(/quick_check/);
    const report = await call<DatabaseCheck>(app, 'app.checkDatabase');
    expect(report, JSON.stringify(report, null, 1)).toMatchObject({ ok: true });
    expect(report.problems.join('\n')).toMatch(/Integrity check/);
    expect(report.actions.join('\n')).toMatch(/REINDEX|Rebuilt the file/);
    expect(report.status.state).toBe('ok');
    const db = app.services.repos.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number }).n).toBe(answers);
    await answerCards(app, 5, all);

    const again = await call<DatabaseCheck>(app, 'app.checkDatabase');
    expect(again).toMatchObject({ ok: true, problems: [] });
    expect(again.actions).toContain('No problems were found.');
    expect(again.backup).toMatch(/before-check/);
    app.close();
    expect(missingAnswers(all, c.dbPath)).toEqual([]);
  });

  it('an SQLite file of another program: named, left unchanged, never migrated', async () => {
    const c = await collectionWithBackup();
    removeWal(c.dbPath);
    rmSync(c.dbPath);
    const foreign = new Database(c.dbPath);
    foreign.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT); INSERT INTO photos (path) VALUES ('a.jpg')");
    foreign.close();
    const before = sha256(c.dbPath);
    const app = open(c.dir);
    const s = unavailable(app);
    expect(s.reason).toBe('not_retain');
    expect(s.message).toMatch(/another program/);
    const check = await call<DatabaseCheck>(app, 'app.checkDatabase');
    expect(check.ok).toBe(false);
    app.close();
    expect(sha256(c.dbPath)).toBe(before);
    expect(existsSync(`${c.dbPath}-wal`)).toBe(false);
    const app2 = open(c.dir);
    await restoreOffered(app2, c.dbPath, c.acked, c.backup);
    // The foreign file is kept whole.
    const aside = readdirSync(join(c.dir, 'backups')).find((f) => f.startsWith('set-aside-'))!;
    expect(sha256(join(c.dir, 'backups', aside, 'retain.db'))).toBe(before);
  });

  it('a newer schema: says to update Retain, and the file is untouched', async () => {
    const c = await collectionWithBackup();
    const raw = new Database(c.dbPath);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    raw.close();
    const before = sha256(c.dbPath);
    const app = open(c.dir);
    const s = unavailable(app);
    expect(s.reason).toBe('newer_schema');
    expect(s.message).toMatch(/newer version of Retain/);
    expect(s.advice).toMatch(/Update Retain/);
    app.close();
    expect(sha256(c.dbPath)).toBe(before);
  });
});

describe('the start check', () => {
  it('a whole collection passes it and stays open; a check started early is the same check', async () => {
    const c = await collectionWithBackup();
    const app = open(c.dir);
    const early = app.startCheck();
    expect(app.startCheck()).toBe(early);
    expect(await early).toMatchObject({ state: 'ok' });
    expect(await call<{ decks: unknown[] }>(app, 'decks.list')).toMatchObject({ decks: expect.any(Array) });
    await answerCards(app, 3, c.acked);
    app.close();
    expect(missingAnswers(c.acked, c.dbPath)).toEqual([]);
  });

  it('runs at once, before anything is written, when a migration is due', async () => {
    const c = await collectionWithBackup();
    removeWal(c.dbPath);
    const raw = new Database(c.dbPath);
    const { rootpage } = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'cards_queue'").get() as { rootpage: number };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION - 1}`);
    raw.close();
    const fd = openSync(c.dbPath, 'r+');
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    const before = sha256(c.dbPath);
    const app = open(c.dir);
    expect(unavailable(app)).toMatchObject({ reason: 'damaged' });
    app.close();
    expect(sha256(c.dbPath)).toBe(before);
  });
});

describe('start-up housekeeping', () => {
  it('removes media staging folders left by an import that was cut off, but not those of a running import', async () => {
    const dir = scratch.dir();
    open(dir).close();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const gone = [join(dir, '.media-staging-abc123'), join(dir, '.media-staging-999999999-x1')];
      const running = join(dir, `.media-staging-${sleeper.pid}-y2`);
      for (const d of [...gone, running]) {
        mkdirSync(d);
        writeFileSync(join(d, 'a.png'), 'x'.repeat(1000));
      }
      const app = open(dir);
      expect(app.collection.status().state).toBe('ok');
      for (const d of gone) expect(existsSync(d)).toBe(false);
      expect(existsSync(running)).toBe(true);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
