/**
 * The jobs of the import service: each commit's progress under its job id (kept for the 20 most
 * recent finished jobs), which job is active, and whether an import's transaction is open.
 */
import type { ImportProgress } from '../../../shared/api/import-contract';
import type { Clock } from '../../core/clock';

interface Job {
  progress: ImportProgress;
  finishedAt: number | null;
}

/** Finished jobs remembered for `progress`. */
const KEPT_JOBS = 20;

export function createImportJobs(clock: Clock) {
  const jobs = new Map<string, Job>();

  function prune(): void {
    if (jobs.size <= KEPT_JOBS) return;
    const finished = [...jobs.entries()].filter(([, j]) => j.finishedAt !== null).sort((a, b) => (a[1].finishedAt ?? 0) - (b[1].finishedAt ?? 0));
    for (const [k] of finished.slice(0, jobs.size - KEPT_JOBS)) jobs.delete(k);
  }

  return {
    /** The job being read or written, if any (one at a time). */
    active: null as string | null,
    /** True while an import's transaction is open (reading happens in a worker thread and blocks nothing). */
    writing: false,
    running(jobId: string): boolean {
      return jobs.get(jobId)?.finishedAt === null;
    },
    start(jobId: string): void {
      jobs.set(jobId, { progress: { jobId, state: 'reading', done: 0, total: 0, message: null }, finishedAt: null });
      prune();
    },
    set(jobId: string, patch: Partial<ImportProgress>, onProgress?: (p: ImportProgress) => void): void {
      const job = jobs.get(jobId);
      if (!job) return;
      job.progress = { ...job.progress, ...patch };
      if (patch.state === 'done' || patch.state === 'failed') job.finishedAt = clock.now();
      onProgress?.(job.progress);
    },
    progress(jobId: string): ImportProgress {
      return jobs.get(jobId)?.progress ?? { jobId, state: 'unknown', done: 0, total: 0, message: null };
    },
  };
}
export type ImportJobs = ReturnType<typeof createImportJobs>;
