/**
 * The hostile-files corpus (built here, see test/support/hostile-files.ts) through the real
 * import path: `import.preview` and `import.commit` on a real collection, the file read in the
 * import worker thread. Each file must end in a clear `import_failed` error that names the
 * place and the rule, leave every row of the collection and the media folder unchanged
 * (checksums before and after), and keep the process's memory under 1 GB (sampled while the
 * import runs, and the process's lifetime peak checked at the end).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostileFiles, type HostileFile } from '../support/hostile-files';
import { tempApp, type TempApp } from '../support/temp-app';
import { stageFile } from '../support/staged-import';

const GB = 1000 * 1000 * 1000;
const MB = 1000 * 1000;

let t: TempApp;
let scratch = '';
let corpus: HostileFile[] = [];
const report: Array<{ name: string; ms: number; peakRssMb: number; aboveMb: number }> = [];

beforeAll(async () => {
  t = tempApp();
  scratch = mkdtempSync(join(tmpdir(), 'retain-hostile-'));
  corpus = hostileFiles(scratch);
  // Something to protect: a deck with notes, cards and review history.
  await t.call('import.commit', { stageId: await stageFile(t.app.dispatch, 'mine.tsv', 'q1\ta1\nq2\ta2\nq3\ta3\n') });
}, 120_000);

afterAll(() => {
  t?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  console.log(
    `hostile imports (peak RSS of the whole test process while each ran, and its rise during the import):\n${report
      .map((r) => `  ${r.name.padEnd(36)} ${String(r.ms).padStart(6)} ms  ${String(r.peakRssMb).padStart(5)} MB  +${r.aboveMb} MB`)
      .join('\n')}\n  lifetime peak RSS of the test process: ${Math.round((process.resourceUsage().maxRSS * 1024) / MB)} MB`,
  );
});

/** A checksum of every row of every table, and of the media folder's listing. */
function checksum(): string {
  const db = t.app.services.repos.db;
  const h = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  for (const { name } of tables) {
    h.update(name);
    const rows = (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[]).map((row) => JSON.stringify(row));
    for (const row of rows.sort()) h.update(row);
  }
  const media = join(t.dataDir, 'media');
  h.update(JSON.stringify(existsSync(media) ? readdirSync(media).sort() : []));
  return h.digest('hex');
}

/** Run `fn`, sampling the process's resident memory every 5 ms; returns fn's value and the peak. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const value = await fn();
    return { value, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

describe('hostile import files', () => {
  it('the corpus covers every kind of attack', () => {
    expect(corpus.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'zip-slip', 'symbolic link', 'overlapping zip entries', 'deflate ratio bomb', 'lying size in zip header', 'zstd collection bomb (.anki21b)',
        'zstd media past the media cap', 'generated flds column', '20 MiB field in an Anki note', 'invalid UTF-8',
        'deeply nested JSON', 'deeply nested template', 'a million CSV columns', '50 MB CSV field', 'review time out of range',
      ]),
    );
  });

  it('each is refused with a clear error, writes nothing, and stays under 1 GB', async () => {
    expect(corpus.length).toBeGreaterThan(15);
    for (const file of corpus) {
      const before = checksum();
      const stageId = await stageFile(t.app.dispatch, file.fileName, file.build());
      const baseline = process.memoryUsage.rss();
      const started = performance.now();
      const { value, peak } = await withPeakRss(async () => [
        await t.app.dispatch('import.preview', { stageId }),
        await t.app.dispatch('import.commit', { stageId }),
      ]);
      report.push({ name: file.name, ms: Math.round(performance.now() - started), peakRssMb: Math.round(peak / MB), aboveMb: Math.round((peak - baseline) / MB) });
      for (const r of value) {
        expect(r.ok, `${file.name}: the import succeeded`).toBe(false);
        if (r.ok) continue;
        expect(r.error.code, `${file.name}: ${r.error.message}`).toBe('import_failed');
        expect(r.error.message, file.name).toMatch(file.expect);
        expect(r.error.message.startsWith(`${file.fileName}`), r.error.message).toBe(true);
      }
      expect(checksum(), `${file.name} changed the collection`).toBe(before);
      expect(peak, `${file.name} took the process to ${Math.round(peak / MB)} MB`).toBeLessThan(GB);
    }
    // The collection still works afterwards.
    expect(await t.call('decks.list', {})).toBeTruthy();
    expect(process.resourceUsage().maxRSS * 1024).toBeLessThan(GB);
  }, 300_000);
});
