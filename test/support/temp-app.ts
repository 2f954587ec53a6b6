/** A real Retain app on a real SQLite file in a temp folder, with a manual clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type AppOptions, type RetainApp } from '../../src/main/app';
import { manualClock, type ManualClock } from '../../src/main/core/clock';

export const DECKS_DIR = resolve(process.cwd(), 'decks');

export interface TempApp {
  app: RetainApp;
  clock: ManualClock;
  dataDir: string;
  /** Close and open again on the same folder (a restart). */
  reopen(extra?: Partial<AppOptions>): RetainApp;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  dispose(): void;
}

export function tempApp(options: Partial<AppOptions> & { start?: number } = {}): TempApp {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'retain-it-'));
  const clock = manualClock(options.start ?? Date.UTC(2026, 2, 10, 9, 0));
  const make = (extra: Partial<AppOptions> = {}) =>
    createApp({ dataDir, decksDir: DECKS_DIR, clock, timeZone: 'UTC', ...options, ...extra });
  const t: TempApp = {
    app: make(),
    clock,
    dataDir,
    reopen(extra) {
      t.app.close();
      t.app = make(extra);
      return t.app;
    },
    async call<T>(method: string, input: unknown = {}): Promise<T> {
      const r = await t.app.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    dispose() {
      t.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
