/**
 * Merging another device's answers: 100,000 foreign `review` events merged with mergeEvents into a
 * 1,000,000-card journaled collection (kept in the journal, each card brought to its replayed
 * state, each answer written to review_log), against the bare INSERT of the same 100,000 rows into
 * review_log in one transaction, on a copy of the same collection. When the ratio misses its
 * target, the merge's parts are timed alone on another copy (bench/sync-merge-breakdown.ts).
 */
import { rmSync } from 'node:fs';
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { createAppliers } from '../src/main/services/sync/appliers';
import { mergeEvents } from '../src/main/services/sync/merge-events';
import type { BenchContext } from './bench-context';
import type { BenchResult } from './stats';
import { buildMergeCollection, copyCollection, FOREIGN_EVENTS, MERGE_CARDS, REPLAYED_EVENTS, type MergeCollection } from './sync-merge-collection';
import { mergeBreakdown } from './sync-merge-breakdown';
import { mergeFloor } from './sync-merge-floor';

const TARGET = 3;
/** Built once per process: the alone script runs the bench several times on the same collection. */
let built: MergeCollection | null = null;

function count(db: { prepare(sql: string): { get(): unknown } }, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

/** The merge on one copy: its time, checked to have kept every answer and moved every card. */
function timeMerge(ctx: BenchContext, c: MergeCollection): { ms: number; cpuMs: number } {
  const clock = manualClock(ctx.now + 86_400_000);
  const dataDir = copyCollection(ctx, c.file, 'sync-merge-run');
  const app = createApp({ dataDir, clock, timeZone: 'UTC' });
  try {
    const s = app.services;
    const appliers = createAppliers({ repos: s.repos, settings: s.settings, journal: s.journal, clock, timeZone: 'UTC' });
    const logBefore = count(s.repos.db, 'SELECT count(*) AS n FROM review_log');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = mergeEvents(s.repos, s.journal, appliers, c.events);
    const cpu = process.cpuUsage(cpu0);
    const ms = performance.now() - t0;
    const logged = count(s.repos.db, 'SELECT count(*) AS n FROM review_log') - logBefore;
    const moved = count(s.repos.db, "SELECT count(*) AS n FROM cards WHERE sync_head LIKE '%.benchremote_'");
    if (r.received !== c.events.length || r.skipped !== 0 || logged !== FOREIGN_EVENTS || moved !== c.touched) {
      throw new Error(`the merge did not do its work: ${JSON.stringify(r)}, ${logged} answers logged, ${moved} of ${c.touched} cards moved`);
    }
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    app.close();
    // Each copy is as large as the collection: gone once timed.
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bare INSERT of the same rows into review_log, one transaction, on another copy. */
function timeBare(ctx: BenchContext, c: MergeCollection): number {
  const dataDir = copyCollection(ctx, c.file, 'sync-merge-bare');
  const app = createApp({ dataDir, clock: manualClock(ctx.now), timeZone: 'UTC' });
  try {
    const db = app.services.repos.db;
    const insert = db.prepare(
      'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const t0 = performance.now();
    db.transaction(() => {
      for (const row of c.bare) insert.run(...row);
    }).immediate();
    return performance.now() - t0;
  } finally {
    app.close();
    // Each copy is as large as the collection: gone once timed.
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function syncMergeBenches(ctx: BenchContext): Promise<BenchResult[]> {
  built ??= buildMergeCollection(ctx);
  const c = built;
  const bare = timeBare(ctx, c);
  const { ms: merge, cpuMs } = timeMerge(ctx, c);
  const ratio = merge / bare;
  ctx.log(`sync merge: merge ${merge.toFixed(0)} ms (${cpuMs.toFixed(0)} ms of CPU), bare INSERT ${bare.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`);
  if (ratio > TARGET) {
    const dir = copyCollection(ctx, c.file, 'sync-merge-parts');
    try {
      for (const line of mergeBreakdown(ctx, dir, c, cpuMs)) ctx.log(`sync merge breakdown: ${line}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const floorDir = copyCollection(ctx, c.file, 'sync-merge-floor');
    try {
      const floor = mergeFloor(ctx, floorDir, c);
      ctx.log(`sync merge floor: the least a merge must write and read, alone (sorted, prepared, committed): ${floor.toFixed(0)} ms, ratio ${(floor / bare).toFixed(2)} to the bare INSERT`);
    } finally {
      rmSync(floorDir, { recursive: true, force: true });
    }
  }
  return [
    {
      name: `sync: merge ${FOREIGN_EVENTS.toLocaleString('en-US')} foreign review events (${REPLAYED_EVENTS.toLocaleString('en-US')} replayed) into ${MERGE_CARDS.toLocaleString('en-US')} cards vs bare INSERT into review_log`,
      value_ms: merge,
      baseline_ms: bare,
      ratio,
      target: `ratio <= ${TARGET}`,
    },
  ];
}
