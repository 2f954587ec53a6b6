/**
 * Storage per card and per review-log row: a generated 100,000-note Anki package (with review
 * history) imported through the import service, then a week of daily answers through the review
 * service, measured page by page (dbstat) against the same cards and history in Anki's own file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { writeAnkiPackage, type ExportNote, type ExportReview } from '../src/main/interchange/anki/write-anki-package';
import type { BenchContext } from './bench-context';

const NOTES = 100_000;
/** Imported history: one review on every fifth card. */
const HISTORY_EVERY = 5;
const DAYS = 7;
const ANSWERS_PER_DAY = 1_000;
const DAY = 86_400_000;

export interface StorageFigures {
  cards: number;
  logRows: number;
  bytesPerCard: number;
  bytesPerLogRow: number;
  /** Page bytes per table (with its indexes), divided by the cards. */
  perCardByTable: Record<string, number>;
}

/** Page bytes per table, its indexes included (dbstat). */
function bytesByTable(db: Database.Database): Map<string, number> {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db
    .prepare(`SELECT m.tbl_name AS t, sum(s.pgsize) AS b FROM dbstat s JOIN sqlite_master m ON m.name = s.name GROUP BY m.tbl_name`)
    .all() as Array<{ t: string; b: number }>;
  return new Map(rows.map((r) => [r.t, r.b]));
}

function figures(bytes: Map<string, number>, logTables: readonly string[], cards: number, logRows: number): StorageFigures {
  let cardBytes = 0;
  let logBytes = 0;
  const perCardByTable: Record<string, number> = {};
  for (const [t, b] of bytes) {
    if (logTables.includes(t)) logBytes += b;
    else {
      cardBytes += b;
      perCardByTable[t] = Math.round((b / cards) * 10) / 10;
    }
  }
  return { cards, logRows, bytesPerCard: cardBytes / cards, bytesPerLogRow: logRows === 0 ? 0 : logBytes / logRows, perCardByTable };
}

function generatePackage(now: number, dir: string): Uint8Array {
  const notes: ExportNote[] = [];
  const reviews: ExportReview[] = [];
  for (let i = 1; i <= NOTES; i++) {
    const id = now - NOTES + i;
    const reviewed = i % HISTORY_EVERY === 0;
    notes.push({
      id,
      guid: `storage-${i}`,
      noteType: 'Basic',
      fields: [
        { name: 'Front', value: `Question ${i}: what is the value of item ${i}?` },
        { name: 'Back', value: `Answer ${i % 997} for item ${i}` },
      ],
      cards: [
        reviewed
          ? { id, ord: 0, deckPath: 'Storage', due: now + (i % 30) * DAY, state: 2, scheduledDays: 1 + (i % 30), reps: 1, lapses: 0, suspended: false, stability: 3, difficulty: 5 }
          : { id, ord: 0, deckPath: 'Storage', due: now, state: 0, scheduledDays: 0, reps: 0, lapses: 0, suspended: false, stability: 0, difficulty: 0 },
      ],
      tags: ['storage', `topic-${i % 20}`],
      modifiedAt: now,
    });
    if (reviewed) reviews.push({ cardId: id, reviewedAt: now - 30 * DAY + i, rating: 3, durationMs: 4000, scheduledDays: 1 + (i % 30), lastScheduledDays: 0, state: 0 });
  }
  return writeAnkiPackage({ notes, reviews, media: [], createdAt: now }, dir);
}

/** The same cards and history in Anki's own collection file. */
function ankiFigures(pkg: Uint8Array, dir: string): StorageFigures {
  const path = join(dir, 'anki.anki2');
  const entry = unzipSync(pkg)['collection.anki2'];
  if (!entry) throw new Error('the generated package has no collection.anki2');
  writeFileSync(path, entry);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return figures(bytesByTable(db), ['revlog'], count('cards'), count('revlog'));
  } finally {
    db.close();
  }
}

export async function storageBench(ctx: BenchContext): Promise<{ retain: StorageFigures; anki: StorageFigures }> {
  const scratch = mkdtempSync(join(tmpdir(), 'retain-storage-'));
  try {
    ctx.log(`storage: generating a ${NOTES.toLocaleString('en-US')}-note package with history…`);
    const pkg = generatePackage(ctx.now, scratch);
    const anki = ankiFigures(pkg, scratch);
    const clock = manualClock(ctx.now);
    const app = createApp({ dataDir: ctx.tmp('storage'), clock, timeZone: 'UTC' });
    try {
      const result = await app.services.imports.commit({ fileName: 'storage.apkg', bytes: pkg });
      if (result.notes !== NOTES) throw new Error(`storage: imported ${result.notes} notes, expected ${NOTES}`);
      const db = app.services.repos.db;
      const ids = (db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[]).filter((_, i) => i % 7 === 0);
      // A week of daily answers, as the review screen writes them.
      let next = 0;
      for (let day = 0; day < DAYS; day++) {
        for (let k = 0; k < ANSWERS_PER_DAY; k++) {
          clock.advance(20_000);
          app.services.review.answer(ids[next++ % ids.length]!, ((k % 3) + 2) as 2 | 3 | 4, 5000);
        }
        clock.advance(DAY - ANSWERS_PER_DAY * 20_000);
      }
      // The next day's first answer: yesterday's answers can no longer be undone.
      app.services.review.answer(ids[next]!, 3, 5000);
      const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      const retain = figures(bytesByTable(db), ['review_log', 'review_undo'], count('cards'), count('review_log'));
      const line = (name: string, f: StorageFigures) =>
        ctx.log(
          `storage ${name}: ${f.bytesPerCard.toFixed(1)} bytes per card (${f.cards} cards), ${f.bytesPerLogRow.toFixed(1)} bytes per review-log row (${f.logRows} rows); per card by table ${JSON.stringify(f.perCardByTable)}`,
        );
      line('Retain', retain);
      line("Anki's own file", anki);
      return { retain, anki };
    } finally {
      app.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
