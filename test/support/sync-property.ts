/**
 * The sync property test's body: `runs` seeded runs from `firstSeed`, each of three
 * devices making random offline changes and exchanging events (sync-run.ts), with its figures
 * printed at the end. SYNC_SEED=<n> replays one run and prints its steps; SYNC_RUNS sets the
 * number of runs; SYNC_KEEP_GOING=1 runs them all and counts the failing seeds instead of
 * stopping at the first; SYNC_MODE=direct|files sends every run one way; SYNC_FAULT=skip-refold
 * merges with a card applier that skips the re-fold (the test must then fail).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSyncWorld, type SyncWorld } from './sync-devices';
import { runOnce, type ExchangeMode } from './sync-run';

const ONE_SEED = process.env.SYNC_SEED ? Number(process.env.SYNC_SEED) : null;
const KEEP_GOING = process.env.SYNC_KEEP_GOING === '1';
const MODE = process.env.SYNC_MODE as ExchangeMode | undefined;
/** By default one run in FILE_EVERY goes through files between folders, the others straight to the merge. */
const FILE_EVERY = 10;
const modeOf = (seed: number): ExchangeMode => MODE ?? (seed % FILE_EVERY === 0 ? 'files' : 'direct');

export function convergenceTest(firstSeed: number, defaultRuns: number): void {
  const runsWanted = Number(process.env.SYNC_RUNS ?? defaultRuns);
  let world: SyncWorld;
  beforeAll(async () => {
    world = await createSyncWorld();
  }, 60_000);
  afterAll(() => world?.dispose());

  const count = ONE_SEED === null ? runsWanted : 1;
  test(`${count} random runs of three devices converge, keeping every acknowledged answer`, async () => {
    const seeds = ONE_SEED === null ? Array.from({ length: runsWanted }, (_, i) => firstSeed + i) : [ONE_SEED];
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let changes = 0;
    let delivered = 0;
    let merges = 0;
    let runs = 0;
    const failed: string[] = [];
    const byMode: Record<ExchangeMode, number> = { direct: 0, files: 0 };
    for (const seed of seeds) {
      const r = await runOnce(world, seed, modeOf(seed), ONE_SEED !== null);
      runs += 1;
      byMode[r.mode] += 1;
      changes += r.changes;
      delivered += r.delivered;
      merges += r.merges;
      if (r.failure) {
        failed.push(r.failure);
        console.log(KEEP_GOING ? r.failure.split('\n').slice(0, 8).join('\n') : r.failure);
        if (!KEEP_GOING) break;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `sync convergence, seeds ${seeds[0]}…: ${runs} runs (${byMode.direct} direct, ${byMode.files} through files; ${failed.length} failed), ` +
        `${changes} changes, ${delivered} events (direct) or files (through folders) delivered in ${merges} merges or syncs, ` +
        `${seconds.toFixed(1)} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU)`,
    );
    if (failed[0]) expect.fail(`${failed.length} of ${runs} runs failed; the first:\n${failed[0].split('\n').slice(0, 14).join('\n')}`);
    expect(runs).toBe(seeds.length);
  }, 600_000);
}
