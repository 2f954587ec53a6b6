/**
 * Import benchmarks: a generated 100,000-note CSV and a generated 100,000-note .apkg, each
 * imported through the import service (read, compare, write in one transaction) into a fresh
 * collection, against the bare transactional insert of the same note and card rows with
 * prepared statements on an identically opened and migrated database, measured in the same run.
 * Each timed section starts after a full garbage collection, so that neither side pays for what
 * an earlier round (its 100,000 rows read back) left behind.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type RetainApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { writeAnkiPackage, type ExportNote } from '../src/main/interchange/anki/write-anki-package';
import type { BenchContext } from './bench-context';
import { median, type BenchResult } from './stats';

const NOTES = 100_000;

setFlagsFromString('--expose-gc');
/** A full collection, so that what an earlier round left behind is not collected inside a timed section. */
const collectGarbage = runInNewContext('gc') as () => void;
const ROUNDS = 3;

/** A delimited-text file of `n` notes, as the bench and the memory bench import it. */
export function generateCsv(n: number): Uint8Array {
  const lines: string[] = ['#separator:tab', '#html:false'];
  for (let i = 1; i <= n; i++) lines.push(`Question ${i}: what is the value of item ${i}?\tAnswer ${i % 997} for item ${i}\tbench topic-${i % 20}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** An Anki package of `n` new Basic notes, as the bench and the memory bench import it. */
export function generateApkg(n: number, now: number): Uint8Array {
  const notes: ExportNote[] = [];
  for (let i = 1; i <= n; i++) {
    notes.push({
      id: now - n + i,
      guid: `bench-${i}`,
      noteType: 'Basic',
      fields: [
        { name: 'Front', value: `Question ${i}: what is the value of <b>item ${i}</b>?` },
        { name: 'Back', value: `Answer ${i % 997} for item ${i}` },
      ],
      cards: [
        { id: now - n + i, ord: 0, deckPath: 'Bench', due: now, state: 0, scheduledDays: 0, reps: 0, lapses: 0, suspended: false, stability: 0, difficulty: 0 },
      ],
      tags: ['bench', `topic-${i % 20}`],
      modifiedAt: now,
    });
  }
  return writeAnkiPackage({ notes, reviews: [], media: [], createdAt: now }, tmpdir());
}

interface Row {
  guid: string;
  kind: number;
  content: string;
  tagsJson: string;
  tags: string[];
  section: string;
  ords: number[];
}

/** The note and card rows an import wrote, read back so the baseline inserts exactly the same rows. */
function rowsWritten(app: RetainApp): Row[] {
  const db = app.services.repos.db;
  const ords = new Map<number, number[]>();
  for (const c of db.prepare('SELECT note_id AS noteId, ord FROM cards ORDER BY id').iterate() as IterableIterator<{ noteId: number; ord: number }>) {
    const list = ords.get(c.noteId);
    if (list) list.push(c.ord);
    else ords.set(c.noteId, [c.ord]);
  }
  const rows: Row[] = [];
  for (const n of db.prepare('SELECT id, guid, kind, content, tags, section FROM notes ORDER BY id').iterate() as IterableIterator<{
    id: number;
    guid: string;
    kind: number;
    content: string;
    tags: string;
    section: string;
  }>) {
    rows.push({ guid: n.guid, kind: n.kind, content: n.content, tagsJson: n.tags, tags: JSON.parse(n.tags) as string[], section: n.section, ords: ords.get(n.id) ?? [] });
  }
  return rows;
}

/** Newest modification time of the files under `dir`. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The reader thread as the app runs it: the built out/main/import-worker.js, when it was built
 * after the last change to the import code (otherwise the sources' worker, which tsx compiles as
 * it starts, and the log says so).
 */
export function builtImportWorker(log: (msg: string) => void): string | undefined {
  const built = resolve('out', 'main', 'import-worker.js');
  const stale = !existsSync(built) || statSync(built).mtimeMs < newestUnder(resolve('src', 'main', 'interchange'));
  log(stale ? 'import: out/main/import-worker.js is missing or older than src/main/interchange; the reader runs from the sources (run npm run build)' : 'import: the reader runs the built out/main/import-worker.js');
  return stale ? undefined : built;
}

function freshApp(ctx: BenchContext, name: string, importWorkerFile?: string): RetainApp {
  return createApp({ dataDir: ctx.tmp(name), clock: manualClock(ctx.now), timeZone: 'UTC', ...(importWorkerFile ? { importWorkerFile } : {}) });
}

function bareInsert(app: RetainApp, rows: Row[], now: number): void {
  const db = app.services.repos.db;
  const deck = db.prepare("INSERT INTO decks (name, created_at) VALUES ('Bench', ?)");
  const note = db.prepare(
    `INSERT INTO notes (guid, deck_id, kind, content, tags, section, source, content_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'bench', '0123456789abcdef0123456789abcdef', ?, ?)`,
  );
  const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  const card = db.prepare('INSERT INTO cards (note_id, deck_id, ord, due, suspended, created_at) VALUES (?, ?, ?, ?, 0, ?)');
  db.transaction(() => {
    const deckId = Number(deck.run(now).lastInsertRowid);
    for (const r of rows) {
      const id = Number(note.run(r.guid, deckId, r.kind, r.content, r.tagsJson, r.section, now, now).lastInsertRowid);
      for (const t of r.tags) tag.run(id, t);
      for (const ord of r.ords) card.run(id, deckId, ord, now, now);
    }
  })();
}

async function measure(ctx: BenchContext, label: string, fileName: string, bytes: Uint8Array, worker: string | undefined): Promise<BenchResult> {
  const measured: number[] = [];
  const baseline: number[] = [];
  /** CPU time of the whole process (every thread), which a busy machine changes less than wall time. */
  const cpu = { measured: [] as number[], baseline: [] as number[] };
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const app = freshApp(ctx, `import-${label}-${round}`, worker);
    // Collected before the file is staged: staging starts the reader thread, which must not gain the collection's time.
    collectGarbage();
    // Sent once, as the hosts do; the commit then reads the staged file, compares and writes.
    const { stageId } = app.services.imports.stageBytes(fileName, bytes);
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const result = await app.services.imports.commitStaged(stageId);
    measured.push(performance.now() - t0);
    cpu.measured.push(cpuMs(c0));
    if (result.notes !== NOTES) throw new Error(`${label}: imported ${result.notes} notes, expected ${NOTES}`);
    let rows: Row[] | null = rowsWritten(app);
    app.close();

    const bare = freshApp(ctx, `import-bare-${label}-${round}`);
    collectGarbage();
    t0 = performance.now();
    c0 = process.cpuUsage();
    bareInsert(bare, rows, ctx.now);
    baseline.push(performance.now() - t0);
    cpu.baseline.push(cpuMs(c0));
    bare.close();
    rows = null;
  }
  const ratios = measured.map((m, i) => m / (baseline[i] as number));
  ctx.log(
    `import ${label}: measured ${measured.map((m) => m.toFixed(0)).join(', ')} ms; baseline ${baseline.map((m) => m.toFixed(0)).join(', ')} ms; ` +
      `round ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}; ` +
      `cpu ${cpu.measured.map((m) => m.toFixed(0)).join(', ')} ms against ${cpu.baseline.map((m) => m.toFixed(0)).join(', ')} ms`,
  );
  return {
    name: `import ${NOTES.toLocaleString('en-US')}-note ${label} (read + compare + write) vs bare INSERT of the same rows`,
    value_ms: median(measured),
    baseline_ms: median(baseline),
    ratio: median(measured) / median(baseline),
    target: 'ratio <= 1.5',
    spread: { runs: ROUNDS, value_ms: [Math.min(...measured), Math.max(...measured)], ratio: [Math.min(...ratios), Math.max(...ratios)] },
  };
}

export async function importBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const worker = builtImportWorker(ctx.log);
  ctx.log(`import: generating a ${NOTES.toLocaleString('en-US')}-note CSV…`);
  results.push(await measure(ctx, 'CSV', 'bench.csv', generateCsv(NOTES), worker));
  ctx.log('import: CSV measured');
  ctx.log(`import: generating a ${NOTES.toLocaleString('en-US')}-note .apkg…`);
  results.push(await measure(ctx, '.apkg', 'bench.apkg', generateApkg(NOTES, ctx.now), worker));
  ctx.log('import: .apkg measured');
  return results;
}
