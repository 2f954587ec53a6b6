/**
 * A longer crash trial than CI runs: `node scripts/run-ts.mjs test/support/crash-trial.ts [ROUNDS]`
 * (default 100). Prints one line per round and a total; exits 1 on any loss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeBundles } from './bundled-entry';
import { crashRound, prepareCollection } from './crash-rounds';

const rounds = Number(process.argv[2] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'retain-crash-trial-'));
let acknowledged = 0;
let failures = 0;
try {
  const ids = prepareCollection(dir);
  for (let round = 1; round <= rounds; round++) {
    const r = await crashRound(dir, ids, round);
    acknowledged += r.acknowledged;
    const bad = r.integrity !== 'ok' || r.missing.length > 0 || r.replayMismatches.length > 0;
    if (bad) failures++;
    console.log(`round ${round}: ${r.acknowledged} acknowledged, ${r.missing.length} cards short, integrity ${r.integrity}, ${r.replayMismatches.length} replay mismatches`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  removeBundles();
}
console.log(`${rounds} rounds, ${acknowledged} acknowledged answers, ${failures} rounds with a loss or mismatch`);
process.exit(failures === 0 ? 0 : 1);
