/**
 * The scheduling side of an Anki collection: each card's type, queue, due date, interval, ease
 * and FSRS memory state (`cards.data`), the review log with each entry's kind, and the deck
 * options presets' FSRS parameters and desired retention. Read from the private copy the package
 * reader opened; nothing is written.
 */
import type Database from 'better-sqlite3';
import type { AnkiCardSchedule } from './anki-card-state';
import { ankiFsrsHistory, type AnkiRevlogEntry } from './anki-history';
import type { AnkiPreset, ImportNote, ImportReview } from '../formats/bundle';

type Db = Database.Database;

/** The largest epoch-ms a JavaScript Date holds. */
const MAX_TIME_MS = 8.64e15;

/** A protobuf field as the package reader decodes it (varint, length-delimited bytes, or 4 fixed bytes). */
export interface ScheduleProtoField {
  field: number;
  varint?: number;
  bytes?: Uint8Array;
  fixed32?: Uint8Array;
}
export type ProtoDecoder = (b: Uint8Array) => ScheduleProtoField[];

export interface AnkiScheduling {
  /** col.crt in epoch ms: day numbers of due dates count from this instant's local date. */
  createdAt: number;
  cards: Map<number, AnkiCardSchedule>;
  /** Each card's review log, oldest first. */
  revlog: Map<number, AnkiRevlogEntry[]>;
  presets: AnkiPreset[];
}

function columnsOf(db: Db, table: string): Set<string> {
  const rows = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: unknown }>;
  return new Set(rows.map((r) => String(r.name)));
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** FSRS fields Anki keeps in `cards.data` (JSON): s, d, dr, lrt. Unusable values are left out. */
function cardData(text: unknown): Pick<AnkiCardSchedule, 'memory' | 'desiredRetention' | 'lastReviewAt'> {
  if (typeof text !== 'string' || !text.includes('{')) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  const out: Pick<AnkiCardSchedule, 'memory' | 'desiredRetention' | 'lastReviewAt'> = {};
  const s = finite(o.s);
  const d = finite(o.d);
  if (s !== undefined && d !== undefined && s > 0 && d >= 1 && d <= 10) out.memory = { stability: s, difficulty: d };
  const dr = finite(o.dr);
  if (dr !== undefined && dr > 0 && dr < 1) out.desiredRetention = dr;
  const lrt = finite(o.lrt);
  if (lrt !== undefined && lrt > 0) out.lastReviewAt = lrt * 1000;
  return out;
}

/**
 * The select list of a card's schedule columns (the cards table aliased `c`), in the order
 * scheduleOfRow reads them; columns an old collection lacks read as their defaults.
 */
export function scheduleColumns(db: Db): string {
  const has = columnsOf(db, 'cards');
  const col = (name: string, fallback: string): string => (has.has(name) ? `c.${name}` : fallback);
  const inFiltered = has.has('odid') ? 'c.odid != 0' : '0';
  return `${col('type', '0')}, ${col('queue', '0')},
      CASE WHEN ${inFiltered} AND ${col('odue', '0')} != 0 THEN ${col('odue', 'c.due')} ELSE c.due END,
      ${col('ivl', '0')}, ${col('factor', '0')}, ${col('reps', '0')}, ${col('lapses', '0')}, ${col('left', '0')},
      ${col('data', "''")}`;
}

/** A card's schedule from the values of scheduleColumns, with the preset of its home deck. */
export function scheduleOfRow(values: readonly unknown[], homeDeck: unknown, presetOfDeck: ReadonlyMap<string, string>): AnkiCardSchedule {
  const [type, queue, due, ivl, factor, reps, lapses, left, data] = values;
  const schedule: AnkiCardSchedule = {
    type: Number(type),
    queue: Number(queue),
    due: Number(due) || 0,
    ivl: Math.max(0, Number(ivl) || 0),
    factor: Number(factor) || 0,
    reps: Math.max(0, Number(reps) || 0),
    lapses: Math.max(0, Number(lapses) || 0),
    left: Math.max(0, Number(left) || 0),
    historyComplete: false,
    ...cardData(data),
  };
  const preset = presetOfDeck.get(String(homeDeck));
  if (preset !== undefined) schedule.presetKey = preset;
  return schedule;
}

function cardSchedules(db: Db, presetOfDeck: Map<string, string>): Map<number, AnkiCardSchedule> {
  const homeDeck = columnsOf(db, 'cards').has('odid') ? 'CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END' : 'c.did';
  const sql = `SELECT c.id, ${homeDeck}, ${scheduleColumns(db)} FROM cards c`;
  const out = new Map<number, AnkiCardSchedule>();
  for (const [id, homeDeck, ...values] of db.prepare(sql).raw().iterate() as IterableIterator<unknown[]>) {
    out.set(Number(id), scheduleOfRow(values, homeDeck, presetOfDeck));
  }
  return out;
}

/** The select list of the review-log columns revlogEntry reads, after `cid`. */
function revlogColumns(db: Db): string {
  const has = columnsOf(db, 'revlog');
  const col = (name: string): string => (has.has(name) ? name : '0');
  return `id, ease, ${col('ivl')}, ${col('factor')}, ${col('type')}, ${col('time')}`;
}

/** Add one review-log row (cid first, then revlogColumns) to its card's list; a time no clock can show is left out. */
function addRevlogEntry(out: Map<number, AnkiRevlogEntry[]>, [cid, id, ease, ivl, factor, type, time]: readonly number[]): void {
  // A time no clock can show is not an answer that can be replayed.
  if (!(Number(id) > 0 && Number(id) < MAX_TIME_MS)) return;
  const entry: AnkiRevlogEntry = {
    id: Number(id),
    ease: Number(ease) || 0,
    ivl: Number(ivl) || 0,
    factor: Number(factor) || 0,
    type: Number(type) || 0,
    time: Math.max(0, Number(time) || 0),
  };
  const list = out.get(Number(cid));
  if (list) list.push(entry);
  else out.set(Number(cid), [entry]);
}

function revlogByCard(db: Db): Map<number, AnkiRevlogEntry[]> {
  const out = new Map<number, AnkiRevlogEntry[]>();
  const rows = db.prepare(`SELECT cid, ${revlogColumns(db)} FROM revlog ORDER BY cid, id`).raw().iterate() as IterableIterator<number[]>;
  for (const row of rows) addRevlogEntry(out, row);
  return out;
}

/**
 * The review logs of a few cards at a time, each oldest first: one indexed query per call (the
 * collection copy has an index on revlog.cid, see anki-container.ts), so the whole log is never held.
 */
export function revlogReader(db: Db): (cardIds: readonly number[]) => Map<number, AnkiRevlogEntry[]> {
  const query = db.prepare(`SELECT cid, ${revlogColumns(db)} FROM revlog WHERE cid IN (SELECT value FROM json_each(?)) ORDER BY cid, id`).raw();
  return (cardIds) => {
    const out = new Map<number, AnkiRevlogEntry[]>();
    if (cardIds.length === 0) return out;
    for (const row of query.iterate(JSON.stringify(cardIds)) as IterableIterator<number[]>) addRevlogEntry(out, row);
    return out;
  };
}

/** Parameters, when the list is a usable FSRS parameter set (17, 19 or 21 finite numbers). */
function fsrsParams(list: readonly number[]): number[] | undefined {
  return [17, 19, 21].includes(list.length) && list.every((x) => Number.isFinite(x)) ? [...list] : undefined;
}

function numberList(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

function legacyPresets(db: Db): { presets: AnkiPreset[]; presetOfDeck: Map<string, string> } {
  // The earliest collections have no deck options column.
  if (!columnsOf(db, 'col').has('dconf')) return { presets: [], presetOfDeck: new Map() };
  const row = db.prepare('SELECT decks, dconf FROM col LIMIT 1').get() as { decks: unknown; dconf: unknown } | undefined;
  const parse = (text: unknown): Record<string, unknown> => {
    try {
      const v: unknown = typeof text === 'string' && text.trim() !== '' ? JSON.parse(text) : {};
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const presets: AnkiPreset[] = [];
  for (const [key, raw] of Object.entries(parse(row?.dconf))) {
    if (typeof raw !== 'object' || raw === null) continue;
    const c = raw as Record<string, unknown>;
    const weights = fsrsParams(numberList(c.fsrsParams6)) ?? fsrsParams(numberList(c.fsrsParams5)) ?? fsrsParams(numberList(c.fsrsWeights));
    presets.push(preset(String(c.id ?? key), typeof c.name === 'string' ? c.name : `Preset ${key}`, weights, finite(c.desiredRetention), finite(c.sm2Retention)));
  }
  const presetOfDeck = new Map<string, string>();
  for (const [key, raw] of Object.entries(parse(row?.decks))) {
    if (typeof raw !== 'object' || raw === null) continue;
    const d = raw as Record<string, unknown>;
    if (d.conf !== undefined && d.conf !== null) presetOfDeck.set(String(d.id ?? key), String(d.conf));
  }
  return { presets, presetOfDeck };
}

function preset(key: string, name: string, weights: number[] | undefined, retention: number | undefined, historical: number | undefined): AnkiPreset {
  const p: AnkiPreset = { key, name };
  if (weights) p.weights = weights;
  if (retention !== undefined && retention > 0 && retention < 1) p.desiredRetention = retention;
  if (historical !== undefined && historical > 0 && historical < 1) p.historicalRetention = historical;
  return p;
}

function floats(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let p = 0; p + 4 <= bytes.length; p += 4) out.push(view.getFloat32(p, true));
  return out;
}

/** Schema 18: DeckConfig.Config fields 6/5/3 (FSRS-6/5/4 parameters, packed floats), 37 desired retention, 40 historical retention. */
function schema18Presets(db: Db, decode: ProtoDecoder): { presets: AnkiPreset[]; presetOfDeck: Map<string, string> } {
  const presets: AnkiPreset[] = [];
  const rows = db.prepare('SELECT id, name, config FROM deck_config').all() as Array<{ id: unknown; name: unknown; config: unknown }>;
  for (const r of rows) {
    const fields = r.config instanceof Uint8Array ? decode(r.config) : [];
    const list = (n: number): number[] => fields.filter((f) => f.field === n).flatMap((f) => floats(f.bytes ?? f.fixed32 ?? new Uint8Array()));
    const one = (n: number): number | undefined => {
      const f = fields.filter((x) => x.field === n && x.fixed32).pop();
      return f?.fixed32 ? floats(f.fixed32)[0] : undefined;
    };
    presets.push(preset(String(r.id), String(r.name), fsrsParams(list(6)) ?? fsrsParams(list(5)) ?? fsrsParams(list(3)), one(37), one(40)));
  }
  // decks.kind is Deck.KindContainer: field 1 Normal { int64 config_id = 1 }.
  const presetOfDeck = new Map<string, string>();
  for (const d of db.prepare('SELECT id, kind FROM decks').all() as Array<{ id: unknown; kind: unknown }>) {
    if (!(d.kind instanceof Uint8Array)) continue;
    const normal = decode(d.kind).find((f) => f.field === 1 && f.bytes);
    const config = normal?.bytes ? decode(normal.bytes).find((f) => f.field === 1 && f.varint !== undefined) : undefined;
    if (config?.varint !== undefined) presetOfDeck.set(String(d.id), String(config.varint));
  }
  return { presets, presetOfDeck };
}

/** When the collection was created (col.crt in epoch ms), its presets, and which preset each deck uses. */
export interface AnkiPresets {
  createdAt: number;
  presets: AnkiPreset[];
  presetOfDeck: Map<string, string>;
}

/** Read the collection's creation time and deck options presets; `schema18` selects where presets live. */
export function readAnkiPresets(db: Db, schema18: boolean, decode: ProtoDecoder): AnkiPresets {
  const crt = (db.prepare('SELECT crt FROM col LIMIT 1').get() as { crt: unknown } | undefined)?.crt;
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
  const { presets, presetOfDeck } =
    schema18 && tables.has('deck_config') ? schema18Presets(db, decode) : legacyPresets(db);
  return { createdAt: (Number(crt) || 0) * 1000, presets, presetOfDeck };
}

/** Read the scheduling tables whole (every card's schedule and log at once; the import reads them a batch at a time). */
export function readAnkiScheduling(db: Db, schema18: boolean, decode: ProtoDecoder): AnkiScheduling {
  const { createdAt, presets, presetOfDeck } = readAnkiPresets(db, schema18, decode);
  return { createdAt, cards: cardSchedules(db, presetOfDeck), revlog: revlogByCard(db), presets };
}

/**
 * The answers that count for the memory states of the given notes' cards (see anki-history.ts),
 * whose schedules are attached already; `logsOf` reads the review logs of the cards past new. A
 * card Anki has as new keeps no history: it was reset. Sets each schedule's `historyComplete`.
 */
export function ankiHistories(notes: readonly ImportNote[], logsOf: (cardIds: readonly number[]) => Map<number, AnkiRevlogEntry[]>): ImportReview[] {
  const reviewed: number[] = [];
  for (const note of notes) for (const card of note.cards) if (card.anki && card.anki.type !== 0) reviewed.push(Number(card.sourceKey));
  const logs = logsOf(reviewed);
  const reviews: ImportReview[] = [];
  for (const note of notes) {
    for (const card of note.cards) {
      const schedule = card.anki;
      if (!schedule || schedule.type === 0) continue;
      const history = ankiFsrsHistory(logs.get(Number(card.sourceKey)) ?? []);
      if (!history) continue;
      schedule.historyComplete = history.complete;
      for (const e of history.entries) {
        reviews.push({
          cardKey: card.sourceKey,
          reviewedAt: e.id,
          rating: e.ease as ImportReview['rating'],
          durationMs: e.time,
          anki: { kind: e.type, ivl: e.ivl, factor: e.factor },
        });
      }
    }
  }
  return reviews;
}
