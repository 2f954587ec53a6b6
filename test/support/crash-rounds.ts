/**
 * The crash trial: the HTTP host (src/main/serve.ts, bundled once per run) runs as a child
 * process; answers are sent as fast as it takes them; the host is killed with SIGKILL at a random moment; then the file is checked as the next
 * start would find it: integrity_check ok, every acknowledged answer in the log, and every card
 * equal to the replay of its log from the state before its first logged answer.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createApp } from '../../src/main/app';
import { manualClock } from '../../src/main/core/clock';
import { newCardState, type CardState, type RatingCode } from '../../src/main/core/scheduler';
import { createRepos } from '../../src/main/db/repos';
import { createSettingsService } from '../../src/main/services/settings-service';
import { bundledEntry } from './bundled-entry';
import { missingAnswers } from './recovery';

const ROOT = resolve(process.cwd());
const DAY = 86_400_000;
export const CRASH_START = Date.UTC(2026, 2, 10, 9, 0);

export interface RoundResult {
  acknowledged: number;
  missing: string[];
  integrity: string;
  replayMismatches: string[];
}

interface Host {
  child: ChildProcess;
  origin: string;
  token: string;
  exited: Promise<void>;
}

function startHost(dataDir: string, now: number, fault: boolean): Promise<Host> {
  const child = spawn(process.execPath, [bundledEntry('src/main/serve.ts'), '--port', '0', '--data-dir', dataDir, '--test-clock', String(now), '--time-zone', 'UTC'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RETAIN_FAULT_ACK_BEFORE_COMMIT: fault ? '1' : '' },
  });
  const exited = new Promise<void>((res) => child.on('exit', () => res()));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<Host>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`host did not start: ${stderr}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      const url = new URL(m[1]);
      res({ child, origin: url.origin, token: url.searchParams.get('token') ?? '', exited });
    });
    void exited.then(() => rej(new Error(`host exited before it started: ${stderr}`)));
  });
}

/** A collection with the built-in decks and fuzz off (so a replay needs no seed); returns its card ids. */
export function prepareCollection(dataDir: string): number[] {
  const app = createApp({ dataDir, decksDir: join(ROOT, 'decks'), clock: manualClock(CRASH_START), timeZone: 'UTC' });
  try {
    app.services.settings.update({ fuzz: false });
    return (app.services.repos.db.prepare('SELECT id FROM cards ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  } finally {
    app.close();
  }
}

const STATE_KEYS = ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'lastReview'] as const;

/** Cards whose stored state differs from the replay of their review log. */
export function replayMismatches(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const repos = createRepos(db);
    const scheduler = createSettingsService(repos, 'UTC').scheduler();
    // Undo data is kept only for answers undo can still take back; the cards start new.
    const rows = db
      .prepare('SELECT r.card_id, r.reviewed_at, r.rating, u.card_before FROM review_log r LEFT JOIN review_undo u ON u.log_id = r.id ORDER BY r.card_id, r.id')
      .all() as Array<{
      card_id: number;
      reviewed_at: number;
      rating: number;
      card_before: string | null;
    }>;
    const out: string[] = [];
    let i = 0;
    while (i < rows.length) {
      const cardId = rows[i]!.card_id;
      const first = i;
      let state = newCardState(rows[i]!.reviewed_at);
      for (; i < rows.length && rows[i]!.card_id === cardId; i++) {
        const r = rows[i]!;
        const before = r.card_before === null ? null : (JSON.parse(r.card_before) as CardState);
        // A new card's due date is whenever it was added; the replay starts it at its first answer.
        const compared = i === first ? STATE_KEYS.filter((k) => k !== 'due') : STATE_KEYS;
        if (before && compared.some((k) => before[k] !== state[k])) out.push(`card ${cardId}: log row before-state differs from the replay`);
        state = scheduler.schedule(state, r.reviewed_at, r.rating as RatingCode, cardId);
      }
      const card = repos.cards.get(cardId) as unknown as Record<string, unknown> | undefined;
      const differs = STATE_KEYS.filter((k) => card?.[k] !== state[k]);
      if (differs.length) out.push(`card ${cardId}: ${differs.join(', ')} differ from the replay of its log`);
    }
    return out;
  } finally {
    db.close();
  }
}

/** One round: start, answer as fast as possible with `workers` requests in flight, SIGKILL after a random delay, check. */
export async function crashRound(dataDir: string, cardIds: number[], round: number, options: { fault?: boolean; workers?: number } = {}): Promise<RoundResult> {
  const host = await startHost(dataDir, CRASH_START + round * DAY, options.fault === true);
  const acked = new Map<number, number>();
  let alive = true;
  void host.exited.then(() => (alive = false));
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; alive; i++) {
      const cardId = cardIds[Math.floor(Math.random() * cardIds.length)]!;
      try {
        const res = await fetch(`${host.origin}/api/review.answer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-retain-token': host.token },
          body: JSON.stringify({ cardId, rating: ((i + w) % 4) + 1, durationMs: 700 }),
        });
        const body = (await res.json()) as { ok: boolean };
        if (body.ok) acked.set(cardId, (acked.get(cardId) ?? 0) + 1);
      } catch {
        return; // the host is gone: this answer was never acknowledged
      }
    }
  };
  const running = Array.from({ length: options.workers ?? 4 }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, 150 + Math.random() * 900));
  host.child.kill('SIGKILL');
  await host.exited;
  await Promise.all(running);

  const dbPath = join(dataDir, 'retain.db');
  const db = new Database(dbPath, { readonly: true });
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  db.close();
  return {
    acknowledged: [...acked.values()].reduce((a, b) => a + b, 0),
    missing: missingAnswers(acked, dbPath),
    integrity,
    replayMismatches: replayMismatches(dbPath),
  };
}
