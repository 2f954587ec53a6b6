/** Benchmarks of the quiz and import paths, each against its bare baseline. */
import { browseBenches } from './browse-bench';
import { editBenches } from './edit-bench';
import { importBenches } from './import-bench';
import { importMemoryBench } from './import-memory-bench';
import { loadBalanceBenches } from './load-balance-bench';
import { planBenches } from './plan-bench';
import { optimizerBenches } from './optimizer-bench';
import { quizBenches } from './quiz-bench';
import { statsBenches } from './stats-bench';
import { readinessBenches } from './readiness-bench';
import { reviewLoopBench } from './review-loop-bench';
import { storageBench } from './storage-bench';
import { syncMergeBenches } from './sync-merge-bench';
import type { BenchContext } from './bench-context';
import type { BenchResult } from './stats';

export async function runExtraBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push(...(await quizBenches(ctx)));
  results.push(...(await importBenches(ctx)));
  results.push(...(await browseBenches(ctx)));
  results.push(...(await editBenches(ctx)));
  results.push(...(await loadBalanceBenches(ctx)));
  results.push(...(await planBenches(ctx)));
  results.push(...(await statsBenches(ctx)));
  results.push(...(await readinessBenches(ctx)));
  results.push(...(await optimizerBenches(ctx)));
  results.push(...(await syncMergeBenches(ctx)));
  // The felt loop in Chromium through the HTTP host (needs a build in out/; skipped with a note otherwise).
  results.push(...(await reviewLoopBench(ctx)));
  // Bytes, not times: printed as it runs (storage per card and per review-log row against Anki's file).
  await storageBench(ctx);
  // Bytes too: peak memory of importing a 10 MB and a 50 MB CSV, each in a process of its own.
  importMemoryBench(ctx);
  return results;
}
