/**
 * Kill -9 while answering: the host runs as a child process and is killed at random moments
 * (RETAIN_CRASH_ROUNDS rounds, 20 by default; `node scripts/run-ts.mjs test/support/crash-trial.ts N`
 * runs longer trials). No acknowledged answer may be lost. The negative control runs the same
 * rounds against a build that acknowledges before it commits, and must report a loss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeBundles } from '../support/bundled-entry';
import { crashRound, prepareCollection } from '../support/crash-rounds';

const ROUNDS = Math.max(1, Number(process.env.RETAIN_CRASH_ROUNDS ?? 20));
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'retain-crash-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeBundles();
});

describe('kill -9 while answering', () => {
  it(`loses no acknowledged answer in ${ROUNDS} rounds; the file passes integrity_check and every card equals the replay of its log`, { timeout: 30_000 + ROUNDS * 15_000 }, async () => {
    const dir = tmp();
    const ids = prepareCollection(dir);
    let acknowledged = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await crashRound(dir, ids, round);
      acknowledged += r.acknowledged;
      expect(r.integrity, `round ${round}`).toBe('ok');
      expect(r.missing, `round ${round}`).toEqual([]);
      expect(r.replayMismatches, `round ${round}`).toEqual([]);
    }
    console.log(`[crash] ${ROUNDS} rounds, ${acknowledged} acknowledged answers, 0 lost`);
    expect(acknowledged).toBeGreaterThan(ROUNDS * 10);
  });

  it('negative control: a build that acknowledges before commit is caught losing answers', { timeout: 120_000 }, async () => {
    const dir = tmp();
    const ids = prepareCollection(dir);
    const lost: string[] = [];
    for (let round = 1; round <= 5 && lost.length === 0; round++) {
      const r = await crashRound(dir, ids, round, { fault: true });
      lost.push(...r.missing);
    }
    console.log(`[crash] negative control: ${lost.length} cards short of their acknowledged answers`);
    expect(lost.length).toBeGreaterThan(0);
  });
});
