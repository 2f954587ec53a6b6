/**
 * The least any merge of these answers must do, timed alone on its own copy of the collection: in
 * one committed transaction and in the best order, keep each event (its JSON in sync_log), find
 * its card by note guid and ordinal, write the card's new state and sync head, and add its
 * review_log row. No schema check, no fold, no bookkeeping. Set against the bare INSERT, this is
 * the ratio no merge with this storage can beat; the bench prints it beside the merge's own.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { parseCardEntity, type SyncCardState, type SyncEvent } from '../src/main/core/sync/sync-events';
import type { BenchContext } from './bench-context';
import type { MergeCollection } from './sync-merge-collection';

const byEntity = (a: SyncEvent, b: SyncEvent): number => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Wall time (ms) of the least a merge of `c.events` must do, on the collection in `dataDir`. */
export function mergeFloor(ctx: BenchContext, dataDir: string, c: MergeCollection): number {
  const app = createApp({ dataDir, clock: manualClock(ctx.now), timeZone: 'UTC' });
  try {
    const db = app.services.repos.db;
    const events = c.events.filter((e) => e.type === 'review').sort(byEntity);
    const keep = db.prepare<[string, string, string, string]>('INSERT OR IGNORE INTO sync_log (entity, id, type, body, local) VALUES (?, ?, ?, ?, 0)');
    const find = db.prepare<[number, string], [number]>('SELECT c.id FROM notes n JOIN cards c ON c.note_id = n.id AND c.ord = ? WHERE n.guid = ?').raw();
    const update = db.prepare(
      `UPDATE cards SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?, reps = ?, lapses = ?,
       state = ?, last_review = ?, sync_head = ? WHERE id = ?`,
    );
    const log = db.prepare(
      'INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const t0 = performance.now();
    db.transaction(() => {
      const found: Array<{ cardId: number; e: SyncEvent }> = [];
      for (const e of events) {
        keep.run(e.entity, e.id, e.type, JSON.stringify(e.body));
        const key = parseCardEntity(e.entity);
        const row = key ? find.get(key.ord, key.noteGuid) : undefined;
        if (row) found.push({ cardId: row[0], e });
      }
      found.sort((a, b) => a.cardId - b.cardId);
      for (const { cardId, e } of found) {
        const a = e.body.after as SyncCardState;
        const b = e.body as { at: number; rating: number; stateBefore: number; elapsedDays: number; scheduledDays: number; durationMs: number; kind: number };
        update.run(a.due, a.stability, a.difficulty, a.elapsedDays, a.scheduledDays, a.learningSteps, a.reps, a.lapses, a.state, a.lastReview, e.id, cardId);
        log.run(cardId, b.at, b.rating, b.stateBefore, b.elapsedDays, b.scheduledDays, b.durationMs, b.kind, e.id);
      }
    }).immediate();
    return performance.now() - t0;
  } finally {
    app.close();
  }
}
