/**
 * Builds a small Anki collection (schema 11, a bare .anki2 file's bytes) with the scheduling
 * columns and review log a test asks for: one Basic note per card, written by Retain's package
 * writer, then the cards' type/queue/due/ivl/factor/data, the revlog and the deck options set
 * with SQL, as Anki stores them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { writeAnkiPackage, type ExportNote } from '../../src/main/interchange/anki/write-anki-package';

export interface TestAnkiCard {
  /** Card id; the note gets the same id and the guid `g<id>`. */
  id: number;
  type: number;
  queue: number;
  due: number;
  ivl?: number;
  factor?: number;
  reps?: number;
  lapses?: number;
  left?: number;
  data?: string;
  odid?: number;
  odue?: number;
  /** The note's Back field (default "Answer <id>"). */
  back?: string;
}

export interface TestRevlogEntry {
  id: number;
  cid: number;
  ease: number;
  ivl: number;
  lastIvl?: number;
  factor: number;
  time?: number;
  type: number;
}

export interface TestCollection {
  cards: TestAnkiCard[];
  revlog: TestRevlogEntry[];
  /** col.crt, epoch seconds. */
  crtSecs: number;
  /** Extra fields merged into the default deck options preset (id 1), e.g. fsrsParams6. */
  preset?: Record<string, unknown>;
  /** Deck name for every card. */
  deck?: string;
}

export const guidOf = (cardId: number): string => `g${cardId}`;

export function buildAnkiCollection(spec: TestCollection, tmpDir: string): Uint8Array {
  const createdAt = spec.crtSecs * 1000;
  const notes: ExportNote[] = spec.cards.map((c) => ({
    id: c.id,
    guid: guidOf(c.id),
    noteType: 'Basic',
    fields: [
      { name: 'Front', value: `Question ${c.id}` },
      { name: 'Back', value: c.back ?? `Answer ${c.id}` },
    ],
    cards: [
      { id: c.id, ord: 0, deckPath: spec.deck ?? 'Imported', due: createdAt, state: 0, scheduledDays: 0, reps: 0, lapses: 0, suspended: false, stability: 0, difficulty: 0 },
    ],
    tags: [],
    modifiedAt: createdAt,
  }));
  const zip = unzipSync(writeAnkiPackage({ notes, reviews: [], media: [], createdAt }, tmpDir));
  const dir = mkdtempSync(join(tmpDir, 'anki-collection-'));
  try {
    const path = join(dir, 'collection.anki2');
    writeFileSync(path, zip['collection.anki2'] as Uint8Array);
    const db = new Database(path);
    try {
      db.transaction(() => {
        db.prepare('UPDATE col SET crt = ?').run(spec.crtSecs);
        const update = db.prepare(
          'UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, left = ?, data = ?, odid = ?, odue = ? WHERE id = ?',
        );
        for (const c of spec.cards) {
          update.run(c.type, c.queue, c.due, c.ivl ?? 0, c.factor ?? 0, c.reps ?? 0, c.lapses ?? 0, c.left ?? 0, c.data ?? '', c.odid ?? 0, c.odue ?? 0, c.id);
        }
        db.prepare('DELETE FROM revlog').run();
        const insert = db.prepare('INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
        for (const r of spec.revlog) insert.run(r.id, r.cid, r.ease, r.ivl, r.lastIvl ?? 0, r.factor, r.time ?? 5000, r.type);
        if (spec.preset) {
          const row = db.prepare('SELECT dconf FROM col').get() as { dconf: string };
          const dconf = JSON.parse(row.dconf) as Record<string, Record<string, unknown>>;
          dconf['1'] = { ...dconf['1'], ...spec.preset };
          db.prepare('UPDATE col SET dconf = ?').run(JSON.stringify(dconf));
        }
      })();
    } finally {
      db.close();
    }
    return new Uint8Array(readFileSync(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
