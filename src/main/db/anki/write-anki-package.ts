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
import { stripTags } from '../../core/html-text';
import { normalizeDeckPath } from '../../../shared/deck-path';

export interface ExportCard {
  id: number;
  ord: number;
  deckPath: string;
  /** Epoch ms. */
  due: number;
  /** ts-fsrs State: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: 0 | 1 | 2 | 3;
  scheduledDays: number;
  reps: number;
  lapses: number;
  suspended: boolean;
  stability: number;
  difficulty: number;
}

export interface ExportReview {
  cardId: number;
  /** Epoch ms. */
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  scheduledDays: number;
  lastScheduledDays: number;
  /** ts-fsrs State of the card before this review. */
  state: 0 | 1 | 2 | 3;
}

export interface ExportNote {
  id: number;
  guid: string;
  noteType: string;
  fields: Array<{ name: string; value: string }>;
  cards: ExportCard[];
  tags: string[];
  /** Epoch ms. */
  modifiedAt: number;
  /** Card templates in ord order; built from the field names when absent. */
  templates?: Array<{ name: string; front: string; back: string }>;
  cloze?: boolean;
}

export interface AnkiPackageInput {
  notes: ExportNote[];
  reviews: ExportReview[];
  media: Array<{ name: string; data: Uint8Array }>;
  /** Epoch ms of the export; the collection's creation and modification time. */
  createdAt: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_DECK_ID = 1;
const DEFAULT_CONF_ID = 1;
const FIELD_SEPARATOR = '\x1f';
const MAX_ANSWER_MS = 60_000;
const DEFAULT_FACTOR = 2500;
/** Ids derived from hashes land in [ID_BASE, ID_BASE + 2^40): positive, timestamp-like, exact in a double. */
const ID_BASE = 1_000_000_000_000;

const SCHEMA_11 = `
CREATE TABLE col (
  id integer PRIMARY KEY,
  crt integer NOT NULL,
  mod integer NOT NULL,
  scm integer NOT NULL,
  ver integer NOT NULL,
  dty integer NOT NULL,
  usn integer NOT NULL,
  ls integer NOT NULL,
  conf text NOT NULL,
  models text NOT NULL,
  decks text NOT NULL,
  dconf text NOT NULL,
  tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY,
  guid text NOT NULL,
  mid integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  tags text NOT NULL,
  flds text NOT NULL,
  sfld integer NOT NULL,
  csum integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY,
  nid integer NOT NULL,
  did integer NOT NULL,
  ord integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  type integer NOT NULL,
  queue integer NOT NULL,
  due integer NOT NULL,
  ivl integer NOT NULL,
  factor integer NOT NULL,
  reps integer NOT NULL,
  lapses integer NOT NULL,
  left integer NOT NULL,
  odue integer NOT NULL,
  odid integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY,
  cid integer NOT NULL,
  usn integer NOT NULL,
  ease integer NOT NULL,
  ivl integer NOT NULL,
  lastIvl integer NOT NULL,
  factor integer NOT NULL,
  time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (
  usn integer NOT NULL,
  oid integer NOT NULL,
  type integer NOT NULL
);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

const CARD_CSS = `.card {
  font-family: arial;
  font-size: 20px;
  text-align: center;
  color: black;
  background-color: white;
}
`;
const CLOZE_CSS = `${CARD_CSS}
.cloze {
  font-weight: bold;
  color: blue;
}
`;
const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

// ---------------------------------------------------------------------------------------------
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

function normalizeTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim().replace(/\s+/g, '_');
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Note types (models)

interface Template {
  name: string;
  qfmt: string;
  afmt: string;
}

interface ModelGroup {
  key: string;
  name: string;
  cloze: boolean;
  fieldNames: string[];
  givenTemplates: Template[] | null;
  maxOrd: number;
  firstDeckPath: string;
  id: number;
}

function defaultStandardTemplate(fieldNames: string[], ord: number): Template {
  const n = fieldNames.length;
  const front = fieldNames[ord % n] ?? '';
  const rest = fieldNames.filter((_, i) => i !== ord % n);
  const answer = rest.map((f) => `{{${f}}}`).join('<br>\n');
  return {
    name: `Card ${ord + 1}`,
    qfmt: `{{${front}}}`,
    afmt: answer ? `{{FrontSide}}\n\n<hr id=answer>\n\n${answer}` : '{{FrontSide}}',
  };
}

function defaultClozeTemplate(fieldNames: string[]): Template {
  const [text = 'Text', ...rest] = fieldNames;
  const extra = rest.map((f) => `<br>\n{{${f}}}`).join('');
  return { name: 'Cloze', qfmt: `{{cloze:${text}}}`, afmt: `{{cloze:${text}}}${extra}` };
}

/** Field ords a question template refers to, for the legacy `req` list. */
function referencedFields(qfmt: string, fieldNames: string[]): number[] {
  const ords = new Set<number>();
  for (const m of qfmt.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const inner = (m[1] ?? '').trim().replace(/^[#^/]/, '');
    const name = inner.slice(inner.lastIndexOf(':') + 1).trim();
    const ord = fieldNames.indexOf(name);
    if (ord >= 0) ords.add(ord);
  }
  return [...ords].sort((a, b) => a - b);
}

function modelTemplates(group: ModelGroup): Template[] {
  if (group.cloze) {
    const first = group.givenTemplates?.[0];
    return [first ?? defaultClozeTemplate(group.fieldNames)];
  }
  if (group.givenTemplates) {
    if (group.maxOrd >= group.givenTemplates.length) {
      throw new Error(
        `note type "${group.name}" has ${group.givenTemplates.length} template(s) but a card with ord ${group.maxOrd}`,
      );
    }
    return group.givenTemplates;
  }
  const out: Template[] = [];
  for (let ord = 0; ord <= Math.max(0, group.maxOrd); ord++) out.push(defaultStandardTemplate(group.fieldNames, ord));
  return out;
}

function modelJson(group: ModelGroup, deckId: number, modSecs: number): Record<string, unknown> {
  const templates = modelTemplates(group);
  const req = group.cloze
    ? []
    : templates.map((t, ord) => {
        const fields = referencedFields(t.qfmt, group.fieldNames);
        return fields.length > 0 ? [ord, 'any', fields] : [ord, 'none', []];
      });
  return {
    id: group.id,
    name: group.name,
    type: group.cloze ? 1 : 0,
    mod: modSecs,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: group.fieldNames.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
    })),
    css: group.cloze ? CLOZE_CSS : CARD_CSS,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    req,
    tags: [],
    vers: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Decks and configuration

function deckJson(id: number, name: string, modSecs: number): Record<string, unknown> {
  return {
    id,
    name,
    mod: modSecs,
    usn: id === DEFAULT_DECK_ID ? 0 : -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: DEFAULT_CONF_ID,
    extendNew: 0,
    extendRev: 0,
  };
}

function defaultDeckConfig(modSecs: number): Record<string, unknown> {
  return {
    id: DEFAULT_CONF_ID,
    name: 'Default',
    mod: modSecs,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: DEFAULT_FACTOR, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// Cards and review log

interface CardRow {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  left: number;
  data: string;
}

function dayNumber(epochMs: number, crtMs: number): number {
  return Math.floor((epochMs - crtMs) / DAY_MS);
}

function isDayBased(card: ExportCard): boolean {
  return card.state === 2 || ((card.state === 1 || card.state === 3) && card.scheduledDays >= 1);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function cardRow(card: ExportCard, position: number, crtMs: number): CardRow {
  const memory =
    card.state !== 0 && card.stability > 0
      ? JSON.stringify({ s: round(card.stability, 4), d: round(card.difficulty, 3) })
      : '';
  const interval = Math.max(1, Math.round(card.scheduledDays));
  let row: CardRow;
  switch (card.state) {
    case 0:
      row = { type: 0, queue: 0, due: position, ivl: 0, factor: 0, left: 0, data: '' };
      break;
    case 1:
    case 3: {
      const dayLearn = isDayBased(card);
      row = {
        type: card.state === 1 ? 1 : 3,
        queue: dayLearn ? 3 : 1,
        due: dayLearn ? dayNumber(card.due, crtMs) : Math.floor(card.due / 1000),
        ivl: card.state === 3 ? interval : 0,
        factor: DEFAULT_FACTOR,
        left: 1001,
        data: memory,
      };
      break;
    }
    case 2:
      row = {
        type: 2,
        queue: 2,
        due: dayNumber(card.due, crtMs),
        ivl: interval,
        factor: DEFAULT_FACTOR,
        left: 0,
        data: memory,
      };
      break;
  }
  if (card.suspended) row.queue = -1;
  return row;
}

const REVLOG_TYPE: Record<ExportReview['state'], number> = { 0: 0, 1: 0, 2: 1, 3: 2 };

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
      })();
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
