/**
 * Peak memory of an import: generated delimited-text files of about 10 and 50 MB, and Anki
 * packages of 100,000 and 500,000 notes, each imported in a fresh process
 * (bench/import-memory-child.ts) so that nothing else counts, with the process's peak resident
 * memory (every thread) against the file size. Bounded means the peak hardly grows with the
 * file. Bytes, not times: printed as it runs, like the storage bench.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './bench-context';
import { builtImportWorker, generateApkg, generateCsv } from './import-bench';

const MiB = 1024 * 1024;

export type ImportMemoryFormat = 'csv' | 'apkg';

export interface ImportMemoryFigures {
  format: ImportMemoryFormat;
  fileBytes: number;
  notes: number;
  peakRss: number;
  startRss: number;
  ms: number;
}

/** Import a generated file of `notes` notes in a process of its own and return its peak memory. */
export function importPeakMemory(ctx: BenchContext, notes: number, worker: string | undefined, format: ImportMemoryFormat = 'csv'): ImportMemoryFigures {
  const dir = ctx.tmp('import-memory');
  const file = join(dir, `memory.${format}`);
  const bytes = format === 'csv' ? generateCsv(notes) : generateApkg(notes, ctx.now);
  writeFileSync(file, bytes);
  const args = ['--import', 'tsx', join('bench', 'import-memory-child.ts'), file, join(dir, 'data'), ...(worker ? [worker] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * MiB });
  if (r.status !== 0) throw new Error(`import memory child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Omit<ImportMemoryFigures, 'fileBytes' | 'format'>;
  return { format, fileBytes: bytes.length, ...out };
}

export function importMemoryBench(ctx: BenchContext): ImportMemoryFigures[] {
  const worker = builtImportWorker(ctx.log);
  const out: ImportMemoryFigures[] = [];
  // CSV: about 100 bytes a note, so 100,000 notes make a 10 MB file, 500,000 a 50 MB one.
  const runs: Array<[ImportMemoryFormat, number]> = [
    ['csv', 100_000],
    ['csv', 500_000],
    ['apkg', 100_000],
    ['apkg', 500_000],
  ];
  for (const [format, notes] of runs) {
    const f = importPeakMemory(ctx, notes, worker, format);
    out.push(f);
    ctx.log(
      `import memory: ${(f.fileBytes / MiB).toFixed(1)} MiB ${format === 'csv' ? 'CSV' : '.apkg'} (${f.notes.toLocaleString('en-US')} notes) in ${(f.ms / 1000).toFixed(1)} s: ` +
        `peak RSS ${(f.peakRss / MiB).toFixed(0)} MiB (${(f.peakRss / f.fileBytes).toFixed(1)} times the file; ${(f.startRss / MiB).toFixed(0)} MiB before the app opened)`,
    );
  }
  return out;
}
