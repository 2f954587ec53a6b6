/**
 * Where a merge of foreign answers spends its time: each step it must take per event, timed alone
 * over the same events on a copy of the collection (in one transaction, rolled back): the body's
 * JSON, its schema check, the journal insert, the card lookup by note guid and ordinal, the card
 * update, the review_log insert, and the FSRS replay of the answers made on an older state. Times
 * are CPU times, set against the merge's own CPU time.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import type { CardState, RatingCode } from '../src/main/core/scheduler';
import { cardEventBodies, parseCardEntity, type SyncCardState } from '../src/main/core/sync/sync-events';
import type { BenchContext } from './bench-context';
import type { MergeCollection } from './sync-merge-collection';

/** CPU time (ms) of `fn`: steadier than the wall clock on a shared machine, and the merge's is taken the same way. */
const time = (fn: () => void): number => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

export function mergeBreakdown(ctx: BenchContext, dataDir: string, all: MergeCollection, mergeMs: number): string[] {
  // mergeMs: the merge's CPU time. The steps of the answers (the `params` events are two of 100,002).
  const c = { ...all, events: all.events.filter((e) => e.type === 'review') };
  const app = createApp({ dataDir, clock: manualClock(ctx.now), timeZone: 'UTC' });
  try {
    const { repos, settings } = app.services;
    const db = repos.db;
    const parts: Array<[string, number]> = [];
    const texts: string[] = [];
    parts.push(['JSON (stringify to the journal, parse back)', time(() => c.events.forEach((e) => texts.push(JSON.stringify(e.body)))) + time(() => texts.forEach((t) => JSON.parse(t)))]);
    parts.push(['schema check of each body (zod)', time(() => c.events.forEach((e) => cardEventBodies.review.safeParse(e.body)))]);
    const journal = db.prepare<[string, string, string, string]>('INSERT OR IGNORE INTO sync_log (entity, id, type, body, seq) VALUES (?, ?, ?, ?, NULL)');
    const lookup = db.prepare<[string, number], { id: number; head: string | null }>(
      'SELECT c.id, c.sync_head AS head, c.due, c.stability, c.difficulty, c.state FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ? AND c.ord = ?',
    );
    const update = db.prepare(
      `UPDATE cards SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?, reps = ?, lapses = ?,
       state = ?, last_review = ?, sync_head = ? WHERE id = ?`,
    );
    const log = db.prepare(
      'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    db.exec('BEGIN IMMEDIATE');
    try {
      parts.push(['journal insert (sync_log)', time(() => c.events.forEach((e, i) => journal.run(e.entity, e.id, e.type, texts[i] as string)))]);
      const ids: number[] = [];
      parts.push([
        'card lookup (note guid + ord)',
        time(() =>
          c.events.forEach((e) => {
            const key = parseCardEntity(e.entity);
            ids.push(key ? (lookup.get(key.noteGuid, key.ord)?.id ?? 0) : 0);
          }),
        ),
      ]);
      parts.push([
        'card update (state + sync head)',
        time(() =>
          c.events.forEach((e, i) => {
            const a = e.body.after as SyncCardState;
            update.run(a.due, a.stability, a.difficulty, a.elapsedDays, a.scheduledDays, a.learningSteps, a.reps, a.lapses, a.state, a.lastReview, e.id, ids[i]);
          }),
        ),
      ]);
      parts.push(['review_log insert', time(() => c.bare.forEach((row) => log.run(...row)))]);
    } finally {
      db.exec('ROLLBACK');
    }
    const scheduler = settings.scheduler();
    const replayed = c.events.filter((e) => e.id.endsWith('benchremote2'));
    parts.push([
      `FSRS replay of ${replayed.length} answers`,
      time(() => replayed.forEach((e) => scheduler.schedule(e.body.after as unknown as CardState, e.body.at as number, e.body.rating as RatingCode, 1))),
    ]);
    const sum = parts.reduce((s, [, ms]) => s + ms, 0);
    return [
      ...parts.map(([name, ms]) => `${name}: ${ms.toFixed(0)} ms (${((100 * ms) / mergeMs).toFixed(0)}% of the merge)`),
      `these steps alone: ${sum.toFixed(0)} ms of CPU; the merge: ${mergeMs.toFixed(0)} ms of CPU; the rest (the appliers' own reads, folds and bookkeeping): ${(mergeMs - sum).toFixed(0)} ms`,
    ];
  } finally {
    app.close();
  }
}
