/**
 * Anki package (.apkg) writer, legacy layout: a zip holding `collection.anki2` (an SQLite
 * collection in Anki's schema 11), a `media` JSON map and the media files named "0", "1", ….
 *
 * Input is plain data (no Retain database access). The collection is built with better-sqlite3
 * in a private temporary directory under `tmpDir`, read back into memory and removed.
 *
 * Mapping from Retain (ts-fsrs) scheduling to Anki's v2 scheduler fields:
 * - New → type 0, queue 0, due = new-card position (siblings share their note's position).
 * - Learning / Relearning → type 1 / 3, queue 1, due = epoch seconds; when the step is a day
 *   or longer (scheduledDays ≥ 1) queue 3 ("day learning") with due = day number instead.
 * - Review → type 2, queue 2, due = days since `col.crt`.
 * - Suspended → queue -1 (type unchanged).
 * `col.crt` is the UTC midnight on or before the earliest of `createdAt` and every day-based
 * due date, so day numbers are never negative. FSRS memory state goes into `cards.data` as
 * `{"s": stability, "d": difficulty}`, the keys Anki's FSRS support reads.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { stripTags } from '../../../shared/html-text';
import { normalizeDeckPath } from '../../../shared/deck-path';
import { normalizeTags } from '../../../shared/tags';
import { DAY_MS, DEFAULT_CONF_ID, DEFAULT_DECK_ID, DEFAULT_FACTOR, FIELD_SEPARATOR, ID_BASE, MAX_ANSWER_MS, SCHEMA_11 } from './anki-schema-11';
import { REVLOG_TYPE, cardRow, isDayBased } from './write-anki-cards';
import type { AnkiPackageInput } from './anki-package-input';
import { deckJson, defaultDeckConfig, modelJson, type ModelGroup } from './write-anki-models';

export type { AnkiPackageInput, ExportCard, ExportNote, ExportReview } from './anki-package-input';

// ---------------------------------------------------------------------------------------------
// Text helpers
// Text helpers

/** Field text without HTML, keeping image file names (what Anki sorts and checksums on). */
export function stripHtmlKeepMedia(html: string): string {
  return stripTags(html, { keepMediaNames: true });
}

/** Anki's field checksum: the first 8 hex digits of the SHA-1 of the stripped text, as an integer. */
export function ankiFieldChecksum(fieldHtml: string): number {
  const digest = createHash('sha1').update(stripHtmlKeepMedia(fieldHtml), 'utf8').digest('hex');
  return parseInt(digest.slice(0, 8), 16);
}

function hashId(key: string, taken: Set<number>): number {
  const digest = createHash('sha1').update(key, 'utf8').digest('hex');
  let id = ID_BASE + parseInt(digest.slice(0, 10), 16);
  while (taken.has(id)) id += 1;
  taken.add(id);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Writer

/** Build a legacy (schema 11) .apkg from plain note/card/review data; returns the zip bytes. */
export function writeAnkiPackage(input: AnkiPackageInput, tmpDir: string): Uint8Array {
  const { notes, reviews, media, createdAt } = input;
  const modSecs = Math.floor(createdAt / 1000);

  // Collection creation day: never after any day-based due date.
  let earliest = createdAt;
  for (const n of notes) for (const c of n.cards) if (isDayBased(c) && c.due < earliest) earliest = c.due;
  const crtMs = Math.floor(earliest / DAY_MS) * DAY_MS;

  // Note types: one per distinct (name, kind, field names, templates).
  const takenIds = new Set<number>([DEFAULT_DECK_ID]);
  const groups = new Map<string, ModelGroup>();
  const usedNames = new Set<string>();
  const noteGroup: ModelGroup[] = [];
  for (const note of notes) {
    if (note.fields.length === 0) throw new Error(`note ${note.id} has no fields`);
    const fieldNames = note.fields.map((f) => f.name);
    if (new Set(fieldNames).size !== fieldNames.length) throw new Error(`note ${note.id} repeats a field name`);
    const cloze = note.cloze === true;
    const given = note.templates?.length
      ? note.templates.map((t) => ({ name: t.name, qfmt: t.front, afmt: t.back }))
      : null;
    const key = JSON.stringify([note.noteType, cloze, fieldNames, given]);
    let group = groups.get(key);
    if (!group) {
      const base = note.noteType.trim() || (cloze ? 'Cloze' : 'Basic');
      let name = base;
      for (let n = 2; usedNames.has(name); n++) name = `${base} (${n})`;
      usedNames.add(name);
      group = {
        key,
        name,
        cloze,
        fieldNames,
        givenTemplates: given,
        maxOrd: 0,
        firstDeckPath: normalizeDeckPath(note.cards[0]?.deckPath ?? ''),
        id: hashId(`model:${key}`, takenIds),
      };
      groups.set(key, group);
    }
    for (const c of note.cards) group.maxOrd = Math.max(group.maxOrd, c.ord);
    noteGroup.push(group);
  }

  // Decks: Default plus every deck path used, with missing parents.
  const deckIds = new Map<string, number>([['Default', DEFAULT_DECK_ID]]);
  const addDeck = (path: string): void => {
    const parts = path.split('::');
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join('::');
      if (!deckIds.has(name)) deckIds.set(name, hashId(`deck:${name}`, takenIds));
    }
  };
  for (const n of notes) for (const c of n.cards) addDeck(normalizeDeckPath(c.deckPath));
  const deckIdOf = (path: string): number => deckIds.get(normalizeDeckPath(path)) ?? DEFAULT_DECK_ID;

  const models: Record<string, unknown> = {};
  for (const g of groups.values()) models[String(g.id)] = modelJson(g, deckIdOf(g.firstDeckPath), modSecs);
  const decks: Record<string, unknown> = {};
  for (const [name, id] of deckIds) decks[String(id)] = deckJson(id, name, modSecs);
  const allTags: Record<string, number> = {};
  for (const n of notes) for (const t of normalizeTags(n.tags)) allTags[t] = 0;

  // Media map, in input order.
  const mediaMap: Record<string, string> = {};
  const zipEntries: Zippable = {};
  const mediaNames = new Set<string>();
  media.forEach((m, i) => {
    if (!m.name || /[/\\]/.test(m.name)) throw new Error(`invalid media file name "${m.name}"`);
    if (mediaNames.has(m.name)) throw new Error(`duplicate media file name "${m.name}"`);
    mediaNames.add(m.name);
    mediaMap[String(i)] = m.name;
    zipEntries[String(i)] = [m.data, { level: 0 }];
  });

  const firstModel = groups.values().next().value;
  let nextPos = 1;
  const dir = mkdtempSync(join(tmpDir, 'retain-apkg-'));
  try {
    const file = join(dir, 'collection.anki2');
    const db = new Database(file);
    try {
      db.exec(SCHEMA_11);
      const insertNote = db.prepare(
        'INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)',
      );
      const insertCard = db.prepare(
        'INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
          'VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)',
      );
      const insertRevlog = db.prepare(
        'INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)',
      );

      // A private file no other process opens; IMMEDIATE like every write, so the rule has no exception.
      db.transaction(() => {
        const cardIds = new Set<number>();
        notes.forEach((note, i) => {
          const group = noteGroup[i] as ModelGroup;
          const values = note.fields.map((f) => f.value.replaceAll(FIELD_SEPARATOR, ' '));
          const sortField = stripHtmlKeepMedia(values[0] ?? '');
          const tags = normalizeTags(note.tags);
          insertNote.run(
            note.id,
            note.guid,
            group.id,
            Math.floor(note.modifiedAt / 1000),
            tags.length > 0 ? ` ${tags.join(' ')} ` : '',
            values.join(FIELD_SEPARATOR),
            sortField,
            ankiFieldChecksum(values[0] ?? ''),
            '',
          );
          const hasNew = note.cards.some((c) => c.state === 0);
          const position = nextPos;
          if (hasNew) nextPos += 1;
          for (const card of note.cards) {
            const row = cardRow(card, position, crtMs);
            insertCard.run(
              card.id,
              note.id,
              deckIdOf(card.deckPath),
              card.ord,
              modSecs,
              row.type,
              row.queue,
              row.due,
              row.ivl,
              row.factor,
              card.reps,
              card.lapses,
              row.left,
              row.data,
            );
            cardIds.add(card.id);
          }
        });

        // Review log: only for exported cards; ids are unique ms timestamps.
        const usedIds = new Set<number>();
        const ordered = reviews
          .filter((r) => cardIds.has(r.cardId))
          .map((r, i) => ({ r, i }))
          .sort((a, b) => a.r.reviewedAt - b.r.reviewedAt || a.i - b.i);
        for (const { r } of ordered) {
          let id = Math.round(r.reviewedAt);
          while (usedIds.has(id)) id += 1;
          usedIds.add(id);
          insertRevlog.run(
            id,
            r.cardId,
            r.rating,
            Math.round(r.scheduledDays),
            Math.round(r.lastScheduledDays),
            DEFAULT_FACTOR,
            Math.min(MAX_ANSWER_MS, Math.max(0, Math.round(r.durationMs))),
            REVLOG_TYPE[r.state],
          );
        }

        const conf = {
          activeDecks: [DEFAULT_DECK_ID],
          curDeck: DEFAULT_DECK_ID,
          newSpread: 0,
          collapseTime: 1200,
          timeLim: 0,
          estTimes: true,
          dueCounts: true,
          curModel: firstModel ? String(firstModel.id) : null,
          nextPos,
          sortType: 'noteFld',
          sortBackwards: false,
          addToCur: true,
          schedVer: 2,
        };
        db.prepare(
          'INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags) VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)',
        ).run(
          Math.floor(crtMs / 1000),
          createdAt,
          createdAt,
          JSON.stringify(conf),
          JSON.stringify(models),
          JSON.stringify(decks),
          JSON.stringify({ [String(DEFAULT_CONF_ID)]: defaultDeckConfig(modSecs) }),
          JSON.stringify(allTags),
        );
      }).immediate();
    } finally {
      db.close();
    }
    zipEntries['collection.anki2'] = readFileSync(file);
    zipEntries['media'] = strToU8(JSON.stringify(mediaMap));
    return zipSync(zipEntries);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
