/**
 * `retain import` on the command line while the app answers cards on the same collection: every
 * write transaction is IMMEDIATE and the busy timeout covers the import's commit, so no answer
 * fails with "database is locked"; they wait for the import and then go through.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { answerCards, cardIds, missingAnswers } from '../support/recovery';
import { DECKS_DIR } from '../support/temp-app';

const ROOT = process.cwd();
const CLI = resolve(ROOT, 'src', 'main', 'cli', 'retain.ts');
const dir = mkdtempSync(join(tmpdir(), 'retain-cli-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an import on the command line while the app answers', () => {
  it('makes no answer fail with "database is locked"', { timeout: 180_000 }, async () => {
    const dataDir = join(dir, 'data');
    const app = createApp({ dataDir, decksDir: DECKS_DIR, timeZone: 'UTC' });
    const acked = await answerCards(app, 5);
    const rows = ['front,back', ...Array.from({ length: 30_000 }, (_, i) => `Question number ${i} about concurrency?,Answer ${i} with some more text to write`)];
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, rows.join('\n'));

    const cli = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', csv, '--data-dir', dataDir, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let running = true;
    const exited = new Promise<number>((res) => cli.on('exit', (code) => res(code ?? -1)));
    void exited.then(() => (running = false));

    const ids = cardIds(app);
    const failures: string[] = [];
    let answered = 0;
    let slowest = 0;
    for (let i = 0; running || i < 20; i++) {
      const cardId = ids[i % ids.length]!;
      const t0 = performance.now();
      const r = await app.dispatch('review.answer', { cardId, rating: 3, durationMs: 500 });
      slowest = Math.max(slowest, performance.now() - t0);
      if (r.ok) {
        acked.set(cardId, (acked.get(cardId) ?? 0) + 1);
        answered++;
      } else failures.push(`${r.error.code}: ${r.error.message}`);
      await new Promise((res) => setTimeout(res, 2));
    }
    const code = await exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ notes: 30_000 });
    console.log(`[cli-lock] ${answered} answers during the import, slowest ${Math.round(slowest)} ms, ${failures.length} failed`);
    expect(failures).toEqual([]);
    app.close();
    expect(missingAnswers(acked, join(dataDir, 'retain.db'))).toEqual([]);
  });
});
