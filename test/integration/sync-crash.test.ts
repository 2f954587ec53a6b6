/**
 * kill -9 during a sync, on the sending side and on the receiving side, then sync again: every
 * answer arrives, once (compared by the answers' shared ids and the events' ids).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { TempApp } from '../support/temp-app';
import { bundledEntry } from '../support/bundled-entry';
import { answerCards, answersOf, syncFixtures, syncNow } from '../support/sync-apps';

const fx = syncFixtures();

/** Run the sync child until it prints its `killAfter`-th line matching `at`, then SIGKILL it (`delayMs` later). */
function syncUntilKilled(t: TempApp, folder: string, at: RegExp, killAfter: number, delayMs = 0): Promise<{ killed: boolean; lines: string[] }> {
  t.app.close();
  const child = spawn(process.execPath, [bundledEntry('test/support/sync-crash-child.ts'), t.dataDir, folder, String(t.clock.now()), '40'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let seen = 0;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      if (at.test(line) && ++seen === killAfter) setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, lines });
      else if (code === 0) resolve({ killed: false, lines });
      else reject(new Error(`sync child failed (${code}): ${stderr}`));
    });
  });
}

const localIds = (t: TempApp): string[] => (t.app.services.repos.db.prepare('SELECT id FROM sync_log WHERE seq IS NOT NULL ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
const allIds = (t: TempApp): string[] => (t.app.services.repos.db.prepare('SELECT id FROM sync_log ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
const uids = (t: TempApp): string[] => answersOf(t).map((a) => a.split(' ')[0]!);

/** Two apps on one folder; the first has answered 20 cards (journaled by its first sync). */
async function pairWithAnswers(): Promise<{ folder: string; a: TempApp; b: TempApp }> {
  const folder = fx.folder();
  const [a, b] = [fx.app(), fx.app()];
  for (const t of [a, b]) expect((await t.call<{ connected: boolean }>('sync.setFolder', { path: folder })).connected).toBe(true);
  await answerCards(a, 20);
  return { folder, a, b };
}

describe('kill -9 during a sync', () => {
  it('on the sending side: the next sync sends the rest, nothing lost, nothing twice', async () => {
    const { folder, a, b } = await pairWithAnswers();
    // Killed while a file is on its way (the child waits 15 ms before each write).
    const run = await syncUntilKilled(a, folder, /^sending /, 6, 5);
    expect(run.killed, run.lines.join('\n')).toBe(true);
    a.reopen();
    await answerCards(a, 5);
    await syncNow(a);
    await syncNow(b);
    expect(uids(a)).toHaveLength(25);
    expect(new Set(uids(a)).size).toBe(25);
    expect(answersOf(b)).toEqual(answersOf(a));
    // Every event A made arrived at B exactly once (the journal's key would refuse a second copy; none is missing).
    expect(allIds(b)).toEqual(expect.arrayContaining(localIds(a)));
  });

  it('on the receiving side: the next sync merges the rest, nothing lost, nothing twice', async () => {
    const { folder, a, b } = await pairWithAnswers();
    // A writes many small files so B's merge takes many steps.
    const sent = await syncUntilKilled(a, folder, /^never$/, 1);
    expect(sent.killed).toBe(false);
    a.reopen();
    b.clock.set(a.clock.now());
    // Killed while a file just read is being merged.
    const run = await syncUntilKilled(b, folder, /^read retain-sync\/devices\//, 5);
    expect(run.killed, run.lines.join('\n')).toBe(true);
    b.reopen();
    const partial = answersOf(b).length;
    await syncNow(b);
    expect(uids(b)).toHaveLength(20);
    expect(new Set(uids(b)).size).toBe(20);
    expect(answersOf(b)).toEqual(answersOf(a));
    expect(allIds(b)).toEqual(expect.arrayContaining(localIds(a)));
    expect(partial).toBeLessThanOrEqual(20);
  });
});
