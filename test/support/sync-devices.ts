/**
 * Simulated sync devices for the convergence property test: real apps (composition root, real
 * SQLite files) on their own data folders and manual clocks, all starting from one small
 * collection installed from the same deck files, so built-in notes share their guids while local
 * ids differ per device (each template installs after a different number of notes of its own).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, DB_FILE, type RetainApp } from '../../src/main/app';
import { manualClock, type ManualClock } from '../../src/main/core/clock';
import type { SyncEvent } from '../../src/main/core/sync/sync-events';
import { createAppliers } from '../../src/main/services/sync/appliers';
import type { ApplierDeps } from '../../src/main/services/sync/applier-deps';
import type { EntityApplier, EntityAppliers } from '../../src/main/services/sync/merge-events';
import { recordUnjournaled } from '../../src/main/services/sync/sync-genesis';
import { BUILTIN_DECK_DIR } from './builtin-decks';

export const SYNC_TEMPLATE_TIME = Date.UTC(2026, 2, 10, 9, 0);
const TIME_ZONE = 'UTC';

export interface SyncDevice {
  name: string;
  /** The database file the device starts each run from. */
  template: string;
  app: RetainApp;
  clock: ManualClock;
  deps: ApplierDeps;
  appliers: EntityAppliers;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Rows of a query on the device's database. */
  rows<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T[];
}

/** Two small deck files cut from the built-in decks (a few notes each, one deck nested). */
function writeSmallDecks(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const cut = (file: string, notes: number) => {
    const deck = JSON.parse(readFileSync(join(BUILTIN_DECK_DIR, file), 'utf8')) as { notes: unknown[] };
    deck.notes = deck.notes.slice(0, notes);
    writeFileSync(join(dir, file), JSON.stringify(deck));
  };
  cut('aws-lambda-cold-starts.json', 5);
  cut('aws-lambda-concurrency.json', 4);
}

/**
 * Template `k` (0, 1, 2): a collection where the user first made `k` notes of their own in a deck
 * "Inbox" (the same path on every device that has it), then installed the small decks.
 */
async function buildTemplate(root: string, decksDir: string, k: number): Promise<string> {
  const dataDir = join(root, `template-${k}`);
  mkdirSync(dataDir, { recursive: true });
  const clock = manualClock(SYNC_TEMPLATE_TIME - 3_600_000 + k * 60_000);
  let app = createApp({ dataDir, clock, timeZone: TIME_ZONE });
  const inbox = k > 0 ? await app.dispatch('decks.create', { name: 'Inbox' }) : null;
  if (inbox && !inbox.ok) throw new Error(inbox.error.message);
  const deckId = (inbox?.value as { deckId: number } | undefined)?.deckId;
  for (let i = 0; i < k; i++) {
    const draft = { deckId, content: { kind: 'basic', front: `Own question ${k}.${i}`, back: `Own answer ${k}.${i}` }, tags: ['own'] };
    const added = await app.dispatch('notes.add', { draft });
    if (!added.ok) throw new Error(added.error.message);
    clock.advance(60_000);
  }
  app.close();
  clock.set(SYNC_TEMPLATE_TIME);
  app = createApp({ dataDir, clock, timeZone: TIME_ZONE, decksDir });
  app.close();
  return join(dataDir, DB_FILE);
}

/**
 * SYNC_FAULT=skip-refold: a deliberately broken card applier, to prove the property test can fail.
 * It applies only events that go on top of the card (after every event it had, an answer made on
 * its sync head) and drops the rest instead of folding the card again from all of its events.
 */
function withFault(deps: ApplierDeps, appliers: EntityAppliers): EntityAppliers {
  if (process.env.SYNC_FAULT !== 'skip-refold') return appliers;
  const real = appliers.card;
  const head = deps.repos.db.prepare<[string, number], { head: string | null }>(
    'SELECT c.sync_head AS head FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ? AND c.ord = ?',
  );
  const card: EntityApplier = {
    apply(fresh) {
      const onTop = new Map<string, SyncEvent[]>();
      for (const [entity, events] of fresh) {
        const first = events[0];
        const slash = entity.lastIndexOf('/');
        const current = head.get(entity.slice(5, slash), Number(entity.slice(slash + 1)))?.head ?? null;
        const parent = first?.type === 'review' ? (first.body as { parent?: string | null }).parent : current;
        if (first && deps.repos.sync.countAfter(entity, first.id) === events.length - 1 && parent === current) onTop.set(entity, events);
      }
      return real.apply(onTop);
    },
  };
  return { ...appliers, card };
}

export interface SyncWorld {
  /** The three devices, open for the whole test file; `resetDevices` starts each run afresh. */
  devices: SyncDevice[];
  /** A scratch folder for the run (the file exchange's folders). */
  root: string;
  dispose(): void;
}

/** A device id derived from the run's seed, so a replayed seed makes the same event ids. */
export function seededDeviceId(seed: number, k: number): string {
  return (seed * 3 + k).toString(36).padStart(12, '0').slice(-12);
}

function openDevice(root: string, template: string, k: number): SyncDevice {
  const dir = join(root, `device-${k}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(template, join(dir, DB_FILE));
  const clock = manualClock(SYNC_TEMPLATE_TIME);
  const app = createApp({ dataDir: dir, clock, timeZone: TIME_ZONE });
  const services = app.services;
  const deps: ApplierDeps = { repos: services.repos, settings: services.settings, journal: services.journal, clock, timeZone: TIME_ZONE };
  const db = services.repos.db;
  // A simulated device need not survive a power cut: commits skip the disk flush, for speed.
  db.pragma('synchronous = OFF');
  return {
    name: `device ${'ABC'[k] ?? k}`,
    template,
    app,
    clock,
    deps,
    appliers: withFault(deps, createAppliers(deps)),
    async call<T>(method: string, input: unknown = {}): Promise<T> {
      const r = await app.dispatch(method, input);
      if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.code}: ${r.error.message}`), { code: r.error.code });
      return r.value as T;
    },
    rows<T>(sql: string, ...args: unknown[]): T[] {
      return db.prepare(sql).all(...args) as T[];
    },
  };
}

export async function createSyncWorld(): Promise<SyncWorld> {
  const root = mkdtempSync(join(tmpdir(), 'retain-sync-'));
  const decksDir = join(root, 'decks');
  writeSmallDecks(decksDir);
  const devices: SyncDevice[] = [];
  for (let k = 0; k < 3; k++) devices.push(openDevice(root, await buildTemplate(root, decksDir, k), k));
  return {
    devices,
    root,
    dispose() {
      for (const d of devices) d.app.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Put a device's collection back to its template in place (one transaction; the open app is
 * kept, since opening an app costs more than a whole run), give it the device id of this seed,
 * and record what is in the collection, as the first sync does.
 */
function resetDevice(d: SyncDevice, k: number, seed: number, start: number): void {
  const db = d.deps.repos.db;
  db.pragma('foreign_keys = OFF');
  db.prepare('ATTACH DATABASE ? AS template').run(d.template);
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((t) => t.name);
    // deck_card_counts is kept by triggers on cards: copied last, over what the triggers wrote.
    const ordered = [...tables.filter((t) => t !== COUNTS), COUNTS];
    db.transaction(() => {
      for (const t of tables) db.exec(`DELETE FROM main."${t}"`);
      for (const t of ordered) db.exec(`DELETE FROM main."${t}"; INSERT INTO main."${t}" SELECT * FROM template."${t}"`);
    }).immediate();
  } finally {
    db.exec('DETACH DATABASE template');
    db.pragma('foreign_keys = ON');
  }
  d.clock.set(start);
  // The journal takes a new device id from Math.random: drawn from the seed here, so replays match.
  const random = Math.random;
  const ids = seededDeviceId(seed, k);
  let i = 0;
  Math.random = () => parseInt(ids[i++ % 12] as string, 36) / 36 + 1e-9;
  try {
    d.deps.journal.renew();
  } finally {
    Math.random = random;
  }
  d.app.services.decks.invalidate();
  d.deps.settings.invalidate();
  recordUnjournaled(d.deps);
}

const COUNTS = 'deck_card_counts';

/** Start a run: every device back to its template, its clock at its start. */
export function resetDevices(world: SyncWorld, seed: number, starts: readonly number[]): SyncDevice[] {
  world.devices.forEach((d, k) => resetDevice(d, k, seed, starts[k] as number));
  return world.devices;
}
