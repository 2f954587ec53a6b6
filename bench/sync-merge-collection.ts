/**
 * The merge bench's collection: 1,000,000 cards built as the other benches build theirs
 * (bench/collection.ts), journaled as the first sync leaves a collection (each card's state as a
 * `card.state` event, which is its sync head), and 100,000 answers another device made on it, as
 * its `review` events: most made on the card's head (taken as recorded), 5% made by a third device
 * on a state the second had already moved on (replayed through FSRS at the merge).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, DB_FILE } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import type { CardState, RatingCode } from '../src/main/core/scheduler';
import { formatEventId } from '../src/main/core/sync/event-id';
import { entityOf, type SyncEvent } from '../src/main/core/sync/sync-events';
import { syncStateOf } from '../src/main/services/sync/card-events';
import { createCardScheduling } from '../src/main/services/sync/card-scheduling';
import { DEVICE_KEY } from '../src/main/services/sync/sync-journal';
import type { BenchContext } from './bench-context';
import { buildCollection } from './collection';

export const MERGE_CARDS = 1_000_000;
export const FOREIGN_EVENTS = 100_000;
/** Answers made on a state another device had already moved on: these need an FSRS replay. */
export const REPLAYED_EVENTS = 5_000;
const LOCAL = 'benchlocal01';
const REMOTE = 'benchremote1';
const REMOTE_TWO = 'benchremote2';
const DAY = 86_400_000;

/** One foreign answer as the bare baseline inserts it into review_log. */
export type BareRow = [cardId: number, at: number, rating: number, stateBefore: number, elapsedDays: number, scheduledDays: number, durationMs: number, kind: number, uid: string];

export interface MergeCollection {
  /** The journaled collection (copied for each run: a merge changes it). */
  file: string;
  events: SyncEvent[];
  bare: BareRow[];
  /** Cards the events touch, and the states the first foreign answer left on each. */
  touched: number;
}

interface CardRow extends CardState {
  id: number;
  noteId: number;
}

/** Each card's state as a `card.state` event of this device, made a month before, and its sync head. */
function journalCards(db: ReturnType<typeof createApp>['services']['repos']['db'], now: number): void {
  const cards = db.prepare<[number], { id: number; noteId: number; due: number; stability: number; difficulty: number; elapsedDays: number; scheduledDays: number; learningSteps: number; reps: number; lapses: number; state: number; lastReview: number | null }>(
    `SELECT id, note_id AS noteId, due, stability, difficulty, elapsed_days AS elapsedDays, scheduled_days AS scheduledDays,
            learning_steps AS learningSteps, reps, lapses, state, last_review AS lastReview FROM cards WHERE id > ? ORDER BY id LIMIT 50000`,
  );
  const append = db.prepare<[string, string, string]>("INSERT INTO sync_log (entity, id, type, body, local) VALUES (?, ?, 'card.state', ?, 1)");
  const head = db.prepare<[string, number]>('UPDATE cards SET sync_head = ? WHERE id = ?');
  db.transaction(() => {
    db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)').run(DEVICE_KEY, LOCAL);
    let seq = 0;
    for (let chunk = cards.all(0); chunk.length > 0; chunk = cards.all(chunk[chunk.length - 1]?.id ?? Infinity)) {
      for (const c of chunk) {
        seq += 1;
        const id = formatEventId(now - 30 * DAY + Math.floor(seq / 1000), seq % 1000, LOCAL);
        append.run(entityOf.card(`bench-${c.noteId}`, 0), id, JSON.stringify({ state: syncStateOf(c as unknown as CardState) }));
        head.run(id, c.id);
      }
    }
  })();
}

export function buildMergeCollection(ctx: BenchContext): MergeCollection {
  const dir = ctx.tmp('sync-merge');
  const clock = manualClock(ctx.now);
  const app = createApp({ dataDir: dir, clock, timeZone: 'UTC' });
  const events: SyncEvent[] = [];
  const bare: BareRow[] = [];
  try {
    const { repos, settings } = app.services;
    const db = repos.db;
    ctx.log(`sync merge: building a ${MERGE_CARDS.toLocaleString('en-US')}-card collection…`);
    const built = buildCollection(db, MERGE_CARDS, FOREIGN_EVENTS, ctx.now);
    ctx.log('sync merge: journaling it as the first sync does (a card.state event and sync head per card)…');
    journalCards(db, ctx.now);
    const scheduler = settings.scheduler();
    // The settings the other devices scheduled with, as they send them once (a `params` event) and name them in each answer.
    const schedulingEntry = createCardScheduling(repos, settings).entry(scheduler, 1, () => null);
    const scheduling = schedulingEntry.key;
    for (const device of [REMOTE, REMOTE_TWO]) {
      events.push({ id: formatEventId(ctx.now - DAY, 0, device), entity: entityOf.params(scheduling), type: 'params', body: { ...schedulingEntry.settings } });
    }
    const read = db.prepare<[number], CardRow & { head: string }>(
      `SELECT id, note_id AS noteId, due, stability, difficulty, elapsed_days AS elapsedDays, scheduled_days AS scheduledDays,
              learning_steps AS learningSteps, reps, lapses, state, last_review AS lastReview, sync_head AS head FROM cards WHERE id = ?`,
    );
    const answer = (c: CardRow & { head: string }, device: string, at: number, rating: RatingCode, cardId: number) => {
      const after = scheduler.schedule(c, at, rating, cardId);
      const id = formatEventId(at, 0, device);
      const durationMs = 4_000 + (at % 9) * 1_000;
      events.push({
        id,
        entity: entityOf.card(`bench-${c.noteId}`, 0),
        type: 'review',
        body: { at, rating, durationMs, kind: 0, stateBefore: c.state, elapsedDays: after.elapsedDays, scheduledDays: after.scheduledDays, parent: c.head, after: syncStateOf(after), scheduling, history: false },
      });
      bare.push([cardId, at, rating, c.state, after.elapsedDays, after.scheduledDays, durationMs, 0, id]);
    };
    // The other device studied the due cards during the day; a third device answered 5% of the same
    // cards offline a second later, on the state both had before.
    const single = FOREIGN_EVENTS - 2 * REPLAYED_EVENTS;
    const touched = single + REPLAYED_EVENTS;
    for (let k = 0; k < touched; k++) {
      const cardId = built.firstId + k;
      const c = read.get(cardId);
      if (!c) throw new Error(`card ${cardId} missing`);
      const at = ctx.now + k * 400;
      const rating = (k % 11 === 0 ? 1 : k % 13 === 0 ? 2 : k % 29 === 0 ? 4 : 3) as RatingCode;
      answer(c, REMOTE, at, rating, cardId);
      if (k < REPLAYED_EVENTS) answer(c, REMOTE_TWO, at + 1_000, 3, cardId);
    }
    ctx.log(`sync merge: ${events.length.toLocaleString('en-US')} foreign review events on ${touched.toLocaleString('en-US')} cards`);
    return { file: join(dir, DB_FILE), events, bare, touched };
  } finally {
    app.close();
  }
}

/** A copy of the collection in a folder of its own, for one run's merge or baseline. */
export function copyCollection(ctx: BenchContext, from: string, name: string): string {
  const dir = ctx.tmp(name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(from, join(dir, DB_FILE));
  return dir;
}
