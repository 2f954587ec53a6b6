/** What the bench runner gives each benchmark: a scratch folder, a log line, and the bench's "now". */
export interface BenchContext {
  tmp(name: string): string;
  log(msg: string): void;
  now: number;
}
