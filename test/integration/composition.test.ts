/**
 * The composition root: the handler table is built only from a complete set of services (checked
 * by the compiler: the `@ts-expect-error` lines below fail `tsc` if the mistake they hold ever
 * compiles), and while the collection cannot be opened exactly the recovery methods answer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METHODS } from '../../src/shared/api/contract';
import { createHandlers } from '../../src/main/api/handlers';
import type { CollectionControl, LiveServices, Needs, Services } from '../../src/main/api/handler-types';
import { decksHandlers } from '../../src/main/api/handlers/decks-handlers';
import { recoveryHandlers } from '../../src/main/api/handlers/recovery-handlers';
import { recoveryScratch } from '../support/recovery';

/** Compile-time only (never called): each mistake must be a type error. */
export function compositionMistakes(live: LiveServices, control: CollectionControl): void {
  const { quiz: _quiz, ...withoutQuiz } = live;
  // @ts-expect-error the services cannot be composed when one (here the quiz) was forgotten
  const services: Services = { ...withoutQuiz, ...control };
  // @ts-expect-error the handler table cannot be built without every service
  createHandlers({ ...withoutQuiz, ...control });
  // @ts-expect-error a handler group needs the services it declares (the deck list needs the built-in decks)
  decksHandlers({ decks: live.decks });
  const declared: Needs<'decks' | 'builtinDecks'> = live;
  // @ts-expect-error a handler group sees only the services it declares
  void declared.quiz;
  // @ts-expect-error the recovery methods never reach the services on the collection
  void ((s: Parameters<typeof recoveryHandlers>[0]) => s.repos);
  void services;
}

const scratch = recoveryScratch('retain-composition-');
afterEach(() => scratch.cleanup());

describe('composition while the collection cannot be opened', () => {
  it('answers exactly the recovery methods, refuses the rest with database_unavailable, and is complete after a fresh start', async () => {
    const dir = scratch.dir();
    writeFileSync(join(dir, 'retain.db'), 'not a database, but a file someone left here');
    const app = scratch.open(dir);
    expect(app.collection.status().state).toBe('unavailable');
    expect(() => app.services.decks).toThrow(expect.objectContaining({ code: 'database_unavailable', message: expect.stringContaining('not an SQLite database') }));

    const recovery = new Set(Object.keys(recoveryHandlers(app.collection)));
    expect([...recovery].sort()).toEqual(['app.checkDatabase', 'app.restoreBackup', 'app.retry', 'app.startFresh', 'app.status', 'backups.list']);
    for (const method of METHODS) {
      if (recovery.has(method)) continue;
      const r = await app.dispatch(method, {});
      // Input is checked after the gate, so every closed method answers the same code, whatever its input.
      expect(r, method).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    }
    expect(await app.dispatch('app.status', {})).toMatchObject({ ok: true, value: { state: 'unavailable' } });
    expect(await app.dispatch('app.retry', {})).toMatchObject({ ok: true, value: { state: 'unavailable' } });
    expect(await app.dispatch('backups.list', {})).toMatchObject({ ok: true, value: { backups: [] } });
    const restore = await app.dispatch('app.restoreBackup', { name: 'no-such-backup.db' });
    expect(restore.ok).toBe(false);
    if (!restore.ok) expect(restore.error.code).not.toBe('database_unavailable');

    const started = await app.dispatch('app.startFresh', {});
    expect(started).toMatchObject({ ok: true, value: { state: 'ok' } });
    expect(Object.keys(createHandlers(app.services)).sort()).toEqual([...METHODS].sort());
    expect(await app.dispatch('decks.list', {})).toMatchObject({ ok: true });
    expect(await app.dispatch('settings.get', {})).toMatchObject({ ok: true });
    expect(app.services.decks.list().length).toBeGreaterThan(0);
  });
});
