/** Benchmarks of the quiz and import paths, each against its bare baseline. */
import { importBenches } from './import-bench';
import { quizBenches } from './quiz-bench';
import type { BenchResult } from './stats';

export interface BenchContext {
  tmp(name: string): string;
  log(msg: string): void;
  now: number;
}

export async function runExtraBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push(...(await quizBenches(ctx)));
  results.push(...(await importBenches(ctx)));
  return results;
}
