/** Benchmarks of the quiz and import paths, each against its bare baseline. */
import type { BenchResult } from './stats';

export interface BenchContext {
  tmp(name: string): string;
  log(msg: string): void;
  now: number;
}

export async function runExtraBenches(_ctx: BenchContext): Promise<BenchResult[]> {
  return [];
}
