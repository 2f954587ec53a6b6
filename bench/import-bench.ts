/**
 * Import benchmarks: a generated 100,000-note CSV and a generated 100,000-note .apkg, each
 * imported through the import service (read, compare, write in one transaction) into a fresh
 * collection, against the bare transactional insert of the same note and card rows with
 * prepared statements on an identically opened and migrated database, measured in the same run.
 */
import { tmpdir } from 'node:os';
import { createApp, type RetainApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { writeAnkiPackage, type ExportNote } from '../src/main/interchange/anki/write-anki-package';
import type { BenchContext } from './bench-context';
import { median, type BenchResult } from './stats';

const NOTES = 100_000;
const ROUNDS = 3;

function generateCsv(n: number): Uint8Array {
  const lines: string[] = ['#separator:tab', '#html:false'];
  for (let i = 1; i <= n; i++) lines.push(`Question ${i}: what is the value of item ${i}?\tAnswer ${i % 997} for item ${i}\tbench topic-${i % 20}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function generateApkg(n: number, now: number): Uint8Array {
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

function freshApp(ctx: BenchContext, name: string): RetainApp {
  return createApp({ dataDir: ctx.tmp(name), clock: manualClock(ctx.now), timeZone: 'UTC' });
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

async function measure(ctx: BenchContext, label: string, fileName: string, bytes: Uint8Array): Promise<BenchResult> {
  const measured: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const app = freshApp(ctx, `import-${label}-${round}`);
    // Sent once, as the hosts do; the commit then reads the staged file, compares and writes.
    const { stageId } = app.services.imports.stageBytes(fileName, bytes);
    let t0 = performance.now();
    const result = await app.services.imports.commitStaged(stageId);
    measured.push(performance.now() - t0);
    if (result.notes !== NOTES) throw new Error(`${label}: imported ${result.notes} notes, expected ${NOTES}`);
    let rows: Row[] | null = rowsWritten(app);
    app.close();

    const bare = freshApp(ctx, `import-bare-${label}-${round}`);
    t0 = performance.now();
    bareInsert(bare, rows, ctx.now);
    baseline.push(performance.now() - t0);
    bare.close();
    rows = null;
  }
  const ratios = measured.map((m, i) => m / (baseline[i] as number));
  ctx.log(
    `import ${label}: measured ${measured.map((m) => m.toFixed(0)).join(', ')} ms; baseline ${baseline.map((m) => m.toFixed(0)).join(', ')} ms; ` +
      `round ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
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
  ctx.log(`import: generating a ${NOTES.toLocaleString('en-US')}-note CSV…`);
  results.push(await measure(ctx, 'CSV', 'bench.csv', generateCsv(NOTES)));
  ctx.log('import: CSV measured');
  ctx.log(`import: generating a ${NOTES.toLocaleString('en-US')}-note .apkg…`);
  results.push(await measure(ctx, '.apkg', 'bench.apkg', generateApkg(NOTES, ctx.now)));
  ctx.log('import: .apkg measured');
  return results;
}
