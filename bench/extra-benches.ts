/** Benchmarks of the quiz and import paths, each against its bare baseline. */
import { importBenches } from './import-bench';
import { quizBenches } from './quiz-bench';
import { reviewLoopBench } from './review-loop-bench';
import { storageBench } from './storage-bench';
import type { BenchContext } from './bench-context';
import type { BenchResult } from './stats';

export async function runExtraBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push(...(await quizBenches(ctx)));
  results.push(...(await importBenches(ctx)));
  // The felt loop in Chromium through the HTTP host (needs a build in out/; skipped with a note otherwise).
  results.push(...(await reviewLoopBench(ctx)));
  // Bytes, not times: printed as it runs (storage per card and per review-log row against Anki's file).
  await storageBench(ctx);
  return results;
}
