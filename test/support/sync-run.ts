/**
 * One run of the sync property test: three devices from one collection make seeded random changes
 * offline, exchange events in random orders between rounds of more changes, then exchange
 * everything. Then every device must hold the same collection and every acknowledged answer.
 */
import { createRng, randomIndex, shuffle } from '../../src/main/core/quiz/rng';
import { newLedger, randomChange, type AnswerLedger } from './sync-changes';
import { resetDevices, SYNC_TEMPLATE_TIME, type SyncDevice, type SyncWorld } from './sync-devices';
import { directExchange, type Exchange } from './sync-exchange';
import { fileExchange } from './sync-file-exchange';
import { snapshotDiff, snapshotOf } from './sync-snapshot';

export interface RunResult {
  seed: number;
  /** How the events travelled: straight from journal to merge, or as files between folders. */
  mode: ExchangeMode;
  changes: number;
  delivered: number;
  merges: number;
  /** Null when the run held; else what broke, with the run's steps for replaying the seed. */
  failure: string | null;
}

/**
 * An acknowledged answer that was not undone must be in every device's log, unless its note is
 * gone on every device by a delete made after it (a delete wins over what came before it).
 */
function missingAnswers(devices: readonly SyncDevice[], ledger: AnswerLedger): string[] {
  const out: string[] = [];
  const first = devices[0] as SyncDevice;
  for (const d of devices) {
    const logged = new Set(d.rows<{ uid: string }>('SELECT uid FROM review_log WHERE uid IS NOT NULL').map((r) => r.uid));
    const liveNotes = new Set(d.rows<{ guid: string }>('SELECT guid FROM notes').map((r) => r.guid));
    for (const u of ledger.undone) if (logged.has(u)) out.push(`${d.name} has the undone answer ${u}`);
    for (const [uid, a] of ledger.acknowledged) {
      if (ledger.undone.has(uid) || logged.has(uid)) continue;
      const deletes = first.rows<{ id: string }>("SELECT id FROM sync_log WHERE entity = ? AND type = 'note.delete' ORDER BY id", `note:${a.note}`).map((r) => r.id);
      const live = liveNotes.has(a.note);
      if (!live && deletes.some((id) => id > uid)) continue;
      const why = `its note is ${live ? 'here' : 'deleted'}; deletes of the note: ${deletes.join(', ') || 'none'}`;
      out.push(`${d.name} lacks the answer ${uid} (${a.note}/${a.ord}, rating ${a.rating}, made on ${a.device}; ${why})`);
    }
  }
  return out;
}

export type ExchangeMode = 'direct' | 'files';

export async function runOnce(world: SyncWorld, seed: number, mode: ExchangeMode, verbose = false): Promise<RunResult> {
  const rng = createRng(seed);
  const start = SYNC_TEMPLATE_TIME + 3_600_000;
  const steps: string[] = [];
  let changes = 0;
  let exchange: Exchange | null = null;
  try {
    const devices = resetDevices(world, seed, [0, 1, 2].map(() => start + randomIndex(600_000, rng)));
    const ledger = newLedger();
    exchange = mode === 'files' ? await fileExchange(devices, world.root) : directExchange(devices);
    const rounds = 2 + randomIndex(2, rng);
    for (let round = 0; round < rounds; round++) {
      for (const d of shuffle(devices, rng)) {
        const n = randomIndex(7, rng);
        for (let i = 0; i < n; i++) {
          const what = await randomChange(d, rng, ledger, `${d.name.slice(-1)}${round}${i}`);
          if (what) {
            changes += 1;
            steps.push(`${d.name}: ${what}`);
          }
        }
      }
      steps.push(...(await exchange.randomStep(rng)).map((s) => `exchange ${s}`));
    }
    // Until no device has an event another lacks (a merge may record events of its own).
    let passes = 0;
    while ((await exchange.completeAll(rng)) > 0 && passes < 6) passes += 1;
    steps.push(`exchange everything (${passes + 1} passes)`);
    if (passes === 6) throw new Error('the devices still had new events for each other after 6 full exchanges');
    const first = snapshotOf(devices[0] as SyncDevice);
    const problems: string[] = [];
    for (const d of devices.slice(1)) {
      const diff = snapshotDiff(first, snapshotOf(d));
      if (diff.length > 0) problems.push(`${(devices[0] as SyncDevice).name} and ${d.name} differ:`, ...diff);
    }
    problems.push(...missingAnswers(devices, ledger));
    const failure = problems.length > 0 ? describeFailure(seed, mode, problems, steps) : null;
    if (verbose) console.log(steps.join('\n'));
    return { seed, mode, changes, delivered: exchange.figures.delivered, merges: exchange.figures.merges, failure };
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    const figures = exchange?.figures ?? { delivered: 0, merges: 0 };
    return { seed, mode, changes, delivered: figures.delivered, merges: figures.merges, failure: describeFailure(seed, mode, [message], steps) };
  }
}

function describeFailure(seed: number, mode: ExchangeMode, problems: string[], steps: string[]): string {
  return [`seed ${seed}, ${mode} (replay: SYNC_SEED=${seed} SYNC_MODE=${mode} npx vitest run test/integration/sync-convergence.test.ts)`, ...problems, 'steps:', ...steps.map((s) => `  ${s}`)].join('\n');
}
