/** Temp apps opened by a test file, disposed after each test, and raw rows read from their database. */
import { afterEach } from 'vitest';
import { tempApp, type TempApp } from './temp-app';

export type Row = Record<string, unknown>;

/** `open()` gives a fresh app (built-in decks installed); every app opened is disposed after its test. */
export function tempApps(): { open(): TempApp } {
  const apps: TempApp[] = [];
  afterEach(() => {
    for (const t of apps.splice(0)) t.dispose();
  });
  return {
    open() {
      const t = tempApp();
      apps.push(t);
      return t;
    },
  };
}

export const rowsOf = (t: TempApp, sql: string, ...args: unknown[]): Row[] => t.app.services.repos.db.prepare(sql).all(...args) as Row[];
