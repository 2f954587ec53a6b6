/**
 * A full disk and a read-only data folder, on a real size-limited tmpfs (needs root to mount;
 * skipped with a printed reason otherwise): answers fail with `disk_full` and a message saying
 * what to do, nothing acknowledged is lost, a failed backup leaves the collection open, and the
 * app works again once space is freed or the folder is writable again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/shared/api/app-contract';
import { createApp, type RetainApp } from '../../src/main/app';
import { manualClock } from '../../src/main/core/clock';
import { answerCards, call, cardIds, missingAnswers } from '../support/recovery';
import { DECKS_DIR } from '../support/temp-app';
import { fileData } from '../support/staged-import';

const START = Date.UTC(2026, 2, 10, 9, 0);

function mountTmpfs(dir: string, size: string): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a size-limited tmpfs needs root';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `mount failed: ${(err as Error).message.split('\n')[0]}`;
  }
}

const mnt = mkdtempSync(join(tmpdir(), 'retain-tmpfs-'));
const skipReason = mountTmpfs(mnt, '2m');
if (skipReason) console.log(`[recovery-disk] skipped: ${skipReason}`);

afterAll(() => {
  if (!skipReason) execFileSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

const open = (dataDir: string, clock = manualClock(START)): RetainApp => createApp({ dataDir, decksDir: DECKS_DIR, clock, timeZone: 'UTC' });

/** Fill the volume: one file grown until the disk refuses more. */
function fill(path: string): void {
  const chunk = Buffer.alloc(4096, 1);
  for (let i = 0; i < 1_000_000; i++) {
    try {
      writeFileSync(path, chunk, { flag: 'a' });
    } catch {
      return;
    }
  }
}

describe.skipIf(skipReason !== null)('a full disk (2 MiB tmpfs)', () => {
  const dataDir = join(mnt, 'full');
  const filler = join(mnt, 'filler.bin');
  beforeAll(() => rmSync(dataDir, { recursive: true, force: true }));

  let app: RetainApp | undefined;
  afterAll(() => {
    app?.close();
    rmSync(filler, { force: true });
  });

  it('answers fail with disk_full saying what to do, nothing acknowledged is lost, and answering works again once space is freed', async () => {
    app = open(dataDir);
    const acked = await answerCards(app, 20);
    const { backups } = await call<{ backups: Array<{ name: string }> }>(app, 'backups.create');
    fill(filler);
    let failure: { code: string; message: string } | null = null;
    const ids = cardIds(app);
    for (let i = 0; i < 5000 && !failure; i++) {
      const cardId = ids[i % ids.length]!;
      const r = await app.dispatch('review.answer', { cardId, rating: 3, durationMs: 500 });
      if (r.ok) acked.set(cardId, (acked.get(cardId) ?? 0) + 1);
      else failure = r.error;
    }
    expect(failure?.code).toBe('disk_full');
    expect(failure?.message).toMatch(/disk holding .* is full/);
    expect(failure?.message).toMatch(/Free some space/);

    // A backup on a full disk fails, and the collection stays open.
    const backup = await app.dispatch('backups.create', {});
    expect(backup).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect(app.collection.status().state).toBe('ok');
    expect((await call<{ lastError: string | null }>(app, 'backups.list')).lastError).toMatch(/full/);
    // A restore and an import need a backup first: on a full disk both are refused and change nothing.
    expect(await app.dispatch('app.restoreBackup', { name: backups[0]!.name })).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    // An import cannot even be staged: the file is refused before anything is read or written.
    expect(await app.dispatch('import.stage', { fileName: 'x.csv', data: fileData('front,back\nq1,a1\n') })).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect(app.collection.status().state).toBe('ok');
    expect(missingAnswers(acked, join(dataDir, 'retain.db'))).toEqual([]);

    // A restart on the full disk opens the collection (no backup on the start path).
    app.close();
    app = open(dataDir);
    expect(app.collection.status().state).toBe('ok');
    expect(missingAnswers(acked, join(dataDir, 'retain.db'))).toEqual([]);

    // Space freed: answering works again at once; after a restart (which folds the WAL back in) so does a backup.
    rmSync(filler);
    await answerCards(app, 10, acked);
    app.close();
    app = open(dataDir);
    expect(await app.dispatch('backups.create', {})).toMatchObject({ ok: true });
    expect(app.services.repos.db.pragma('integrity_check', { simple: true })).toBe('ok');
    app.close();
    expect(missingAnswers(acked, join(dataDir, 'retain.db'))).toEqual([]);
  });
});

describe.skipIf(skipReason !== null)('a read-only data folder', () => {
  it('names the folder and the problem, and opens once the folder is writable again', async () => {
    rmSync(join(mnt, 'full'), { recursive: true, force: true });
    const dataDir = join(mnt, 'ro');
    const first = open(dataDir);
    const acked = await answerCards(first, 10);
    first.close();
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    let app: RetainApp | undefined;
    try {
      app = open(dataDir);
      const s = app.collection.status();
      expect(s).toMatchObject({ state: 'unavailable', reason: 'read_only' });
      if (s.state !== 'unavailable') throw new Error('unreachable');
      expect(s.message).toContain(dataDir);
      expect(s.message).toMatch(/read-only/);
      expect(s.advice).toMatch(/writable/);
      expect(s.message).not.toMatch(/unable to open database file/);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mnt]);
    }
    const retried = await call<AppStatus>(app, 'app.retry');
    expect(retried.state).toBe('ok');
    app.close();
    expect(missingAnswers(acked, join(dataDir, 'retain.db'))).toEqual([]);
  });
});
