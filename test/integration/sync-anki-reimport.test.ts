/**
 * An Anki package imported again with its schedule, onto cards the sync journal already recorded
 * as new: the imported state must reach the other computers. The import records the state those
 * cards now have as a `card.state` event, which becomes their sync head.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordUnjournaled } from '../../src/main/services/sync/sync-genesis';
import type { ApplierDeps } from '../../src/main/services/sync/applier-deps';
import { buildAnkiCollection, type TestAnkiCard } from '../support/anki-collection';
import { tempApp, type TempApp } from '../support/temp-app';

const CRT_SECS = Date.UTC(2024, 0, 1, 12) / 1000;
let t: TempApp | undefined;
let work = '';
afterEach(() => {
  t?.dispose();
  t = undefined;
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a schedule imported onto cards sync has recorded', () => {
  it('is recorded as the cards\' new state, newer than what was recorded before', async () => {
    work = mkdtempSync(join(tmpdir(), 'retain-anki-reimport-'));
    t = tempApp({ timeZone: 'UTC', start: Date.UTC(2024, 3, 5, 12) });
    const s = t.app.services;
    const deps: ApplierDeps = { repos: s.repos, settings: s.settings, journal: s.journal, clock: t.clock, timeZone: 'UTC' };
    // The second package has the notes reworded (so the import updates them) and scheduled.
    const scheduled: TestAnkiCard[] = [
      { id: 2001, type: 2, queue: 2, due: 100, ivl: 20, factor: 2500, reps: 6, lapses: 1, back: 'Answer 2001, reworded' },
      { id: 2002, type: 2, queue: 2, due: 96, ivl: 12, factor: 2300, reps: 4, back: 'Answer 2002, reworded' },
    ];
    const fresh = scheduled.map((c): TestAnkiCard => ({ id: c.id, type: 0, queue: 0, due: 1 }));
    await s.imports.commit({ fileName: 'first.anki2', bytes: buildAnkiCollection({ cards: fresh, revlog: [], crtSecs: CRT_SECS }, work) });
    recordUnjournaled(deps);
    const cardOf = (ankiId: number) =>
      s.repos.db.prepare('SELECT c.id, c.ord, c.state, c.due, c.sync_head AS head, n.guid FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ?').get(`g${ankiId}`) as {
        id: number;
        ord: number;
        state: number;
        due: number;
        head: string | null;
        guid: string;
      };
    expect(cardOf(2001).state).toBe(0);
    expect(cardOf(2001).head).not.toBeNull();

    await s.imports.commit({ fileName: 'again.anki2', bytes: buildAnkiCollection({ cards: scheduled, revlog: [], crtSecs: CRT_SECS }, work) });
    const card = cardOf(2001);
    expect(card.state).toBe(2);
    // The next sync records the rest of the import (its notes' new text), not the state again.
    recordUnjournaled(deps);
    const events = s.repos.sync.eventsOf(`card:${card.guid}/${card.ord}`);
    const last = events[events.length - 1]!;
    expect(last.type).toBe('card.state');
    expect(last.body).toMatchObject({ state: { state: 2, due: card.due } });
    expect(cardOf(2001).head).toBe(last.id);
  });
});
